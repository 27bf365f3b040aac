package io.hyperv4j.examples;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.cluster.ClusterGroup;
import io.hyperv4j.cluster.ClusterRefusedException;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.cluster.sim.CsvRedirection;
import io.hyperv4j.cluster.sim.MigrationRecord;
import io.hyperv4j.cluster.sim.PaperClusters;
import io.hyperv4j.sim.Fabric;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimVm;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * The physical substrate under every move (issue 18), on seed 000's cluster with 16 GB hosts: a
 * live migration onto a host without room is refused with 5957 and the numbers; the 8 GB VM's quick
 * migration takes 45 s with 15 s of outage (seed 001); a 10 Gb/s live-migration network gives the
 * nodes' adapters 10 Gb/s (their Current Bandwidth) and moves the VM in a fraction of the time;
 * two redirected CSV reads (a backup's) share the CSV network, and the one left speeds up when the
 * other is through.
 * Run: {@code java io.hyperv4j.examples.SubstrateExample}.
 */
public final class SubstrateExample {
    private SubstrateExample() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    static void run(PrintStream out) {
        try (Lab lab = PaperClusters.seed000(0, SimClock.virtual(Lab.DEFAULT_START), 16384); HyperVHost host1 = lab.connect("host1")) {
            ClusterLab sim = ClusterLab.of(lab);
            ClusterGroup sql = host1.capability(FailoverCluster.class).group("SQL Server");
            SimVm vm = lab.host("host1").vms().iterator().next();
            lab.write(Duration.ofSeconds(5), txn -> { txn.touch(vm); vm.memoryMb(8192); return null; });
            sql.refreshConfiguration();

            SimVm resident = PaperClusters.vm(lab, "host2", "resident", 8192, 2, true);
            try {
                sql.liveMigrate("host2").await(Duration.ofMinutes(5));
            } catch (ClusterRefusedException e) {
                out.println("refused (" + e.reason() + "): " + e.getMessage());
            }
            lab.write(Duration.ofSeconds(5), txn -> { txn.touch(resident); resident.state(io.hyperv4j.sim.PowerState.OFF, txn.now()); return null; });

            sql.quickMigrate("host2").await(Duration.ofMinutes(5));
            MigrationRecord quick = last(sim);
            out.printf("quick migration of 8 GB: %.1f s, outage %.1f s%n", seconds(quick.duration()), seconds(quick.outage()));

            sim.configure("hv-cluster").networkSpeed("LiveMigration", 10e9, Duration.ofNanos(200_000));
            out.println("host2's Live Migration Network adapter: "
                    + lab.host("host2").adapterOn("LiveMigration").orElseThrow().bitsPerSecond() / 1e9 + " Gb/s");
            sql.liveMigrate("host1").await(Duration.ofMinutes(5));
            MigrationRecord live = last(sim);
            out.printf("live migration of 8 GB at 10 Gb/s: %.1f s, outage %.2f s%n", seconds(live.duration()), seconds(live.outage()));

            // a backup's redirected CSV reads from the node that does not coordinate the volume share the 1 GbE CSV network
            String coordinator = sim.read(e -> sim.cluster("hv-cluster").disk("Cluster Disk 1").owner().name());
            String reader = coordinator.equals("host1") ? "host2" : "host1";
            try (CsvRedirection backup = sim.redirectCsvIo("hv-cluster", "Cluster Disk 1")) {
                Fabric.Flow big = backup.io(reader, 2_500_000_000L, Double.POSITIVE_INFINITY, 1 << 20, at -> { });
                backup.io(reader, 1_250_000_000L, Double.POSITIVE_INFINITY, 1 << 20, at -> { });
                out.printf("redirected reads from %s via %s: %.1f MB/s each while two run", reader, coordinator, big.rate() / 1e6);
                lab.clock().advance(Duration.ofSeconds(25));
                out.printf(", %.1f MB/s once the smaller is through%n", big.rate() / 1e6);
            }
        }
    }

    private static MigrationRecord last(ClusterLab sim) {
        List<MigrationRecord> h = sim.history("hv-cluster");
        return h.get(h.size() - 1);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
