package io.hyperv4j.scvmm.bench;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.scvmm.HostRating;
import io.hyperv4j.scvmm.MigrationMethod;
import io.hyperv4j.scvmm.MoveAdvice;
import io.hyperv4j.scvmm.MoveResult;
import io.hyperv4j.scvmm.VirtualMachineManager;
import io.hyperv4j.scvmm.sim.VmmLab;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimVm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A harness, not a timed test: {@code bench/jmh hyperv-scvmm --main io.hyperv4j.scvmm.bench.VmmBenchmark [runs]}.
 * (1) 100 hosts (16 logical processors, 256 GB) carrying 1,000 running VMs: every VM rated on every
 * host and advised for its best-rated one, through the typed API; (2) a network transfer of a
 * 1 GiB file against a plain {@code Files.copy} of the same bytes, in the same run. Prints the
 * median of the runs' wall and CPU times (the JVM's, every thread) and the load average before and after.
 */
public final class VmmBenchmark {
    private VmmBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        double[][] place = new double[2][runs], transfer = new double[2][runs], copy = new double[2][runs], durable = new double[2][runs];
        System.out.println("load average before: " + loadAverage());
        for (int r = 0; r < runs; r++) { // interleaved: placement, transfer, copy, then again
            double[] p = placeThousand();
            place[0][r] = p[0];
            place[1][r] = p[1];
            double[][] t = transferAndCopy();
            for (int k = 0; k < 2; k++) {
                transfer[k][r] = t[0][k];
                copy[k][r] = t[1][k];
                durable[k][r] = t[2][k];
            }
        }
        System.out.printf(Locale.ROOT, "rate 100 hosts + advise, 1,000 VMs: median wall %.2f s, CPU %.2f s (%.2f ms per VM)%n",
                median(place[0]), median(place[1]), median(place[0]));
        System.out.printf(Locale.ROOT, "network transfer of 1 GiB: median wall %.2f s, CPU %.2f s; Files.copy of the same file: wall %.2f s, CPU %.2f s;"
                + " with a force to disk: wall %.2f s, CPU %.2f s (wall ratio to the durable copy %.2f)%n", median(transfer[0]), median(transfer[1]),
                median(copy[0]), median(copy[1]), median(durable[0]), median(durable[1]), median(transfer[0]) / median(durable[0]));
        System.out.println("load average after: " + loadAverage());
    }

    /** The machine's 1, 5 and 15 minute load averages (Linux), or what the JVM reports. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return String.valueOf(java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** The JVM's CPU seconds so far, all its threads (the clock's, the collector's too), user and system. */
    static double cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** Wall and CPU seconds to rate and advise 1,000 VMs across 100 hosts. */
    static double[] placeThousand() {
        Lab.Builder b = Lab.builder().seed(1).clock(SimClock.virtual(Lab.DEFAULT_START));
        for (int h = 0; h < 100; h++) b.host(String.format("hv%03d", h), 16, 262_144);
        try (Lab lab = b.build(); HyperVHost first = lab.connect("hv000")) {
            List<String> ids = new ArrayList<>();
            lab.write(Duration.ofMinutes(1), txn -> {
                for (int v = 0; v < 1000; v++) {
                    SimVm vm = lab.createVm(txn, lab.host(String.format("hv%03d", v % 100)), String.format("vm%04d", v));
                    vm.memoryMb(2048 + 1024 * (v % 7));
                    vm.processors(1 + v % 4);
                    vm.state(PowerState.RUNNING, txn.now());
                    ids.add(vm.id());
                }
                return null;
            });
            VirtualMachineManager vmm = first.capability(VirtualMachineManager.class);
            long t0 = System.nanoTime();
            double c0 = cpu();
            int advised = 0;
            for (String id : ids) {
                List<HostRating> ratings = vmm.rate(id);
                MoveAdvice a = vmm.advise(id, ratings.get(0).host());
                if (a.recommended().isPresent()) advised++;
            }
            double s = (System.nanoTime() - t0) / 1e9, c = cpu() - c0;
            if (advised != ids.size()) throw new IllegalStateException("only " + advised + " of 1,000 VMs had a method to their best host");
            return new double[] {s, c};
        }
    }

    /** Wall and CPU seconds of a network transfer of a 1 GiB file (virtual clock), of Files.copy of it, and with a force to disk. */
    static double[][] transferAndCopy() throws Exception {
        try (Lab lab = Lab.fromTemplate("seed000-vmm", 1, SimClock.virtual(Lab.DEFAULT_START)); HyperVHost host1 = lab.connect("host1")) {
            VmmLab v = VmmLab.of(lab);
            String id = lab.read(Duration.ofMinutes(1), () -> lab.host("host1").vms().iterator().next().id());
            Path big = v.vmFile(id, "big.vhdx", 1L << 30);
            Path plain = Files.createTempFile("vmm-bench", ".copy");
            try {
                long t0 = System.nanoTime();
                double c0 = cpu();
                Files.copy(big, plain, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                double copy = (System.nanoTime() - t0) / 1e9, copyCpu = cpu() - c0;
                try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(plain, java.nio.file.StandardOpenOption.WRITE)) {
                    c.force(false); // as durable as the transfer's commit
                }
                double durable = (System.nanoTime() - t0) / 1e9, durableCpu = cpu() - c0;
                VirtualMachineManager vmm = host1.capability(VirtualMachineManager.class);
                t0 = System.nanoTime();
                c0 = cpu();
                MoveResult r = vmm.move("SQL Server", "host2", MigrationMethod.NETWORK).await(Duration.ofHours(2));
                double transfer = (System.nanoTime() - t0) / 1e9, transferCpu = cpu() - c0;
                if (Files.mismatch(plain, v.vmFiles(id).get(2)) != -1) throw new IllegalStateException("the transferred file differs");
                System.out.printf(Locale.ROOT, "  (simulated: %.1f s, %.1f s unreachable)%n", r.total().toMillis() / 1000.0, r.outage().toMillis() / 1000.0);
                return new double[][] {{transfer, transferCpu}, {copy, copyCpu}, {durable, durableCpu}};
            } finally {
                Files.deleteIfExists(plain);
                for (Path p : v.vmFiles(id)) Files.deleteIfExists(p);
            }
        }
    }
}
