package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.disk.InvalidDiskException;
import io.hyperv4j.disk.DiskImages;
import io.hyperv4j.job.Operation;
import io.hyperv4j.vhd.DiskInfo;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.VhdFormat;
import java.nio.file.Path;

/** The {@code vhd} verbs done by a host (--lab or --host) through the typed API; paths are the host's. */
final class VhdOnHost {
    private final DiskImages disks;
    private final CommandContext ctx;
    private boolean asJob;

    VhdOnHost(DiskImages disks, CommandContext ctx) {
        this.disks = disks;
        this.ctx = ctx;
    }

    void run(Verb verb, ParsedArgs args) {
        this.asJob = args.flag(AsJob.FLAG);
        switch (verb.name()) {
            case "get" -> show(path(args, "PATH"));
            case "new" -> {
                DiskSpec spec = VhdNoun.spec(args);
                show(done(disks.create(path(args, "PATH"), spec), "Creating"));
            }
            case "convert" -> {
                Path dst = path(args, "DESTINATION");
                VhdFormat format = VhdFormat.fromFileName(dst.getFileName().toString());
                if (format == VhdFormat.RAW) throw new UsageException("a host converts to .vhd or .vhdx only, not " + dst);
                show(done(disks.convert(path(args, "SOURCE"), dst, format, VhdNoun.type(args)), "Converting"));
            }
            case "resize" -> show(done(disks.resize(path(args, "PATH"), VhdNoun.newSize(args)), "Resizing"));
            case "optimize" -> show(done(disks.compact(path(args, "PATH")), "Compacting"));
            case "merge" -> {
                Path child = path(args, "CHILD");
                Path parent = VhdNoun.checkDestination(args, disks.inspect(child).parentPath(), child);
                show(done(disks.merge(child, parent), "Merging"));
            }
            case "set-parent" -> show(done(disks.setParent(path(args, "CHILD"), path(args, "PARENT")), "Re-pointing"));
            case "test" -> validate(path(args, "PATH"));
            default -> throw new UsageException("vhd " + verb.name() + " works on local files only; drop --lab/--host");
        }
    }

    /** The operation's result once done; null with --as-job, the job printed instead. */
    private Path done(Operation<Path> op, String label) {
        if (asJob) {
            AsJob.started(ctx, op.description(), "", op);
            return null;
        }
        VmNoun.await(ctx, op, label + " " + op.description());
        return op.await();
    }

    private void show(Path p) {
        if (p == null) return; // started as a job
        DiskInfo info = disks.inspect(p);
        VhdNoun.show(ctx, info, ctx.computerName());
    }

    private void validate(Path p) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("Path", p.toString());
        try {
            done(disks.validate(p), "Validating");
        } catch (InvalidDiskException e) {
            o.put("Ok", false).put("Message", e.getMessage());
            ctx.output().result(o, e.getMessage() + "\n");
            throw new CommandFailedException(e.getMessage());
        }
        o.put("Ok", true);
        ctx.output().result(o, "OK: " + p + "\n");
    }

    private static Path path(ParsedArgs args, String name) {
        return Path.of(args.arg(name)).toAbsolutePath();
    }
}
