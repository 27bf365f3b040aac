package io.hyperv4j.internal.disk;

import io.hyperv4j.vhd.DiskInfo;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.ValidationReport;
import io.hyperv4j.vhd.VhdException;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vhd.VhdType;
import io.hyperv4j.vhd.VirtualDisks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The virtual disk operations of Msvm_ImageManagementService, done on files by the engine, with
 * the checks Hyper-V makes before it starts a job. Shared by the simulated host and the local
 * implementation of {@link DiskImages}, so both refuse the same requests with the same codes.
 * <p>Every method first checks and throws a {@link DiskRefusal} (nothing changed); after that, an
 * engine failure is a {@link io.hyperv4j.vhd.VhdException} (the engine writes atomically, so the
 * files are as before). Paths must be absolute; where they may be is the caller's business.
 */
public final class DiskWork {
    /** VHDX's documented maximum virtual size, 64 TB. */
    static final long VHDX_MAX = 64L << 40;
    /** VHD's documented maximum virtual size, 2040 GB. */
    static final long VHD_MAX = 2040L << 30;

    private DiskWork() {}

    /** What an operation did: the resulting disk, and how many bytes it read or wrote (for timing). */
    public record Done(DiskInfo info, long bytesMoved) {
        public Done {
            Objects.requireNonNull(info, "info");
        }
    }

    public static Done create(Path path, DiskSpec spec) {
        checkFormat(spec.format());
        if (Files.exists(path)) throw invalid("cannot create '" + path + "': the file already exists");
        if (path.getParent() == null || !Files.isDirectory(path.getParent()))
            throw notFound("cannot create '" + path + "': directory '" + path.getParent() + "' does not exist");
        if (spec.type() == VhdType.DIFFERENCING) {
            DiskInfo parent = existing(spec.parent(), "parent disk");
            if (spec.size() != 0 && spec.size() != parent.size())
                throw invalid("a differencing disk has its parent's size " + parent.size() + ", not " + spec.size());
        } else {
            checkSize(spec.format(), spec.size(), path);
        }
        VirtualDisks.createFile(path, spec);
        DiskInfo info = VirtualDisks.inspect(path);
        return new Done(info, info.fileSize());
    }

    public static DiskInfo inspect(Path path) {
        return existing(path, "virtual hard disk");
    }

    public static Done resize(Path path, long newSize) {
        DiskInfo before = existing(path, "virtual hard disk");
        checkSize(before.vhdFormat(), newSize, path);
        if (newSize < before.size()) {
            if (before.vhdFormat() == VhdFormat.VHD)
                throw new DiskRefusal(DiskRefusal.NOT_SUPPORTED, "cannot shrink '" + path + "': VHD files can only grow");
            if (before.minimumSize() == null || newSize < before.minimumSize())
                throw invalid("cannot shrink '" + path + "' to " + newSize + " bytes: its minimum size is "
                        + (before.minimumSize() == null ? "unknown" : before.minimumSize() + " bytes"));
        }
        DiskInfo after = VirtualDisks.resize(path, newSize);
        return new Done(after, Math.abs(after.fileSize() - before.fileSize()) + (1L << 20));
    }

    /** CompactVirtualHardDisk: Mode 0 Full, 1 Quick, 2 Retrim, 3 Pretrimmed, 4 Prezeroed all free unused blocks here. */
    public static Done compact(Path path, int mode) {
        if (mode < 0 || mode > 4) throw invalid("compact mode " + mode + " is not one of 0 Full, 1 Quick, 2 Retrim, 3 Pretrimmed, 4 Prezeroed");
        DiskInfo before = existing(path, "virtual hard disk");
        if (before.vhdFormat() == VhdFormat.RAW || (before.vhdFormat() == VhdFormat.VHD && before.vhdType() == VhdType.FIXED))
            throw new DiskRefusal(DiskRefusal.NOT_SUPPORTED, "cannot compact '" + path + "': only fixed VHDX and dynamic or"
                    + " differencing VHD/VHDX files can be compacted");
        if (before.vhdType() == VhdType.FIXED) return new Done(before, before.fileSize()); // nothing unallocated to free
        DiskInfo after = VirtualDisks.compact(path);
        return new Done(after, before.fileSize());
    }

