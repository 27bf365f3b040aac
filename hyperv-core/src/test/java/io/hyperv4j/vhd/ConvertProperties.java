package io.hyperv4j.vhd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Converting moves exactly the source's content, whatever mix of absent blocks, written zeros and
 * data runs it holds and however they straddle the copy's chunks and pieces and the blocks of
 * both layouts: every target reads what the source reads, validates, and a dynamic target stores
 * no block the source reads as zeros throughout.
 */
class ConvertProperties {
    private static final long MIB = 1 << 20;

    /** A run written into the source: at an odd offset, of an odd length, data or zeros. */
    record Run(long offset, int length, boolean zeros, long seed) {}

    @Provide
    Arbitrary<List<Run>> runs() {
        Arbitrary<Run> run = Combinators.combine(Arbitraries.longs().between(0, 36 * MIB), Arbitraries.integers().between(1, (int) (6 * MIB)),
                Arbitraries.of(false, false, true), Arbitraries.longs()).as(Run::new);
        return run.list().ofMinSize(0).ofMaxSize(6);
    }

    @Property(tries = 12)
    void everyTargetReadsWhatTheSourceReads(@ForAll("runs") List<Run> runs, @ForAll VhdFormat sourceFormat,
            @ForAll("sizes") long size) throws IOException {
        Path dir = Files.createTempDirectory("convert-props");
        try {
            Path source = dir.resolve("src." + extension(sourceFormat));
            DiskSpec spec = sourceFormat == VhdFormat.RAW ? DiskSpec.fixed(VhdFormat.RAW, size)
                    : DiskSpec.dynamic(sourceFormat, size).withBlockSize(2 * MIB);
            try (VirtualDisk d = VirtualDisks.create(source, spec)) {
                for (Run r : runs) {
                    long at = Math.min(r.offset(), size - 1);
                    int n = (int) Math.min(r.length(), size - at);
                    byte[] b = new byte[n];
                    if (!r.zeros()) new Random(r.seed()).nextBytes(b);
                    d.write(at, b, 0, n);
                }
            }
            byte[] expected = content(source);
            for (VhdFormat format : List.of(VhdFormat.VHDX, VhdFormat.VHD, VhdFormat.RAW)) {
                for (VhdType type : format == VhdFormat.RAW ? List.of(VhdType.FIXED) : List.of(VhdType.DYNAMIC, VhdType.FIXED)) {
                    Path target = dir.resolve("out-" + type + "." + extension(format));
                    VirtualDisks.convert(source, target, format, type);
                    assertTrue(VirtualDisks.validate(target).ok(), () -> target + ": " + VirtualDisks.validate(target));
                    assertArrayEquals(expected, java.util.Arrays.copyOf(content(target), expected.length),
                            () -> "content of " + target.getFileName() + " from " + source.getFileName() + " with " + runs);
                    if (type == VhdType.DYNAMIC) assertNoZeroBlocksStored(target, expected);
                    Files.delete(target);
                }
            }
        } finally {
            try (var s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    @Provide
    Arbitrary<Long> sizes() {
        return Arbitraries.longs().between(1, 40).map(m -> m * MIB + (m % 3 == 0 ? 0 : 512 * (m % 7)));
    }

    private static String extension(VhdFormat f) {
        return switch (f) {
            case VHDX -> "vhdx";
            case VHD -> "vhd";
            case RAW -> "img";
        };
    }

    static byte[] content(Path disk) {
        try (VirtualDisk d = VirtualDisks.open(disk, OpenMode.READ_ONLY)) {
            byte[] b = new byte[(int) d.size()];
            d.read(0, b, 0, b.length);
            return b;
        }
    }

    /** A block the content reads as zeros throughout is not stored (the converter skipped it). */
    static void assertNoZeroBlocksStored(Path target, byte[] content) {
        try (VirtualDisk d = VirtualDisks.open(target, OpenMode.READ_ONLY)) {
            long unit = d.allocationUnit();
            List<Long> zeroStored = new ArrayList<>();
            for (long u = 0; u * unit < content.length; u++) {
                int from = (int) (u * unit);
                int to = (int) Math.min(content.length, from + unit);
                boolean zero = true;
                for (int i = from; i < to && zero; i++) zero = content[i] == 0;
                if (zero && d.allocation(u) == Allocation.DATA) zeroStored.add(u);
            }
            assertTrue(zeroStored.isEmpty(), target.getFileName() + " stores all-zero blocks " + zeroStored);
            assertNotEquals(0, unit);
        }
    }
}
