package io.hyperv4j.backup.sim;

import io.hyperv4j.vhd.ByteRange;
import io.hyperv4j.vhd.ChangedRanges;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.OpenMode;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vhd.VirtualDisk;
import io.hyperv4j.vhd.VirtualDisks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Benchmark harness (not a test): an express full of a 100 GiB dynamic VHDX with 1 GiB changed since
 * its replica, against a full copy of the same disk, both through the backup store and the engine's change tracking
 * unit ({@link ChangedRanges}, what the VM's RCT journal records per write). The disk holds 2 GiB of data; the changes rewrite its second GiB (so /tmp needs about 8 GiB free);
 * everything is deleted at the end. Run: {@code bench/jmh hyperv-backup --main io.hyperv4j.backup.sim.IncrementalBackupBench}.
 */
public final class IncrementalBackupBench {
    private static final long GIB = 1L << 30, MIB = 1L << 20;

    private IncrementalBackupBench() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("hyperv4j-backup-bench");
        try {
            Path disk = dir.resolve("vm.vhdx");
            VirtualDisks.createFile(disk, DiskSpec.dynamic(VhdFormat.VHDX, 100 * GIB));
            write(disk, 0, 2048, 1, null); // 2 GiB of data at the start of the disk
            BackupStore store = new BackupStore(dir.resolve("store"));
            ChangedRanges log = new ChangedRanges();
            long t0 = System.nanoTime();
            store.stageFull("vm", "RP0001", List.of(disk), "{}");
            List<Path> replica = store.commit("vm", "RP0001", 1);
            double replicaS = (System.nanoTime() - t0) / 1e9;

            write(disk, GIB, 1024, 2, log); // its second GiB rewritten
            long t1 = System.nanoTime();
            List<ByteRange> changed = log.ranges(100 * GIB);
            long copied = store.stageIncremental("vm", "RP0002", List.of(disk), List.of(replica.get(0)), List.of(changed), "{}");
            List<Path> incr = store.commit("vm", "RP0002", 1);
            double incrS = (System.nanoTime() - t1) / 1e9;

            long t2 = System.nanoTime();
            store.stageFull("vm", "RP0003", List.of(disk), "{}");
            List<Path> full = store.commit("vm", "RP0003", 1);
            double fullS = (System.nanoTime() - t2) / 1e9;

            System.out.printf(Locale.ROOT, "100 GiB dynamic VHDX, 2 GiB written, then its second GiB rewritten (1024 x 1 MiB)%n");
            System.out.printf(Locale.ROOT, "%-34s %10s %14s %14s%n", "job", "seconds", "read GiB", "file GiB");
            System.out.printf(Locale.ROOT, "%-34s %10.2f %14.3f %14.3f%n", "replica (before the changes)", replicaS, 2.0, gib(replica.get(0)));
            System.out.printf(Locale.ROOT, "%-34s %10.2f %14.3f %14.3f%n", "express full (change tracking)", incrS, copied / (double) GIB, gib(incr.get(0)));
            System.out.printf(Locale.ROOT, "%-34s %10.2f %14.3f %14.3f%n", "full copy (same disk, same run)", fullS, 2.0, gib(full.get(0)));
            System.out.printf(Locale.ROOT, "express full / full copy: %.2f of the time%n", incrS / fullS);
        } finally {
            BackupStore.deleteTree(dir);
        }
    }

    /** {@code n} consecutive writes of 1 MiB of seeded bytes from {@code start}, recorded in {@code log} when given. */
    private static void write(Path disk, long start, int n, long seed, ChangedRanges log) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] buf = new byte[(int) MIB];
        try (VirtualDisk d = VirtualDisks.open(disk, OpenMode.READ_WRITE)) {
            for (int i = 0; i < n; i++) {
                r.nextBytes(buf);
                long off = start + i * MIB;
                d.write(off, buf, 0, buf.length);
                if (log != null) log.add(off, buf.length);
            }
            d.flush();
        }
    }

    private static double gib(Path p) throws IOException {
        return Files.size(p) / (double) GIB;
    }
}
