package io.hyperv4j.cluster.bench;

import io.hyperv4j.cluster.Clusters;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cluster.DrainType;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.cluster.NodeInfo;
import io.hyperv4j.cluster.migration.Workload;
import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.cluster.sim.ClusterProfile;
import io.hyperv4j.cluster.sim.MigrationRecord;
import io.hyperv4j.cluster.sim.PaperClusters;
import io.hyperv4j.cluster.sim.SimNetwork;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimVm;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Drains a node that runs {@code vms} VMs to the other nodes of a cluster, through the typed API,
 * and reports the virtual time the drain took, the per-VM outage and the wall time the simulation
 * took. Run: {@code mvn -pl hyperv-cluster -am test -Dtest=DrainBenchmarkTest} (figures go to the
 * log), or this class's main from the test class path.
 */
public final class DrainBenchmark {

    /**
     * @param totalVirtual drain start to NodeDrainStatus Completed, on the lab clock
     * @param maxOutage    the longest pause of one VM
     * @param wallMillis   wall time of the whole run: building the lab, the VMs, the drain
     * @param drainWallMillis wall time of the drain alone, from the pause to the return of await
     * @param drainCpuMillis  CPU time of the process during the drain (all threads): what the drain
     *                        costs when the machine is shared and wall time measures the neighbours
     */
    public record Result(String profile, int vms, int nodes, double gbps, Duration totalVirtual, Duration meanOutage,
                         Duration maxOutage, int maxConcurrentPerNode, long wallMillis, long drainWallMillis, long drainCpuMillis, List<MigrationRecord> moves,
                         List<Integer> progress) {
        public String line() {
            return String.format(Locale.ROOT, "| %s | %d VMs, %d nodes, %.0f Gbps | %.1f s | %.3f s | %.3f s | %d ms | %d ms | %d ms |", profile, vms,
                    nodes, gbps, totalVirtual.toMillis() / 1000.0, meanOutage.toMillis() / 1000.0, maxOutage.toMillis() / 1000.0,
                    drainWallMillis, drainCpuMillis, wallMillis);
        }
    }

    public static Result run(ClusterProfile profile, int vms, int nodes, double gbps, long memoryMb, Workload workload) {
        long wall = System.nanoTime();
        Lab.Builder b = Lab.builder().seed(50).clock(SimClock.virtual(Lab.DEFAULT_START));
        String[] names = new String[nodes];
        for (int i = 0; i < nodes; i++) {
            names[i] = "N" + (i + 1);
            b.host(names[i], 64, 1L << 20);
        }
        try (Lab lab = b.build()) {
            ClusterLab cl = ClusterLab.of(lab);
            cl.create("bench", "bench.local", profile, names).switches("VM-Net")
                    .network("lm", SimNetwork.ROLE_CLUSTER, 1000, true, "10.0.0.0", gbps * 1e9)
                    .disk("Cluster Disk 1", 1L << 42);
            try (CimSession s = lab.session("N2")) {
                FailoverCluster fc = Clusters.of(s);
                fc.enableSharedVolumes();
                fc.addToSharedVolumes("Cluster Disk 1");
                for (int i = 0; i < vms; i++) {
                    String name = String.format(Locale.ROOT, "vm%02d", i);
                    SimVm vm = PaperClusters.vm(lab, "N1", name, memoryMb, 2, true);
                    cl.vm(vm.id(), t -> t.configPath("C:\\ClusterStorage\\Volume1\\" + name).switchName("VM-Net").workload(workload));
                    fc.addVirtualMachine(name);
                }
                Instant start = lab.clock().now();
                long drainWall = System.nanoTime();
                long drainCpu = processCpuNanos();
                List<Integer> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
                var op = fc.node("N1").pause(DrainType.DRAIN, null);
                op.onProgress(progress::add);
                NodeInfo n = op.await(Duration.ofDays(1));
                drainWall = System.nanoTime() - drainWall;
                drainCpu = processCpuNanos() - drainCpu;
                if (n.drainStatus() != io.hyperv4j.cluster.DrainStatus.COMPLETED) throw new IllegalStateException("drain " + n.drainStatus());
                Duration total = Duration.between(start, lab.clock().now());
                List<MigrationRecord> moves = cl.history("bench");
                Duration max = Duration.ZERO, sum = Duration.ZERO;
                for (MigrationRecord r : moves) {
                    sum = sum.plus(r.outage());
                    if (r.outage().compareTo(max) > 0) max = r.outage();
                }
                int concurrent = maxConcurrent(moves, names);
                return new Result(profile.name(), vms, nodes, gbps, total, sum.dividedBy(Math.max(1, moves.size())), max, concurrent,
                        (System.nanoTime() - wall) / 1_000_000, drainWall / 1_000_000, drainCpu / 1_000_000, moves, List.copyOf(progress));
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The most live migrations any node took part in at one instant, from the recorded intervals. */
    static int maxConcurrent(List<MigrationRecord> moves, String[] nodes) {
        int best = 0;
        for (String n : nodes)
            for (MigrationRecord r : moves) {
                int c = 0;
                for (MigrationRecord o : moves)
                    if ((o.source().equals(n) || o.destination().equals(n)) && !o.started().isAfter(r.started()) && o.ended().isAfter(r.started()))
                        c++;
                best = Math.max(best, c);
            }
        return best;
    }

    public static void main(String[] args) {
        System.out.println("| profile | set-up | drain (virtual) | mean outage | max outage | drain, wall | drain, CPU | whole run, wall |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        run(ClusterProfile.WS2008R2, 50, 2, 1, 4096, Workload.SQL_LONG_TRANSACTION); // warm-up: class loading and JIT
        System.out.println(run(ClusterProfile.WS2008R2, 50, 2, 1, 4096, Workload.SQL_LONG_TRANSACTION).line());
        System.out.println(run(ClusterProfile.WS2012, 50, 3, 10, 4096, Workload.SQL_LONG_TRANSACTION).line());
        System.out.println(run(ClusterProfile.WS2012, 50, 3, 10, 8192, Workload.HEAVY).line());
    }
}