    public static Done convert(Path source, Path destination, DiskSpec target) {
        DiskInfo src = existing(source, "source disk");
        checkFormat(target.format());
        if (target.type() == VhdType.DIFFERENCING) throw invalid("cannot convert to a differencing disk: give Type 2 (fixed) or 3 (dynamic)");
        if (Files.exists(destination)) throw invalid("cannot convert to '" + destination + "': the file already exists");
        if (destination.getParent() == null || !Files.isDirectory(destination.getParent()))
            throw notFound("cannot convert to '" + destination + "': directory '" + destination.getParent() + "' does not exist");
        if (source.normalize().equals(destination.normalize())) throw invalid("source and destination are the same file '" + source + "'");
        DiskInfo after = VirtualDisks.convert(source, destination, target);
        return new Done(after, src.fileSize() + after.fileSize());
    }

    /** MergeVirtualHardDisk: {@code destination} must be the source's parent (the engine merges one level). */
    public static Done merge(Path source, Path destination) {
        DiskInfo child = existing(source, "source disk");
        existing(destination, "destination disk");
        if (child.vhdType() != VhdType.DIFFERENCING)
            throw invalid("cannot merge '" + source + "': it is a " + child.vhdType().name().toLowerCase() + " disk, not a differencing disk");
        if (!sameFile(child.parentPath(), destination))
            throw invalid("cannot merge '" + source + "' into '" + destination + "': its parent is '" + child.parentPath() + "'");
        Path parent = VirtualDisks.merge(source);
        return new Done(VirtualDisks.inspect(parent), child.fileSize());
    }

    /** SetVirtualHardDiskSettingData with ParentPath: re-points a differencing disk at another parent. */
    public static Done setParent(Path child, Path parent) {
        DiskInfo c = existing(child, "differencing disk");
        DiskInfo p = existing(parent, "parent disk");
        if (c.vhdType() != VhdType.DIFFERENCING) throw invalid("cannot set the parent of '" + child + "': it is not a differencing disk");
        if (p.size() != c.size() || p.vhdFormat() != c.vhdFormat())
            throw invalid("'" + parent + "' (" + p.vhdFormat() + ", " + p.size() + " bytes) cannot be the parent of '" + child
                    + "' (" + c.vhdFormat() + ", " + c.size() + " bytes)");
        if (sameFile(child, parent)) throw invalid("'" + child + "' cannot be its own parent");
        VirtualDisks.setParent(child, parent);
        return new Done(VirtualDisks.inspect(child), 1L << 20);
    }

    /** ValidateVirtualHardDisk: the disk and its chain; throws a {@link VhdException} naming every error. */
    public static Done validate(Path path) {
        if (!Files.isRegularFile(path)) throw notFound("virtual hard disk '" + path + "' does not exist");
        ValidationReport r = VirtualDisks.validate(path);
        if (!r.ok())
            throw new VhdException("'" + path + "' is not valid: " + r.problems().stream()
                    .filter(p -> p.severity() == ValidationReport.Severity.ERROR)
                    .map(p -> p.structure() + (p.fileOffset() >= 0 ? " at " + p.fileOffset() : "") + ": " + p.message())
                    .collect(Collectors.joining("; ")));
        return new Done(VirtualDisks.inspect(path), fileSize(path));
    }

    // ---------------------------------------------------------------- checks

    private static DiskInfo existing(Path path, String what) {
        if (path == null) throw invalid("no " + what + " path given");
        if (!Files.isRegularFile(path)) throw notFound(what + " '" + path + "' does not exist");
        try {
            return VirtualDisks.inspect(path);
        } catch (RuntimeException e) {
            throw invalid(what + " '" + path + "' cannot be read as a virtual hard disk: " + e.getMessage());
        }
    }

    private static void checkFormat(VhdFormat f) {
        if (f != VhdFormat.VHD && f != VhdFormat.VHDX) throw invalid("format " + f + " is not a Hyper-V format: give 2 (VHD) or 3 (VHDX)");
    }

    private static void checkSize(VhdFormat f, long size, Path path) {
        long max = f == VhdFormat.VHD ? VHD_MAX : VHDX_MAX;
        if (size <= 0 || size % 512 != 0 || size > max)
            throw invalid("size " + size + " for '" + path + "' must be a positive multiple of 512 bytes up to " + max);
    }

    private static long fileSize(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean sameFile(Path a, Path b) {
        if (a == null || b == null) return false;
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    private static DiskRefusal invalid(String m) {
        return new DiskRefusal(DiskRefusal.INVALID_PARAMETER, m);
    }

    private static DiskRefusal notFound(String m) {
        return new DiskRefusal(DiskRefusal.FILE_NOT_FOUND, m);
    }
}
