package io.hyperv4j.vhd;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile disk files: a valid VHD or VHDX (with a differencing child) whose structures are given
 * hostile offsets, lengths and sizes, checksums repaired so every check is reached: header log
 * location, region table entries, metadata table entries, BAT entries, VHD footer, dynamic header
 * and parent locators. Open-and-read, write, resize, compact and merge each either succeed with a
 * file that still validates (and passes qemu-img check where it is installed and opens the format)
 * or are refused with a {@link VhdException} and every file byte-identical to before.
 */
class HostileDiskProperties {
    private static final long SIZE = 4 << 20;
    private static final long MIB = 1 << 20;

    /** A field of a structure: where (relative to the file start, or to its end when negative), how wide, which byte order. */
    record Field(String name, long at, int width, boolean bigEndian, boolean vhdx) {
    }

    private static final List<Field> FIELDS = List.of(
            // VHDX headers (both copies; checksums repaired), region table, metadata table, BAT
            new Field("header LogLength", 68, 4, false, true),
            new Field("header LogOffset", 72, 8, false, true),
            new Field("region BAT offset", 192 * 1024 + 32, 8, false, true),
            new Field("region BAT length", 192 * 1024 + 40, 4, false, true),
            new Field("region metadata offset", 192 * 1024 + 64, 8, false, true),
            new Field("region metadata length", 192 * 1024 + 72, 4, false, true),
            new Field("metadata table entry 0 offset", 2 * MIB + 32 + 16, 4, false, true),
            new Field("metadata table entry 0 length", 2 * MIB + 32 + 20, 4, false, true),
            new Field("metadata table entry 1 offset", 2 * MIB + 64 + 16, 4, false, true),
            new Field("metadata table entry count", 2 * MIB + 10, 2, false, true),
            new Field("BAT entry 0", 3 * MIB, 8, false, true),
            new Field("BAT entry 1", 3 * MIB + 8, 8, false, true),
            // VHD footer (both copies), dynamic header, BAT
            new Field("footer DataOffset", -512 + 16, 8, true, false),
            new Field("footer CurrentSize", -512 + 48, 8, true, false),
            new Field("dynamic header TableOffset", 512 + 16, 8, true, false),
            new Field("dynamic header MaxTableEntries", 512 + 28, 4, true, false),
            new Field("dynamic header BlockSize", 512 + 32, 4, true, false),
            new Field("dynamic header locator 0 offset", 512 + 576 + 16, 8, true, false),
            new Field("dynamic header locator 0 length", 512 + 576 + 8, 4, true, false),
            new Field("BAT entry 0", 1536, 4, true, false),
            new Field("BAT entry 1", 1540, 4, true, false));

    enum Operation { READ, WRITE, RESIZE, COMPACT, MERGE_CHILD }

    record Mutation(Field field, long value, boolean onChild, Operation op) {
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        Arbitrary<Long> hostile = Arbitraries.oneOf(
                Arbitraries.of(0L, 1L, 511L, 512L, 4096L, MIB - 1, MIB, 2 * MIB, 3 * MIB, 4 * MIB, 5 * MIB, 6 * MIB,
                        1L << 32, (1L << 32) - 1, 1L << 40, Long.MAX_VALUE, -1L, -MIB),
                Arbitraries.longs().between(0, 16 * MIB).map(v -> v / 512 * 512),
                Arbitraries.longs().between(0, 8 * MIB).map(v -> (v << 20) | 6)); // BAT-entry shaped
        return Combinators.combine(Arbitraries.of(FIELDS), hostile, Arbitraries.of(true, false), Arbitraries.of(Operation.class))
                .as(Mutation::new);
    }

