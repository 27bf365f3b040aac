package io.hyperv4j.scvmm.sim.guest;

import io.hyperv4j.cim.Subscription;
import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.cluster.sim.SimCluster;
import io.hyperv4j.cluster.sim.SimNode;
import io.hyperv4j.scvmm.monitor.AlarmTable;
import io.hyperv4j.scvmm.monitor.ClusterManagementServer;
import io.hyperv4j.scvmm.monitor.HostManagementServer;
import io.hyperv4j.scvmm.monitor.MonitorSnapshot;
import io.hyperv4j.scvmm.monitor.MonitorTimings;
import io.hyperv4j.scvmm.monitor.spi.ManagementServer;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimHost;
import java.time.Duration;
import java.util.List;

/**
 * A lab's monitoring station, saved with the lab: seed 001's remote monitor (connection probes of the
 * guests' services), its alarm table with the seed's timings, the management server its actions run
 * on (the lab's host cluster through the typed cluster API, reached through its last node that is
 * up; a lab without a host cluster gets a {@link HostManagementServer} over its hosts) and the fault injector. One per
 * lab ({@link #of}); every probe alarm of its table is a connection probe of its VM's service, which
 * is how a saved table gets its probes back.
 */
public final class MonitorStation {
    /** The paper's poll interval. */
    public static final Duration POLL = Duration.ofSeconds(60);
    /** The connection timeout of one poll (not in the paper; calibrated). */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(6);

    private final GuestWorld guests;
    private final ManagementServer server;
    private final AlarmTable table;
    private final FaultInjector faults;

    private MonitorStation(GuestWorld guests, ManagementServer server, AlarmTable table) {
        this.guests = guests;
        this.server = server;
        this.table = table;
        this.faults = new FaultInjector(ClusterLab.of(guests.lab()), guests);
    }

    /**
     * The lab's station, made on first use.
     *
     * @param lab the lab
     * @return its station
     */
    public static MonitorStation of(Lab lab) {
        return GuestProvider.of(lab).station();
    }

    static MonitorStation create(GuestWorld guests, Saved saved) {
        Lab lab = guests.lab();
        SimMonitorClock clock = new SimMonitorClock(lab.clock());
        ManagementServer server = clusterNode(lab).<ManagementServer>map(h -> {
            ClusterManagementServer s = ClusterManagementServer.on(lab.connect(h), guests, guests::reachable, clock);
            if (saved != null) s.rememberOwnerChanges(saved.ownerChanges());
            return s;
        }).orElseGet(() -> new HostManagementServer(lab.hosts().stream().map(h -> lab.connect(h.name())).toList(), guests, guests::reachable));
        AlarmTable table = new AlarmTable(clock, server, MonitorTimings.seed001());
        if (saved != null) table.restore(saved.table(), a -> guests.connectionProbe(a.vm()));
        return new MonitorStation(guests, server, table);
    }

    /** The last clustered host whose node is up: any node answers for its cluster. */
    private static java.util.Optional<String> clusterNode(Lab lab) {
        ClusterLab clusters = ClusterLab.of(lab);
        List<String> hosts = lab.hosts().stream().map(SimHost::name).toList();
        String found = null;
        for (String h : hosts) {
            SimCluster c = clusters.read(e -> e.clusterOf(h));
            SimNode n = c == null ? null : c.node(h);
            if (n != null && n.isUpOrPaused()) found = h;
        }
        return java.util.Optional.ofNullable(found);
    }

    /**
     * What the lab file keeps of a station.
     *
     * @param table        the alarm table
     * @param ownerChanges the owner changes the management server logged
     */
    record Saved(MonitorSnapshot table, List<ClusterManagementServer.OwnerChange> ownerChanges) {
    }

    Saved saved() {
        return new Saved(table.snapshot(), server instanceof ClusterManagementServer c ? c.ownerChanges() : List.of());
    }

    /**
     * Adds a connection probe of the VM's service, polled from now on.
     *
     * @param alarm    the alarm's name
     * @param vm       the VM
     * @param interval the pause between attempts (positive)
     * @param timeout  the connection timeout (positive)
     * @return the registration
     * @throws IllegalArgumentException naming the value when a value is refused
     */
    public Subscription addProbe(String alarm, String vm, Duration interval, Duration timeout) {
        return table.addProbe(alarm, vm, guests.connectionProbe(vm), interval, timeout);
    }

    /** @return the alarm table */
    public AlarmTable table() { return table; }
    /** @return the management server the actions run on */
    public ManagementServer server() { return server; }
    /** @return the lab's guests */
    public GuestWorld guests() { return guests; }
    /** @return the fault injector */
    public FaultInjector faults() { return faults; }
}
