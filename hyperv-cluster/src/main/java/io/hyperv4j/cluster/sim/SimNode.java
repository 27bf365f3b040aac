package io.hyperv4j.cluster.sim;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/** A cluster node: one lab host as the cluster sees it. Mutate under the lab lock, after touching it. */
public final class SimNode {
    /** MSCluster_Node.State. */
    public enum State {
        UP(0), DOWN(1), PAUSED(2), JOINING(3);
        public final int code;
        State(int code) { this.code = code; }
    }

    /** MSCluster_Node.NodeDrainStatus. */
    public enum DrainStatus {
        NOT_INITIATED(0), IN_PROGRESS(1), COMPLETED(2), FAILED(3);
        public final int code;
        DrainStatus(int code) { this.code = code; }
    }

    /** Windows Server editions; Standard has no live migration (seed 002, 5.3 item 1). */
    public enum Edition {
        STANDARD(false), ENTERPRISE(true), DATACENTER(true);
        public final boolean liveMigration;
        Edition(boolean lm) { this.liveMigration = lm; }
    }

    /** The processor architecture Windows runs in: Hyper-V needs x64 (seed 003 §5.2 item 2). */
    public enum Architecture { X64, X86 }

    final SimCluster cluster;
    final String name;
    final int id;
    State state = State.UP;
    /** When the node stopped (its failover is due a detection later); null when it is not down. */
    java.time.Instant downSince;
    DrainStatus drainStatus = DrainStatus.NOT_INITIATED;
    String drainTarget = "";
    /** Force drain: a role that cannot live-migrate moves by quick migration instead. */
    boolean forceDrain;
    Edition edition = Edition.DATACENTER;
    Architecture architecture = Architecture.X64;
    String processorVendor = "GenuineIntel";
    String processorVersion = "Xeon E5405";
    final Set<String> virtualSwitches = new LinkedHashSet<>();

    SimNode(SimCluster cluster, String name, int id) {
        this.cluster = cluster;
        this.name = Objects.requireNonNull(name);
        this.id = id;
    }

    public String name() { return name; }
    public int id() { return id; }
    public State state() { return state; }
    public DrainStatus drainStatus() { return drainStatus; }
    public Edition edition() { return edition; }
    public Architecture architecture() { return architecture; }
    public String processorVendor() { return processorVendor; }
    public String processorVersion() { return processorVersion; }
    public Set<String> virtualSwitches() { return Set.copyOf(virtualSwitches); }
    public SimCluster cluster() { return cluster; }

    /** Running the cluster service (up or paused). */
    public boolean isUpOrPaused() {
        return state == State.UP || state == State.PAUSED;
    }

    /** Can take new groups: up and not paused. */
    public boolean isUp() {
        return state == State.UP;
    }
}
