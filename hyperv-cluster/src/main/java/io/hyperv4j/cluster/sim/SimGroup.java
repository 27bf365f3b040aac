package io.hyperv4j.cluster.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A virtual machine role: an MSCluster_ResourceGroup with its "Virtual Machine" and "Virtual
 * Machine Configuration" resources, which depend on the CSV disk holding the VM's files.
 */
public final class SimGroup {
    /** MSCluster_ResourceGroup.State. */
    public enum State {
        ONLINE(0), OFFLINE(1), FAILED(2), PARTIAL_ONLINE(3), PENDING(4);
        public final int code;
        State(int code) { this.code = code; }
    }

    /** GroupType of a virtual machine role (CLUSGROUP_TYPE_VIRTUAL_MACHINE). */
    public static final int GROUP_TYPE_VIRTUAL_MACHINE = 111;

    final String name;
    final String id;
    final String vmId;
    /**
     * The group's other VMs (id to name), each a further "Virtual Machine" resource: on Windows Server
     * 2008 RTM VMs whose files share a cluster disk share the disk's group and move as one (seed 003).
     */
    final java.util.Map<String, String> companions = new java.util.LinkedHashMap<>();
    SimNode owner;
    State state;
    final List<String> preferredOwners = new ArrayList<>();
    final List<String> possibleOwners = new ArrayList<>();
    final List<String> dependencies = new ArrayList<>(); // disk names the VM configuration depends on
    long failoverThreshold;
    long failoverPeriodHours = 6;
    int autoFailbackType; // 0 prevent, 1 allow
    final List<Instant> failovers = new ArrayList<>();
    /** The VM configuration the cluster holds; stale once the VM changed through Hyper-V. */
    long clusterMemoryMb;
    int clusterProcessors;
    /** Node the group was drained from, for failback on resume. */
    String drainedFrom;
    SimMigration migration;
    /** The VM resource's RestartAction (2: restart, then fail over), RestartThreshold and RestartPeriod (ms): Failover Cluster Manager's defaults. */
    int restartAction = 2;
    long restartThreshold = 1;
    long restartPeriodMs = 900_000;
    /** When the cluster restarted the VM resource on its node, within the restart period. */
    final List<Instant> restarts = new ArrayList<>();
    /** A role restarting on a survivor after a node failure: when it comes online, which node failed and when (null otherwise). */
    Instant onlineAt;
    String failedNode;
    Instant failedAt;
    /** Why the last move (or failover) of this role ended without it: the Win32 error and what happened; null after a success. */
    ClusterError lastError;
    String lastMigrationError = "";

    SimGroup(String name, String id, String vmId, SimNode owner, State state) {
        this.name = name;
        this.id = id;
        this.vmId = vmId;
        this.owner = owner;
        this.state = state;
    }

    public String name() { return name; }
    public String id() { return id; }
    public String vmId() { return vmId; }
    public SimNode owner() { return owner; }
    public State state() { return state; }
    public List<String> preferredOwners() { return List.copyOf(preferredOwners); }
    public List<String> possibleOwners() { return List.copyOf(possibleOwners); }
    public SimMigration migration() { return migration; }

    /** Every VM of the group, its own first: they are saved, moved, restored and failed over together. */
    public List<String> vmIds() {
        List<String> out = new ArrayList<>(List.of(vmId));
        out.addAll(companions.keySet());
        return out;
    }

    /** Whether {@code id} is one of the group's VMs. */
    boolean holds(String id) {
        return vmId.equalsIgnoreCase(id) || companions.keySet().stream().anyMatch(c -> c.equalsIgnoreCase(id));
    }
    public long failoverThreshold() { return failoverThreshold; }
    public long failoverPeriodHours() { return failoverPeriodHours; }
    public int autoFailbackType() { return autoFailbackType; }

    /** The last move or failover ended without the role where it was going. */
    void failed(ClusterError why, String detail) {
        lastError = why;
        lastMigrationError = detail;
    }

    void clearLastError() {
        lastError = null;
        lastMigrationError = "";
    }

    /** The resource's LastOperationStatusCode: the Win32 error of the last failed operation, 0 after a success. */
    long lastOperationStatus() {
        return lastError == null ? 0 : lastError.code;
    }

    /** Where {@code n} comes in the preferred owners (first is 0); a node not in the list comes last. */
    int preferenceRank(SimNode n) {
        int i = preferredOwners.indexOf(n.name);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    /** Resource names, as Failover Cluster Manager shows them. */
    public String vmResourceName() {
        return "Virtual Machine " + name;
    }

    public String configResourceName() {
        return "Virtual Machine Configuration " + name;
    }

    /** The resource names of one of the group's VMs: the group's own, or those of a companion (named after it). */
    String vmResourceName(String id) {
        return id.equalsIgnoreCase(vmId) ? vmResourceName() : "Virtual Machine " + companions.get(id);
    }

    String configResourceName(String id) {
        return id.equalsIgnoreCase(vmId) ? configResourceName() : "Virtual Machine Configuration " + companions.get(id);
    }
}
