package io.hyperv4j.vhd;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Threads writing and reading disjoint ranges at once (data moves outside the disk's lock) agree with a model. */
class ConcurrentIoTest {
    private static final int SIZE = 16 << 20;
    private static final int THREADS = 4;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(VhdFormat.class)
    void parallelWritersAndReaders(VhdFormat f) throws Exception {
        Path p = dir.resolve("c." + f.name().toLowerCase());
        DiskSpec spec = f == VhdFormat.RAW ? DiskSpec.fixed(f, SIZE) : DiskSpec.dynamic(f, SIZE).withBlockSize(f == VhdFormat.VHDX ? 1 << 20 : 0);
        byte[] model = new byte[SIZE];
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (VirtualDisk d = VirtualDisks.create(p, spec)) {
            List<Future<?>> done = new ArrayList<>();
            int stripe = SIZE / THREADS;
            for (int t = 0; t < THREADS; t++) {
                int base = t * stripe;
                long seed = t;
                done.add(pool.submit(() -> {
                    Random r = new Random(seed);
                    for (int i = 0; i < 200; i++) {
                        int len = 1 + r.nextInt(70_000);
                        int at = base + r.nextInt(stripe - len);
                        byte[] data = new byte[len];
                        r.nextBytes(data);
                        d.write(at, data, 0, len);
                        System.arraycopy(data, 0, model, at, len); // stripes are disjoint
                        byte[] back = new byte[len];
                        d.read(at, back, 0, len);
                        assertArrayEquals(data, back);
                    }
                    return null;
                }));
            }
            for (Future<?> x : done) {
                x.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        try (VirtualDisk d = VirtualDisks.open(p, OpenMode.READ_ONLY)) {
            byte[] back = new byte[SIZE];
            d.read(0, back, 0, SIZE);
            assertArrayEquals(model, back);
        }
        assertTrue(VirtualDisks.validate(p).ok(), VirtualDisks.validate(p).problems().toString());
    }
}
