package io.hyperv4j.sim.v2.storage;

import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vhd.VirtualDisks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Harness: the cost of creating and deleting a checkpoint grows with what changed, not with the
 * disk's size. For each (virtual size, bytes written) it writes that much into a dynamic VHDX,
 * takes a checkpoint (timed), writes the same amount again into the differencing disk, and deletes
 * the checkpoint (timed: the differencing disk is merged into the base). Figures are medians of 3. Run:
 * {@code bench/jmh hyperv-core --main io.hyperv4j.sim.v2.storage.CheckpointCostBench [DIR]}
 * (DIR defaults to a temp directory; the files are deleted afterwards).
 */
public final class CheckpointCostBench {
    private static final long GIB = 1L << 30;
    private static final long MIB = 1L << 20;

    public static void main(String[] args) throws IOException {
        Path root = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("cp-bench");
        long[][] cases = {{10 * GIB, 256 * MIB}, {100 * GIB, 256 * MIB}, {100 * GIB, 1024 * MIB}, {1024 * GIB, 256 * MIB}};
        run(root, 10 * GIB, 64 * MIB); // warm-up, not reported
        System.out.printf("%-12s %-10s %-14s %-14s %-16s%n", "virtual", "written", "create (ms)", "delete (ms)", "delete MB/s");
        for (long[] c : cases) {
            long[] t = median(root, c[0], c[1], 3);
            System.out.printf("%-12s %-10s %-14.1f %-14.1f %-16.0f%n", c[0] / GIB + " GiB", c[1] / MIB + " MiB",
                    t[0] / 1e6, t[1] / 1e6, (c[1] / 1e6) / (t[1] / 1e9));
        }
    }

    /** Median of {@code reps} runs, per figure: the machine is shared, single runs are noisy. */
    static long[] median(Path root, long virtualSize, long written, int reps) throws IOException {
        long[] creates = new long[reps];
        long[] deletes = new long[reps];
        for (int i = 0; i < reps; i++) {
            long[] t = run(root, virtualSize, written);
            creates[i] = t[0];
            deletes[i] = t[1];
        }
        java.util.Arrays.sort(creates);
        java.util.Arrays.sort(deletes);
        return new long[] {creates[reps / 2], deletes[reps / 2]};
    }

    /** Returns {create ns, delete ns}. */
    static long[] run(Path root, long virtualSize, long written) throws IOException {
        Path dir = Files.createTempDirectory(root, "case");
        try {
            Path disk = dir.resolve("bench.vhdx");
            VirtualDisks.createFile(disk, DiskSpec.dynamic(VhdFormat.VHDX, virtualSize));
            VmStorage vm = new VmStorage("BENCH");
            vm.attach("D", "D", "C", 0, disk);
            write(vm, virtualSize, written, 1);
            long t0 = System.nanoTime();
            SimCheckpoint cp = vm.createCheckpoint(UUID.randomUUID().toString().toUpperCase(), "bench", Instant.EPOCH, "Standard",
                    false, 1, 1024, () -> UUID.randomUUID().toString().toUpperCase());
            long create = System.nanoTime() - t0;
            write(vm, virtualSize, written, 2);
            long t1 = System.nanoTime();
            vm.delete(cp);
            long delete = System.nanoTime() - t1;
            if (!vm.drive("D").current().equals(disk)) throw new IllegalStateException("not merged back into the base disk");
            return new long[] {create, delete};
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** {@code written} bytes in 1 MiB writes spread evenly over the disk (different blocks, as a guest's would be). */
    private static void write(VmStorage vm, long virtualSize, long written, long seed) {
        byte[] chunk = new byte[(int) MIB];
        new SplittableRandom(seed).nextBytes(chunk);
        long n = written / MIB;
        long stride = virtualSize / n / MIB * MIB;
        for (long i = 0; i < n; i++) vm.guestWrite("D", i * stride, chunk);
    }
}
