package io.hyperv4j.examples.monitor;

import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.scvmm.monitor.MonitorEvent;
import io.hyperv4j.scvmm.sim.guest.FaultInjector;
import io.hyperv4j.scvmm.sim.guest.FaultLocation;
import io.hyperv4j.scvmm.sim.guest.GuestCluster;
import io.hyperv4j.scvmm.sim.guest.GuestLogEntry;
import io.hyperv4j.scvmm.sim.guest.PingRecord;
import io.hyperv4j.scvmm.sim.guest.Seed001;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/** Seed 001's measured runs: SQL Server stopped in the guest cluster (Table 4-1) and in the monitored host cluster (Table 4-2). */
public final class Trials {
    private Trials() {
    }

    /**
     * Table 4-1's figures, in seconds.
     *
     * @param failover the resource move time (cluster console)
     * @param pingLoss the clustered address's unanswered time
     * @param outage   from the service's stop to its start (event logs)
     */
    public record GuestClusterRun(double failover, double pingLoss, double outage) {
    }

    /**
     * Table 4-2's figures, in seconds.
     *
     * @param detection      fault to the alarm firing
     * @param recovery       alarm firing to recovery detected
     * @param quickMigration the VM move (failover) time
     * @param pingLoss       the VM's unanswered time
     * @param outage         fault to recovery detected
     * @param owner          the node the VM ended on
     */
    public record MonitoredRun(double detection, double recovery, double quickMigration, double pingLoss, double outage, String owner) {
    }

    /**
     * Stops SQL Server on the guest cluster's active guest.
     *
     * @return the figures
     */
    public static GuestClusterRun guestClusterSqlStop() {
        try (Seed001.GuestClusterLab g = Seed001.guestCluster(1, SimClock.virtual(Lab.DEFAULT_START))) {
            PingRecord ping = g.cluster().ping();
            g.lab().clock().advance(Duration.ofSeconds(30));
            new FaultInjector(ClusterLab.of(g.lab()), g.guests()).injectVm(FaultLocation.APPLICATION, Seed001.VM1);
            g.lab().clock().advance(Duration.ofMinutes(5));
            List<GuestCluster.Failover> f = g.cluster().failovers();
            if (f.size() != 1) throw new IllegalStateException("expected one failover, got " + f);
            Instant stopped = logged(g.guests().eventLog(), Seed001.VM1, "terminated"), started = logged(g.guests().eventLog(), Seed001.VM2, "running");
            return new GuestClusterRun(f.get(0).duration().toSeconds(), ping.total(g.lab().clock().now()).toSeconds(), secs(stopped, started));
        }
    }

    /**
     * Stops SQL Server in the monitored host cluster's VM {@code offset} into the poll cycle.
     *
     * @param seed   the lab's seed
     * @param offset where in the 60 s cycle the fault falls
     * @return the figures
     */
    public static MonitoredRun monitoredSqlStop(long seed, Duration offset) {
        try (MonitoredCluster m = new MonitoredCluster(seed, true, true)) {
            m.run(Duration.ofSeconds(120).plus(offset));
            Instant fault = m.now();
            m.faults().injectVm(FaultLocation.APPLICATION, Seed001.VM);
            m.run(Duration.ofMinutes(10));
            Instant fired = m.first(MonitorEvent.Kind.FIRED), recovered = m.first(MonitorEvent.Kind.RECOVERED);
            double move = ClusterLab.of(m.lab()).history("hv-cluster").stream().filter(h -> h.kind().equals("QUICK"))
                    .mapToDouble(h -> h.duration().toMillis() / 1000.0).findFirst().orElse(Double.NaN);
            return new MonitoredRun(secs(fault, fired), secs(fired, recovered), move, m.ping().total(m.now()).toSeconds(), secs(fault, recovered),
                    m.server().owner(Seed001.VM).orElse(""));
        }
    }

    /**
     * The paper's three runs (Table 4-2 is their mean), at evenly spread phases of the poll cycle
     * (10, 30 and 50 s): the paper does not say where its faults fell.
     *
     * @return the runs
     */
    public static List<MonitoredRun> paperRuns() {
        return List.of(10, 30, 50).stream().map(s -> monitoredSqlStop(s, Duration.ofSeconds(s))).toList();
    }

    /**
     * {@code n} monitored runs with the fault at seeded random offsets in the poll cycle.
     *
     * @param n    how many
     * @param seed the offsets' seed
     * @return the runs
     */
    public static List<MonitoredRun> sweep(int n, long seed) {
        Random r = new Random(seed);
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> monitoredSqlStop(i, Duration.ofMillis(r.nextInt(60_000)))).toList();
    }

    private static Instant logged(List<GuestLogEntry> log, String vm, String what) {
        return log.stream().filter(e -> e.vm().equals(vm) && e.message().contains(what)).map(GuestLogEntry::time).findFirst()
                .orElseThrow(() -> new IllegalStateException("no '" + what + "' of " + vm + " in " + log));
    }

    private static double secs(Instant a, Instant b) {
        return Duration.between(a, b).toMillis() / 1000.0;
    }
}
