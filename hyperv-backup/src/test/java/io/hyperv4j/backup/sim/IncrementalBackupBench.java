package io.hyperv4j.backup.sim;

import io.hyperv4j.backup.BackupKind;
import io.hyperv4j.backup.BackupPath;
import io.hyperv4j.backup.DataProtection;
import io.hyperv4j.backup.RecoveryPoint;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vhd.VirtualDisks;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Benchmark harness (not a test): express fulls of a VM's 100 GiB dynamic VHDX with 1 GiB changed since
 * the last point, against full copies (replicas) of the same disk, interleaved in one run, all through
 * {@link DataProtection} on seed 004's lab: the guest's writes go through the VM's storage into its
 * resilient change tracking journal, and the express full copies what that journal says changed since
 * the last point's shadow copy ({@code VmStorage.markChanges}). The disk holds 2 GiB of data; each
 * round rewrites 1 GiB of it in 1,024 writes of 1 MiB. Per job: wall and process CPU seconds, the
 * bytes the point says it moved, its file's size, and the process's read and written bytes
 * ({@code /proc/self/io} rchar and wchar, everything the JVM read and wrote through system calls).
 * Needs about 12 GiB free in the temporary folder; everything is deleted at the end.
 * Run: {@code bench/jmh hyperv-backup --main io.hyperv4j.backup.sim.IncrementalBackupBench [ROUNDS]}.
 */
public final class IncrementalBackupBench {
    private static final long GIB = 1L << 30, MIB = 1L << 20;
    private static final Duration LOCK = Duration.ofMinutes(1);

    private IncrementalBackupBench() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        Path dir = Files.createTempDirectory("hyperv4j-backup-bench");
        try (Lab lab = BackupTemplates.seed004(1, SimClock.virtual(Lab.DEFAULT_START), false)) {
            Path disk = dir.resolve("GUEST1-data.vhdx");
            VirtualDisks.createFile(disk, DiskSpec.dynamic(VhdFormat.VHDX, 100 * GIB));
            lab.write(LOCK, txn -> {
                SimVm vm = BackupLab.of(lab).requireVm("GUEST1");
                BackupTemplates.attach(lab, vm, List.of(disk)); // drive 1 of GUEST1
                return null;
            });
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            dpm.createGroup("bench", LocalTime.of(3, 0), Duration.ofDays(30));
            dpm.addMember("bench", "GUEST1");
            BackupLab b = BackupLab.of(lab);
            write(b, 0, 2048, 1); // 2 GiB of data at the start of the disk
            System.out.printf(Locale.ROOT, "GUEST1: a 100 GiB dynamic VHDX holding 2 GiB (and its 16 MiB system disk); load %s%n", load());
            Job first = job(dpm, BackupKind.REPLICA, disk);
            System.out.printf(Locale.ROOT, "%-36s %8s %8s %12s %10s %10s %10s%n", "job", "wall s", "CPU s", "moved GiB", "file GiB", "read GiB", "written GiB");
            first.print("replica (the first full copy)");
            for (int round = 1; round <= rounds; round++) {
                write(b, GIB, 1024, 1 + round); // the second GiB rewritten
                job(dpm, BackupKind.EXPRESS_FULL, disk).print("express full, round " + round);
                job(dpm, BackupKind.REPLICA, disk).print("full copy, round " + round);
            }
            System.out.printf(Locale.ROOT, "load after: %s%n", load());
        } finally {
            BackupStore.deleteTree(dir);
        }
    }

    private record Job(double wallS, double cpuS, long moved, long file, long read, long written) {
        void print(String what) {
            System.out.printf(Locale.ROOT, "%-36s %8.2f %8.2f %12.3f %10.3f %10.3f %10.3f%n", what, wallS, cpuS, moved / (double) GIB,
                    file / (double) GIB, read / (double) GIB, written / (double) GIB);
        }
    }

    /**
     * One job, timed from a settled disk: the guest's writes are flushed first (as the guest's own
     * storage stack would have), or the first job after them would also pay the kernel's writeback of
     * that gigabyte, which the job neither reads nor writes.
     */
    private static Job job(DataProtection dpm, BackupKind kind, Path disk) throws IOException {
        try (FileChannel ch = FileChannel.open(disk, StandardOpenOption.READ)) {
            ch.force(true);
        }
        long[] io0 = io();
        long cpu0 = cpu(), t0 = System.nanoTime();
        String id = dpm.backup("GUEST1", kind, BackupPath.NETWORK).await(Duration.ofDays(2));
        long t1 = System.nanoTime(), cpu1 = cpu();
        long[] io1 = io();
        RecoveryPoint p = dpm.recoveryPoints("GUEST1").stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        return new Job((t1 - t0) / 1e9, (cpu1 - cpu0) / 1e9, p.transferredBytes(), Files.size(p.files().get(1)), io1[0] - io0[0], io1[1] - io0[1]);
    }

    /** {@code n} consecutive guest writes of 1 MiB of seeded bytes to GUEST1's drive 1 from {@code start}. */
    private static void write(BackupLab b, long start, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] buf = new byte[(int) MIB];
        for (int i = 0; i < n; i++) {
            r.nextBytes(buf);
            b.guestWrite("GUEST1", 1, start + i * MIB, buf);
        }
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** rchar and wchar of this process. */
    private static long[] io() throws IOException {
        long r = 0, w = 0;
        for (String l : Files.readAllLines(Path.of("/proc/self/io"))) {
            if (l.startsWith("rchar:")) r = Long.parseLong(l.substring(6).trim());
            if (l.startsWith("wchar:")) w = Long.parseLong(l.substring(6).trim());
        }
        return new long[] {r, w};
    }

    private static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }
}
