package io.hyperv4j.examples.monitor;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.scvmm.monitor.AlarmTable;
import io.hyperv4j.scvmm.monitor.MonitorAction;
import io.hyperv4j.scvmm.monitor.MonitorEvent;
import io.hyperv4j.scvmm.monitor.spi.ManagementServer;
import io.hyperv4j.scvmm.sim.guest.FaultInjector;
import io.hyperv4j.scvmm.sim.guest.GuestWorld;
import io.hyperv4j.scvmm.sim.guest.PingRecord;
import io.hyperv4j.scvmm.sim.guest.Seed001;
import io.hyperv4j.scvmm.sim.guest.MonitorStation;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Seed 001's monitored host cluster with the paper's monitor: the remote monitor's PD_DD alarm polls
 * SQL Server every 60 s (6 s connection timeout), the management server runs the failover script,
 * a client pings the VM. Polls start at the lab's start, so a fault {@code offset} into a minute is
 * that far into the poll cycle.
 */
public final class MonitoredCluster implements AutoCloseable {
    /** The paper's alarm (Table 3-8: "response-failure monitoring of each SQL Server database"). */
    public static final String ALARM = "PD_DD";
    /** The paper's poll interval. */
    public static final Duration POLL = MonitorStation.POLL;
    /** The connection timeout of one poll (not in the paper; calibrated). */
    public static final Duration CONNECT_TIMEOUT = MonitorStation.CONNECT_TIMEOUT;

    private final Seed001.MonitoredHostCluster mhc;
    private final FailoverCluster cluster;
    private final MonitorStation station;
    private final PingRecord ping;

    /**
     * The cluster with its monitor.
     *
     * @param seed     the lab's seed
     * @param monitor  whether the monitor watches SQL Server (false: a plain host cluster)
     * @param guarded  whether the script's failover is guarded
     */
    public MonitoredCluster(long seed, boolean monitor, boolean guarded) {
        mhc = Seed001.monitoredHostCluster(seed, SimClock.virtual(Lab.DEFAULT_START));
        HyperVHost host = mhc.lab().connect("host2");
        cluster = host.capability(FailoverCluster.class);
        station = MonitorStation.of(mhc.lab());
        if (monitor) {
            station.addProbe(ALARM, Seed001.VM, POLL, CONNECT_TIMEOUT);
            station.table().bind(ALARM, Seed001.VM, MonitorAction.seed001Script(Seed001.SERVICE), guarded);
        }
        ping = mhc.guests().ping(Seed001.VM);
    }

    /** @return the lab */
    public Lab lab() { return mhc.lab(); }
    /** @return the guests */
    public GuestWorld guests() { return mhc.guests(); }
    /** @return the cluster, through the typed API */
    public FailoverCluster cluster() { return cluster; }
    /** @return the management server */
    public ManagementServer server() { return station.server(); }
    /** @return the alarm table */
    public AlarmTable table() { return station.table(); }
    /** @return the client's ping of the VM */
    public PingRecord ping() { return ping; }
    /** @return the fault injector */
    public FaultInjector faults() { return station.faults(); }

    /** @return now, on the lab's clock */
    public Instant now() {
        return mhc.lab().clock().now();
    }

    /**
     * Lets time pass.
     *
     * @param d how long
     */
    public void run(Duration d) {
        mhc.lab().clock().advance(d);
    }

    /**
     * The history's entries of one kind.
     *
     * @param kind the kind
     * @return them, oldest first
     */
    public List<MonitorEvent> events(MonitorEvent.Kind kind) {
        return station.table().history().stream().filter(e -> e.kind() == kind).toList();
    }

    /**
     * The first entry of one kind.
     *
     * @param kind the kind
     * @return its time
     * @throws IllegalStateException when there is none
     */
    public Instant first(MonitorEvent.Kind kind) {
        return events(kind).stream().findFirst().map(MonitorEvent::time)
                .orElseThrow(() -> new IllegalStateException("no " + kind + " in " + station.table().history()));
    }

    /**
     * The cluster's own failovers of the SQL Server role so far.
     *
     * @return how many
     */
    public long clusterFailovers() {
        return ClusterLab.of(mhc.lab()).history("hv-cluster").stream().filter(h -> h.kind().equals("FAILOVER") && h.outcome().equals("FAILOVER")).count();
    }

    /**
     * The cluster's own failover attempts of the SQL Server role so far, failed ones too.
     *
     * @return how many
     */
    public long clusterFailoverAttempts() {
        return ClusterLab.of(mhc.lab()).history("hv-cluster").stream().filter(h -> h.kind().equals("FAILOVER")).count();
    }

    @Override
    public void close() {
        mhc.close();
    }
}
