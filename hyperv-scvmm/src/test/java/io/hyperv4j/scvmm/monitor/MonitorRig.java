package io.hyperv4j.scvmm.monitor;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.scvmm.sim.guest.GuestWorld;
import io.hyperv4j.scvmm.sim.guest.PingRecord;
import io.hyperv4j.scvmm.sim.guest.Seed001;
import io.hyperv4j.scvmm.sim.guest.SimMonitorClock;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Seed 001's monitored host cluster with the paper's monitor (60 s poll, PD_DD alarm, the failover-then-start script). */
final class MonitorRig implements AutoCloseable {
    static final String ALARM = "PD_DD";
    final Seed001.MonitoredHostCluster mhc;
    final Lab lab;
    final GuestWorld guests;
    final FailoverCluster cluster;
    final ClusterManagementServer server;
    final AlarmTable table;
    final PingRecord ping;

    MonitorRig(long seed, boolean guarded) {
        mhc = Seed001.monitoredHostCluster(seed, SimClock.virtual(Lab.DEFAULT_START));
        lab = mhc.lab();
        guests = mhc.guests();
        HyperVHost host = lab.connect("host2");
        cluster = host.capability(FailoverCluster.class);
        SimMonitorClock clock = new SimMonitorClock(lab.clock());
        server = new ClusterManagementServer(cluster, guests, guests::reachable, clock);
        table = new AlarmTable(clock, server, MonitorTimings.seed001());
        table.addProbe(ALARM, Seed001.VM, guests.connectionProbe(Seed001.VM), Duration.ofSeconds(60), Duration.ofSeconds(6));
        table.bind(ALARM, Seed001.VM, MonitorAction.seed001Script(Seed001.SERVICE), guarded);
        ping = guests.ping(Seed001.VM);
    }

    Instant now() {
        return lab.clock().now();
    }

    void run(Duration d) {
        lab.clock().advance(d);
    }

    List<MonitorEvent> events(MonitorEvent.Kind kind) {
        return table.history().stream().filter(e -> e.kind() == kind).toList();
    }

    Instant first(MonitorEvent.Kind kind) {
        return events(kind).stream().findFirst().map(MonitorEvent::time).orElseThrow(() -> new AssertionError("no " + kind + " in " + table.history()));
    }

    @Override
    public void close() {
        server.close();
        mhc.close();
    }
}
