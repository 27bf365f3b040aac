package io.hyperv4j.vhd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random writes at random offsets and sizes, then reads, agree with a byte-array model. */
class VirtualDiskProperties {

    record Config(VhdFormat format, VhdType type, long blockSize, int sector, int size) {
        DiskSpec spec(Path parent) {
            if (type == VhdType.DIFFERENCING) {
                return DiskSpec.differencing(format, parent).withBlockSize(blockSize);
            }
            DiskSpec s = new DiskSpec(format, type, size, format == VhdFormat.RAW ? 0 : blockSize, 0, 0, null, null);
            return format == VhdFormat.VHDX ? s.withSectorSizes(sector, 4096) : s;
        }
    }

    record Write(double at, int length, long seed, boolean reopenAfter) {
    }

    @Provide
    Arbitrary<Config> configs() {
        Arbitrary<Config> vhdx = Combinators.combine(
                Arbitraries.of(VhdType.FIXED, VhdType.DYNAMIC, VhdType.DIFFERENCING),
                Arbitraries.of(1L << 20, 2L << 20, 32L << 20, 256L << 20),
                Arbitraries.of(512, 4096),
                Arbitraries.integers().between(1, 64))
                .as((t, b, s, k) -> new Config(VhdFormat.VHDX, t, b, s, (3 << 20) + k * 4096));
        Arbitrary<Config> vhd = Combinators.combine(
                Arbitraries.of(VhdType.FIXED, VhdType.DYNAMIC, VhdType.DIFFERENCING),
                Arbitraries.of(512L << 10, 2L << 20),
                Arbitraries.integers().between(1, 64))
                .as((t, b, k) -> new Config(VhdFormat.VHD, t, b, 512, (3 << 20) + k * 512));
        Arbitrary<Config> raw = Arbitraries.integers().between(1, 64)
                .map(k -> new Config(VhdFormat.RAW, VhdType.FIXED, 0, 512, (1 << 20) + k * 512));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, vhdx), net.jqwik.api.Tuple.of(3, vhd),
                net.jqwik.api.Tuple.of(1, raw));
    }

    @Provide
    Arbitrary<List<Write>> writes() {
        Arbitrary<Write> w = Combinators.combine(
                Arbitraries.doubles().between(0, 1),
                Arbitraries.oneOf(Arbitraries.integers().between(1, 5000), Arbitraries.integers().between(1, 3 << 20)),
                Arbitraries.longs(),
                Arbitraries.integers().between(0, 9).map(i -> i == 0))
                .as(Write::new);
        return w.list().ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 80)
    void readsAgreeWithModel(@ForAll("configs") Config c, @ForAll("writes") List<Write> writes) throws IOException {
        Path dir = Files.createTempDirectory("vhdprop");
        try {
            String ext = c.format() == VhdFormat.VHDX ? ".vhdx" : c.format() == VhdFormat.VHD ? ".vhd" : ".img";
            DiskModel model = new DiskModel(c.size());
            Path parent = null;
            if (c.type() == VhdType.DIFFERENCING) {
                parent = dir.resolve("parent" + ext);
                DiskSpec ps = new DiskSpec(c.format(), VhdType.DYNAMIC, c.size(), c.blockSize(), 0, 0, null, null);
                if (c.format() == VhdFormat.VHDX) {
                    ps = ps.withSectorSizes(c.sector(), 4096);
                }
                try (VirtualDisk p = VirtualDisks.create(parent, ps)) {
                    model.scribble(p, 42, 3);
                }
            }
            Path file = dir.resolve("disk" + ext);
            VirtualDisk disk = VirtualDisks.create(file, c.spec(parent));
            try {
                assertEquals(c.size(), disk.size());
                for (Write w : writes) {
                    int len = Math.min(w.length(), c.size());
                    long off = (long) (w.at() * (c.size() - len));
                    byte[] data = new java.util.Random(w.seed()).ints(len).collect(() -> new ByteArrayBuilder(len),
                            ByteArrayBuilder::add, (a, b) -> { }).bytes;
                    model.write(disk, off, data);
                    if (w.reopenAfter()) {
                        disk.close();
                        disk = VirtualDisks.open(file, OpenMode.READ_WRITE);
                    }
                    byte[] back = new byte[len];
                    disk.read(off, back, 0, len);
                    assertArrayEquals(java.util.Arrays.copyOfRange(model.bytes, (int) off, (int) off + len), back);
                }
                model.assertSame(disk);
            } finally {
                disk.close();
            }
            try (VirtualDisk again = VirtualDisks.open(file, OpenMode.READ_ONLY)) {
                model.assertSame(again);
            }
            ValidationReport report = VirtualDisks.validate(file);
            assertEquals(List.of(), report.problems());
        } finally {
            DiskModel.deleteTree(dir);
        }
    }

    /** Collects ints as bytes. */
    static final class ByteArrayBuilder {
        final byte[] bytes;
        int at;

        ByteArrayBuilder(int n) {
            bytes = new byte[n];
        }

        void add(int v) {
            bytes[at++] = (byte) v;
        }
    }
}
