package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.disk.DiskImages;
import io.hyperv4j.vhd.ByteRange;
import io.hyperv4j.vhd.DiskInfo;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.ValidationReport;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vhd.VhdType;
import io.hyperv4j.vhd.VirtualDisks;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code hyperv vhd ...}: the local VHD/VHDX engine (io.hyperv4j.vhd) on disk files, with Get-VHD's
 * property names in JSON. Works on files directly; no host is involved. With --lab or --host, the
 * host does the work through Msvm_ImageManagementService ({@link DiskImages#on}), paths being
 * the host's; {@code changes} is local only.
 */
public final class VhdNoun implements NounCommand {
    private static final Verb GET = Verb.of("get", "Show a disk file's properties (Get-VHD)").arg("PATH");
    private static final Verb NEW = Verb.of("new", "Create a disk file (New-VHD); the format follows the extension (.vhd, .vhdx)")
            .arg("PATH")
            .option("--size", "SIZE", "virtual size, e.g. 40GB (not for differencing disks)")
            .flag("--fixed", "a fixed disk: all space allocated now")
            .flag("--dynamic", "a dynamic disk: space allocated as written (the default)")
            .option("--parent", "PATH", "create a differencing disk on this parent")
            .option("--block-size", "SIZE", "block size (VHDX 1MB..256MB, default 32MB; VHD default 2MB)")
            .option("--logical-sector", "BYTES", "VHDX logical sector size, 512 or 4096")
            .option("--physical-sector", "BYTES", "VHDX physical sector size, 512 or 4096");
    private static final Verb CONVERT = Verb.of("convert", "Copy a disk into a new file of another format or type (Convert-VHD;"
            + " raw .img/.raw images too; format from DESTINATION's extension)")
            .arg("SOURCE").arg("DESTINATION")
            .option("--type", "TYPE", "fixed or dynamic (default: dynamic; raw is always fixed)")
            .option("--block-size", "SIZE", "block size of the new disk");
    private static final Verb RESIZE = Verb.of("resize", "Grow a disk, or shrink a VHDX or raw image (Resize-VHD)").arg("PATH")
            .option("--size", "SIZE", "the new virtual size, e.g. 60GB");
    private static final Verb OPTIMIZE = Verb.of("optimize", "Reclaim unused blocks of a dynamic or differencing disk (Optimize-VHD)")
            .arg("PATH");
    private static final Verb MERGE = Verb.of("merge", "Merge a differencing disk into its parent and delete it (Merge-VHD)")
            .arg("CHILD")
            .option("--destination", "PATH", "the disk to merge into: the child's parent (the default)");
    private static final Verb SET_PARENT = Verb.of("set-parent", "Re-point a differencing disk at another parent")
            .arg("CHILD").arg("PARENT");
    private static final Verb TEST = Verb.of("test", "Check a disk file's structures and parent chain (Test-VHD)")
            .arg("PATH");
    private static final Verb CHANGES = Verb.of("changes", "List the byte ranges that differ between two states of a disk")
            .arg("BEFORE").arg("AFTER");

    /** Verbs a host (--lab, --host) runs as jobs, so they take --as-job there. */
    private static final List<Verb> VERBS = List.of(GET, asJob(NEW), asJob(CONVERT), asJob(RESIZE), asJob(OPTIMIZE), asJob(MERGE),
            asJob(SET_PARENT), TEST, CHANGES);

    private static Verb asJob(Verb v) {
        return v.flag(AsJob.FLAG, "with --lab or --host: " + AsJob.HELP);
    }

    @Override
    public String name() {
        return "vhd";
    }

    @Override
    public String summary() {
        return "create, inspect, convert, resize, compact, merge and check VHD/VHDX files";
    }

    @Override
    public List<Verb> verbs() {
        return VERBS;
    }

    @Override
    public void run(Verb verb, ParsedArgs args, CommandContext ctx) {
        if (ctx.targetGiven() && !verb.name().equals("changes")) {
            new VhdOnHost(ctx.hyperV().disks(), ctx).run(verb, args);
            return;
        }
        if (args.flag(AsJob.FLAG)) throw new UsageException(name(), "--as-job is for a host's jobs (--lab or --host); a local file is done at once");
        switch (verb.name()) {
            case "get" -> show(ctx, VirtualDisks.inspect(path(args, "PATH")));
            case "new" -> show(ctx, create(args));
            case "convert" -> {
                Path dst = path(args, "DESTINATION");
                VhdFormat format = VhdFormat.fromFileName(dst.getFileName().toString());
                VhdType type = format == VhdFormat.RAW ? VhdType.FIXED : type(args);
                long block = args.sizeOption("--block-size").orElse(0L);
                show(ctx, VirtualDisks.convert(path(args, "SOURCE"), dst,
                        new DiskSpec(format, type, 0, format == VhdFormat.RAW ? 0 : block, 0, 0, null, null)));
            }
            case "resize" -> show(ctx, VirtualDisks.resize(path(args, "PATH"), newSize(args)));
            case "optimize" -> show(ctx, VirtualDisks.compact(path(args, "PATH")));
            case "merge" -> {
                Path child = path(args, "CHILD");
                checkDestination(args, VirtualDisks.inspect(child).parentPath(), child);
                show(ctx, VirtualDisks.inspect(VirtualDisks.merge(child)));
            }
            case "set-parent" -> {
                Path child = path(args, "CHILD");
                VirtualDisks.setParent(child, path(args, "PARENT"));
                show(ctx, VirtualDisks.inspect(child));
            }
            case "test" -> validate(ctx, path(args, "PATH"));
            case "changes" -> changes(ctx, VirtualDisks.changedBlocks(path(args, "BEFORE"), path(args, "AFTER")));
            default -> throw new UsageException("unknown verb " + verb.name());
        }
    }

    /** What {@code new} asks for; the disk's path is PATH. */
    static DiskSpec spec(ParsedArgs args) {
        Path path = path(args, "PATH");
        VhdFormat format = VhdFormat.fromFileName(path.getFileName().toString());
        if (format == VhdFormat.RAW) {
            throw new UsageException("PATH must end in .vhd or .vhdx");
        }
        long block = args.sizeOption("--block-size").orElse(0L);
        int logical = (int) (long) args.longOption("--logical-sector", 512, 4096).orElse(0L);
        int physical = (int) (long) args.longOption("--physical-sector", 512, 4096).orElse(0L);
        if (args.option("--parent").isPresent()) {
            if (args.option("--size").isPresent() || args.flag("--fixed") || args.flag("--dynamic")) {
                throw new UsageException("a differencing disk takes its size and type from --parent; drop --size, --fixed and --dynamic");
            }
            return DiskSpec.differencing(format, Path.of(args.option("--parent").get()).toAbsolutePath()).withBlockSize(block);
        }
        long size = args.sizeOption("--size").orElseThrow(() -> new UsageException("--size is required"));
        if (args.flag("--fixed") && args.flag("--dynamic")) throw new UsageException("give --fixed or --dynamic, not both");
        VhdType type = args.flag("--fixed") ? VhdType.FIXED : VhdType.DYNAMIC;
        return new DiskSpec(format, type, size, block, logical, physical, null, null);
    }

    /** Resize's --size, required. */
    static long newSize(ParsedArgs args) {
        return args.sizeOption("--size").orElseThrow(() -> new UsageException("--size is required"));
    }

    /** Merge-VHD merges into a parent; this engine (like Msvm_ImageManagementService here) into the immediate one. */
    static Path checkDestination(ParsedArgs args, Path parent, Path child) {
        if (parent == null) throw new CommandFailedException(child + " is not a differencing disk: nothing to merge into");
        args.option("--destination").map(d -> Path.of(d).toAbsolutePath().normalize()).ifPresent(d -> {
            if (!d.equals(parent.toAbsolutePath().normalize()))
                throw new CommandFailedException("--destination " + d + " is not the parent of " + child + " (" + parent
                        + "); merging past the immediate parent is not supported");
        });
        return parent;
    }

    private static DiskInfo create(ParsedArgs args) {
        Path path = path(args, "PATH");
        VirtualDisks.createFile(path, spec(args));
        try {
            return VirtualDisks.inspect(path);
        } catch (RuntimeException e) {
            // e.g. a parent outside the child's folder: a disk that does not open is not left behind
            try {
                java.nio.file.Files.deleteIfExists(path);
            } catch (java.io.IOException ignored) {
                // reporting why it does not open
            }
            throw e;
        }
    }

    static VhdType type(ParsedArgs args) {
        String t = args.option("--type").orElse("dynamic").toLowerCase(Locale.ROOT);
        return switch (t) {
            case "fixed" -> VhdType.FIXED;
            case "dynamic" -> VhdType.DYNAMIC;
            default -> throw new UsageException("--type must be fixed or dynamic, not " + t);
        };
    }

    static long size(String text) {
        try {
            return Sizes.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("bad size \"" + text + "\": " + e.getMessage());
        }
    }

    private static Path path(ParsedArgs args, String name) {
        return Path.of(args.arg(name));
    }

    static void show(CommandContext ctx, DiskInfo i) {
        show(ctx, i, null);
    }

    /** Get-VHD's object; {@code computerName} is the host that read the disk, or null for a local file. */
    static void show(CommandContext ctx, DiskInfo i, String computerName) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (computerName != null) o.put("ComputerName", computerName);
        o.put("Path", i.path().toString());
        o.put("VhdFormat", i.vhdFormat().name());
        o.put("VhdType", capitalized(i.vhdType().name()));
        o.put("Size", i.size());
        o.put("FileSize", i.fileSize());
        if (i.minimumSize() == null) {
            o.putNull("MinimumSize");
        } else {
            o.put("MinimumSize", i.minimumSize());
        }
        o.put("LogicalSectorSize", i.logicalSectorSize());
        o.put("PhysicalSectorSize", i.physicalSectorSize());
        o.put("BlockSize", i.blockSize());
        o.put("ParentPath", i.parentPath() == null ? "" : i.parentPath().toString());
        o.put("DiskIdentifier", i.diskIdentifier() == null ? "" : i.diskIdentifier().toString().toUpperCase(Locale.ROOT));
        if (i.fragmentationPercentage() == null) {
            o.putNull("FragmentationPercentage");
        } else {
            o.put("FragmentationPercentage", i.fragmentationPercentage());
        }
        StringBuilder text = new StringBuilder();
        o.fields().forEachRemaining(e -> text.append(String.format(Locale.ROOT, "%-24s: %s%n", e.getKey(),
                e.getValue().isNull() ? "" : e.getValue().asText())));
        ctx.output().result(o, text.toString());
    }

    private static String capitalized(String s) {
        return s.charAt(0) + s.substring(1).toLowerCase(Locale.ROOT);
    }

    private static void validate(CommandContext ctx, Path path) {
        ValidationReport r = VirtualDisks.validate(path);
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("Path", path.toString());
        o.put("Ok", r.ok());
        ArrayNode problems = o.putArray("Problems");
        StringBuilder text = new StringBuilder(r.ok() ? "OK: " + path + "\n" : "");
        for (ValidationReport.Problem p : r.problems()) {
            problems.addObject().put("Severity", p.severity().name()).put("Structure", p.structure())
                    .put("FileOffset", p.fileOffset()).put("Message", p.message());
            text.append(p.severity()).append(": ").append(p.message()).append('\n');
        }
        ctx.output().result(o, text.toString());
        if (!r.ok()) {
            throw new CommandFailedException(path + " has " + r.problems().size() + " problem(s)");
        }
    }

    private static void changes(CommandContext ctx, List<ByteRange> ranges) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        StringBuilder text = new StringBuilder();
        long total = 0;
        for (ByteRange r : ranges) {
            a.addObject().put("Offset", r.offset()).put("Length", r.length());
            text.append(r.offset()).append(' ').append(r.length()).append('\n');
            total += r.length();
        }
        text.append(ranges.size()).append(" range(s), ").append(Sizes.format(total)).append(" changed\n");
        ctx.output().result(a, text.toString());
    }
}
