package io.hyperv4j.disk;

import io.hyperv4j.InvalidParameterException;
import io.hyperv4j.MethodFailedException;
import io.hyperv4j.NotSupportedException;
import io.hyperv4j.internal.disk.DiskRefusal;
import io.hyperv4j.internal.disk.DiskWork;
import io.hyperv4j.job.CompletedOperation;
import io.hyperv4j.job.Operation;
import io.hyperv4j.job.ReturnCodes;
import io.hyperv4j.vhd.DiskInfo;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.VhdException;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vhd.VhdType;
import java.nio.file.Path;
import java.util.function.Supplier;

/** {@link DiskImages} on local files: the engine does the work at once, with Hyper-V's checks and codes. */
final class LocalDiskImages implements DiskImages {
    static final LocalDiskImages INSTANCE = new LocalDiskImages();

    private LocalDiskImages() {}

    @Override
    public Operation<Path> create(Path path, DiskSpec spec) {
        Path p = abs(path);
        DiskSpec s = spec.parent() == null ? spec : DiskSpec.differencing(spec.format(), abs(spec.parent()))
                .withBlockSize(spec.blockSize()).withSectorSizes(spec.logicalSectorSize(), spec.physicalSectorSize())
                .withSize(spec.size());
        return run("create virtual hard disk '" + p + "'", p, () -> DiskWork.create(p, s));
    }

    @Override
    public DiskInfo inspect(Path path) {
        Path p = abs(path);
        try {
            return DiskWork.inspect(p);
        } catch (DiskRefusal r) {
            throw refusal("inspect virtual hard disk '" + p + "'", r);
        }
    }

    @Override
    public Operation<Path> resize(Path path, long newSize) {
        Path p = abs(path);
        return run("resize virtual hard disk '" + p + "' to " + newSize + " bytes", p, () -> DiskWork.resize(p, newSize));
    }

    @Override
    public Operation<Path> convert(Path source, Path destination, VhdFormat format, VhdType type) {
        Path s = abs(source);
        Path d = abs(destination);
        return run("convert virtual hard disk '" + s + "' to '" + d + "'", d,
                () -> DiskWork.convert(s, d, new DiskSpec(format, type, 0, 0, 0, 0, null, null)));
    }

    @Override
    public Operation<Path> compact(Path path) {
        Path p = abs(path);
        return run("compact virtual hard disk '" + p + "'", p, () -> DiskWork.compact(p, 0));
    }

    @Override
    public Operation<Path> merge(Path child, Path destination) {
        Path c = abs(child);
        Path d = abs(destination);
        return run("merge virtual hard disk '" + c + "' into '" + d + "'", d, () -> DiskWork.merge(c, d));
    }

    @Override
    public Operation<Path> setParent(Path child, Path newParent) {
        Path c = abs(child);
        Path p = abs(newParent);
        return run("set the parent of virtual hard disk '" + c + "' to '" + p + "'", c, () -> DiskWork.setParent(c, p));
    }

    @Override
    public Operation<Path> validate(Path path) {
        Path p = abs(path);
        return run("validate virtual hard disk '" + p + "'", p, () -> {
            try {
                return DiskWork.validate(p);
            } catch (VhdException damaged) {
                throw new InvalidDiskException(damaged.getMessage(), damaged);
            }
        });
    }

    private static Operation<Path> run(String attempted, Path result, Supplier<DiskWork.Done> work) {
        try {
            work.get();
            return new CompletedOperation<>(attempted, result);
        } catch (DiskRefusal r) {
            throw refusal(attempted, r);
        }
    }

    /** The same exception type and code a host's refusal gives, with the reason known here. */
    static RuntimeException refusal(String attempted, DiskRefusal r) {
        String name = ReturnCodes.name(ReturnCodes.Family.MSVM, r.code());
        String msg = "Cannot " + attempted + ": " + r.getMessage() + " (" + r.code() + " " + name + ")";
        return switch (r.code()) {
            case DiskRefusal.INVALID_PARAMETER -> new InvalidParameterException(msg, r.code(), name);
            case DiskRefusal.NOT_SUPPORTED -> new NotSupportedException(msg, r.code(), name);
            default -> new MethodFailedException(msg, r.code(), name, r);
        };
    }

    private static Path abs(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
