package io.hyperv4j.vhd;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutates the structures at the front of valid files (usually repairing their checksums so the
 * parser's deeper checks are reached), then opens, inspects, validates and reads them. The only
 * acceptable outcomes are success or a {@link VhdException}; never another exception, a hang, an
 * out-of-memory, or a change to the file. Bounded iterations keep it fast enough for CI.
 */
class HeaderFuzzTest {
    private static final int ITERATIONS = 80;
    private static final int SIZE = 4 << 20;

    @TempDir
    Path dir;

    @Test
    void mutatedVhdxHeaders() throws Exception {
        Path seed = dir.resolve("seed.vhdx");
        try (VirtualDisk d = VirtualDisks.create(seed, DiskSpec.dynamic(VhdFormat.VHDX, SIZE).withBlockSize(1 << 20))) {
            d.write(100, new byte[] {1, 2, 3}, 0, 3);
            d.write(3 << 20, new byte[4096], 0, 4096);
        }
        Path child = dir.resolve("child.vhdx");
        VirtualDisks.createFile(child, DiskSpec.differencing(VhdFormat.VHDX, seed));
        long[][] areas = {{64 << 10, 4096}, {128 << 10, 4096}, {192 << 10, 256}, {2 << 20, 256},
            {(2 << 20) + (64 << 10), 40}, {(2 << 20) + (68 << 10), 400}, {3 << 20, 64}};
        fuzz(child, areas, true);
        fuzz(seed, areas, true);
    }

    @Test
    void mutatedVhdHeaders() throws Exception {
        Path seed = dir.resolve("seed.vhd");
        try (VirtualDisk d = VirtualDisks.create(seed, DiskSpec.dynamic(VhdFormat.VHD, SIZE))) {
            d.write(100, new byte[] {1, 2, 3}, 0, 3);
        }
        Path child = dir.resolve("child.vhd");
        VirtualDisks.createFile(child, DiskSpec.differencing(VhdFormat.VHD, seed));
        long footer = Files.size(seed) - 512;
        fuzz(seed, new long[][] {{0, 512}, {512, 1024}, {1536, 16}, {footer, 512}}, false);
        long childFooter = Files.size(child) - 512;
        fuzz(child, new long[][] {{0, 512}, {512, 1024}, {1536, 16}, {childFooter, 512}}, false);
    }

    private void fuzz(Path seed, long[][] areas, boolean vhdx) throws Exception {
        Random r = new Random(seed.getFileName().toString().hashCode());
        Path target = dir.resolve("mutant" + (vhdx ? ".vhdx" : ".vhd"));
        for (int i = 0; i < ITERATIONS; i++) {
            Files.copy(seed, target, StandardCopyOption.REPLACE_EXISTING);
            int mutations = 1 + r.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                long[] area = areas[r.nextInt(areas.length)];
                long at = area[0] + r.nextInt((int) area[1]);
                byte[] b = new byte[1 + r.nextInt(r.nextBoolean() ? 2 : 8)];
                r.nextBytes(b);
                if (r.nextInt(4) == 0) {
                    java.util.Arrays.fill(b, (byte) 0xFF);
                }
                Corrupt.write(target, at, b);
            }
            if (r.nextInt(4) != 0) {
                if (vhdx) {
                    Corrupt.fixVhdxHeaders(target);
                } else {
                    Corrupt.fixVhdFooters(target);
                }
            }
            byte[] before = Corrupt.all(target);
            int iteration = i;
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> exercise(target, iteration));
            assertArrayEquals(before, Corrupt.all(target), "iteration " + i + " changed the file");

        }
    }

    private static void exercise(Path p, int iteration) {
        try {
            DiskInfo info = VirtualDisks.inspect(p);
            try (VirtualDisk d = VirtualDisks.open(p, OpenMode.READ_ONLY)) {
                byte[] b = new byte[(int) Math.min(d.size(), 8 << 20)];
                d.read(0, b, 0, b.length);
                if (d.size() > b.length) {
                    d.read(d.size() - 4096, new byte[4096], 0, 4096);
                }
            }
            assertNotNull(info.vhdFormat());
        } catch (VhdException expected) {
            assertNotNull(expected.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new AssertionError("iteration " + iteration + ": " + e, e);
        }
        try {
            VirtualDisks.validate(p);
        } catch (RuntimeException e) {
            throw new AssertionError("iteration " + iteration + ": validate threw " + e, e);
        }
    }
}