    @Property(tries = 300)
    void hostileFilesAreRefusedUnchangedOrHandledValidly(@ForAll("mutations") Mutation m) throws Exception {
        Path dir = Files.createTempDirectory("hostile");
        try {
            run(dir, m);
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Found by the property (seed 3230888074228304927): a VHD whose BlockSize claims 4 MiB over
     * 2 MiB blocks maps its second block past the old size, and growing the disk brought that
     * stale entry into use after the table had been rewritten. Now refused before any write.
     */
    @net.jqwik.api.Example
    void aResizeThatWouldUseAStaleTableEntryIsRefusedUnchanged() throws Exception {
        Field blockSize = FIELDS.stream().filter(f -> f.name().equals("dynamic header BlockSize")).findFirst().orElseThrow();
        hostileFilesAreRefusedUnchangedOrHandledValidly(new Mutation(blockSize, 4 * MIB, false, Operation.RESIZE));
    }

    private void run(Path dir, Mutation m) throws Exception {
        VhdFormat f = m.field().vhdx() ? VhdFormat.VHDX : VhdFormat.VHD;
        String ext = f == VhdFormat.VHDX ? ".vhdx" : ".vhd";
        Path parent = dir.resolve("p" + ext);
        try (VirtualDisk d = VirtualDisks.create(parent, DiskSpec.dynamic(f, SIZE).withBlockSize(f == VhdFormat.VHDX ? MIB : 0))) {
            d.write(0, new byte[] {1, 2, 3}, 0, 3);
            d.write(SIZE - 4096, new byte[4096], 0, 4096);
        }
        Path child = dir.resolve("c" + ext);
        VirtualDisks.createFile(child, DiskSpec.differencing(f, parent));
        try (VirtualDisk d = VirtualDisks.open(child, OpenMode.READ_WRITE)) {
            d.write(MIB + 7, new byte[] {4, 5}, 0, 2);
        }
        Path target = m.onChild() ? child : parent;
        mutate(target, m.field(), m.value());
        byte[] parentBefore = Files.readAllBytes(parent);
        byte[] childBefore = Files.readAllBytes(child);
        try {
            apply(m.op(), target, child);
        } catch (VhdException refused) {
            assertArrayEquals(parentBefore, Files.readAllBytes(parent), "refused (" + refused.getMessage() + ") yet the parent changed");
            if (Files.exists(child)) assertArrayEquals(childBefore, Files.readAllBytes(child), "refused yet the child changed");
            else fail("refused (" + refused.getMessage() + ") yet the child is gone");
            return;
        }
        for (Path p : List.of(parent, child)) {
            if (!Files.exists(p)) continue;
            ValidationReport r = VirtualDisks.validate(p);
            boolean untouched = p.equals(parent) ? java.util.Arrays.equals(parentBefore, Files.readAllBytes(p))
                    : java.util.Arrays.equals(childBefore, Files.readAllBytes(p));
            // A file the operation did not write may keep its (hostile) fault; one it wrote must be valid.
            if (!untouched) assertTrue(r.ok(), m + " succeeded but left " + p + " invalid: " + r);
            if (!untouched && r.ok() && f == VhdFormat.VHDX && ExternalTools.find("qemu-img").isPresent()
                    && VirtualDisks.inspect(p).vhdType() != VhdType.DIFFERENCING) {
                ExternalTools.Run check = ExternalTools.run("qemu-img", "check", "-f", "vhdx", p.toString());
                assertEquals(0, check.exitCode(), m + ": " + check.output());
            }
        }
    }

    private static void apply(Operation op, Path target, Path child) {
        switch (op) {
            case READ -> {
                try (VirtualDisk d = VirtualDisks.open(target, OpenMode.READ_ONLY)) {
                    byte[] b = new byte[(int) Math.min(d.size(), 8 * MIB)];
                    d.read(0, b, 0, b.length);
                }
            }
            case WRITE -> {
                try (VirtualDisk d = VirtualDisks.open(target, OpenMode.READ_WRITE)) {
                    d.write(2 * MIB + 11, new byte[] {9, 9, 9}, 0, 3);
                    d.flush();
                }
            }
            case RESIZE -> VirtualDisks.resize(target, 2 * SIZE);
            case COMPACT -> VirtualDisks.compact(target);
            case MERGE_CHILD -> VirtualDisks.merge(child);
        }
    }

    private static void mutate(Path p, Field field, long value) throws IOException {
        long size = Files.size(p);
        long at = field.at() < 0 ? size + field.at() : field.at();
        byte[] b = new byte[field.width()];
        for (int i = 0; i < field.width(); i++) {
            int shift = 8 * (field.bigEndian() ? field.width() - 1 - i : i);
            b[i] = (byte) (value >>> shift);
        }
        if (field.vhdx()) {
            boolean inHeader = at < 192 * 1024 && at >= 0 && at < 4096;
            boolean inRegion = at >= 192 * 1024 && at < 256 * 1024;
            if (inHeader) {
                Corrupt.write(p, 64 * 1024 + at, b);
                Corrupt.write(p, 128 * 1024 + at, b);
            } else if (inRegion) {
                Corrupt.write(p, at, b);
                Corrupt.write(p, at + 64 * 1024, b);
            } else {
                Corrupt.write(p, at, b);
            }
            Corrupt.fixVhdxHeaders(p);
        } else {
            Corrupt.write(p, at, b);
            if (field.at() < 0) Corrupt.write(p, field.at() + 512, b); // the footer copy at the start
            Corrupt.fixVhdFooters(p);
        }
    }
}
