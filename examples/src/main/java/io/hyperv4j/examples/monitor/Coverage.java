package io.hyperv4j.examples.monitor;

import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.scvmm.monitor.MonitorEvent;
import io.hyperv4j.scvmm.sim.guest.FaultInjector;
import io.hyperv4j.scvmm.sim.guest.FaultLocation;
import io.hyperv4j.scvmm.sim.guest.Seed001;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed 001's Table 5-1 derived by running it: for each configuration and fault location, a fresh lab
 * gets the fault and 15 minutes; the cell is ○ when every case of the fault ended with the service
 * back by that configuration's automatic path, × when none did, △ when some did (the guest OS row
 * has two cases: a crash, and a hang that still answers the host's heartbeat).
 */
public final class Coverage {
    private static final Duration SETTLE = Duration.ofMinutes(15);

    /** The table's columns. */
    public enum Configuration {
        /** MSFC in the guests. */
        GUEST_CLUSTER("Guest cluster"),
        /** A host cluster with VM heartbeat monitoring (Table 5-1 note 1). */
        HOST_CLUSTER_HEARTBEAT("Host cluster *1"),
        /** The monitored host cluster's path (a): the host cluster alone, heartbeat monitoring off. */
        MONITORED_A("Monitored HC (a)"),
        /** The monitored host cluster's path (b): the monitoring integration alone (the cluster does not restart roles). */
        MONITORED_B("Monitored HC (b)");

        private final String label;

        Configuration(String label) {
            this.label = label;
        }

        /** @return the column's heading */
        public String label() {
            return label;
        }
    }

    /** A cell's mark. */
    public enum Mark {
        /** Fails over automatically. */
        YES("○"),
        /** In some cases does not. */
        PARTLY("△"),
        /** Does not. */
        NO("×");

        private final String symbol;

        Mark(String symbol) {
            this.symbol = symbol;
        }

        /** @return the paper's symbol */
        public String symbol() {
            return symbol;
        }
    }

    /** The paper's Table 5-1, for comparison (power-off, from section 5, as the hardware rows). */
    public static final Map<FaultLocation, String> PAPER = paper();

    private Coverage() {
    }

    private static Map<FaultLocation, String> paper() {
        Map<FaultLocation, String> m = new EnumMap<>(FaultLocation.class);
        for (FaultLocation l : FaultLocation.values()) m.put(l, "○○○○");
        m.put(FaultLocation.LAN_BOARD, "××××");
        m.put(FaultLocation.RESOURCE_SHORTAGE, "○○×○");
        m.put(FaultLocation.GUEST_OS, "○△×○");
        m.put(FaultLocation.APPLICATION, "○××○");
        return m;
    }

    /**
     * Every row of the table.
     *
     * @return per location, the marks in column order
     */
    public static Map<FaultLocation, List<Mark>> matrix() {
        Map<FaultLocation, List<Mark>> out = new LinkedHashMap<>();
        for (FaultLocation l : FaultLocation.values())
            out.put(l, java.util.Arrays.stream(Configuration.values()).map(c -> mark(c, l)).toList());
        return out;
    }

    /**
     * One cell, by running each case of the fault.
     *
     * @param c the configuration
     * @param l the fault
     * @return the mark
     */
    public static Mark mark(Configuration c, FaultLocation l) {
        List<Boolean> cases = l == FaultLocation.GUEST_OS ? List.of(recovers(c, l, false), recovers(c, l, true)) : List.of(recovers(c, l, false));
        if (cases.stream().allMatch(b -> b)) return Mark.YES;
        return cases.stream().noneMatch(b -> b) ? Mark.NO : Mark.PARTLY;
    }

    /** Whether the configuration's automatic path brings the service back after the fault (on host1, or in the VM on it). */
    static boolean recovers(Configuration c, FaultLocation l, boolean hang) {
        if (c == Configuration.GUEST_CLUSTER) {
            try (Seed001.GuestClusterLab g = Seed001.guestCluster(1, SimClock.virtual(Lab.DEFAULT_START))) {
                inject(new FaultInjector(ClusterLab.of(g.lab()), g.guests()), l, Seed001.VM1, hang);
                g.lab().clock().advance(SETTLE);
                return !g.cluster().failovers().isEmpty() && g.cluster().serviceAnswers();
            }
        }
        try (MonitoredCluster m = new MonitoredCluster(1, c == Configuration.MONITORED_B, true)) {
            if (c == Configuration.HOST_CLUSTER_HEARTBEAT) m.guests().monitorHeartbeat(Seed001.VM);
            if (c == Configuration.MONITORED_B) m.cluster().groupOfVm(Seed001.VM).setFailoverPolicy(0, 6, false); // the cluster restarts nothing
            m.run(Duration.ofSeconds(90));
            inject(m.faults(), l, Seed001.VM, hang);
            m.run(SETTLE);
            boolean back = m.guests().serviceAnswers(Seed001.VM);
            return switch (c) {
                case MONITORED_B -> back && !m.events(MonitorEvent.Kind.ACTION_SUCCEEDED).isEmpty();
                default -> back && (m.clusterFailovers() > 0 || m.guests().heartbeatRestarts() > 0);
            };
        }
    }

    private static void inject(FaultInjector f, FaultLocation l, String vm, boolean hang) {
        if (l.scope() == FaultLocation.Scope.HOST) f.injectHost(l, "host1");
        else f.injectVm(l, vm, hang);
    }
}
