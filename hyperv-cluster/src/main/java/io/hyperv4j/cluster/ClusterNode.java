package io.hyperv4j.cluster;

import static io.hyperv4j.cluster.MsCluster.*;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.job.Operation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A cluster node (MSCluster_Node): pause with drain, resume with failback. */
public final class ClusterNode {
    private final FailoverCluster cluster;
    private final String name;

    ClusterNode(FailoverCluster cluster, String name) {
        this.cluster = cluster;
        this.name = name;
    }

    public String name() {
        return name;
    }

    public NodeInfo info() {
        return NodeInfo.from(get(cluster.session(), NODE, name, "cluster node"));
    }

    /** The roles this node owns now. */
    public List<GroupInfo> groups() {
        // one query for every role, then only the owned ones are read further (their VM resources)
        return all(cluster.session(), GROUP).stream().filter(g -> str(g, "OwnerNode").equalsIgnoreCase(name))
                .map(g -> new ClusterGroup(cluster, str(g, "Name")).read(g)).toList();
    }

    /**
     * Pauses the node (Suspend-ClusterNode). With {@link DrainType#DRAIN} its roles leave by live
     * migration (quick for roles that are off), a few at a time within the live-migration limit;
     * the operation ends when NodeDrainStatus is Completed (result) or Failed ({@link ClusterException}).
     * {@code targetNode} may be null: the cluster picks a destination per role.
     */
    public Operation<NodeInfo> pause(DrainType drain, String targetNode) {
        Map<String, CimValue> in = new LinkedHashMap<>();
        in.put("DrainType", CimValue.uint32(drain.code()));
        in.put("TargetNode", CimValue.string(targetNode == null ? "" : targetNode));
        String what = "pause of node " + name + (drain == DrainType.NONE ? "" : " with drain");
        ClusterOperation<NodeInfo> op = watchDrain(drain != DrainType.NONE, what);
        try {
            invoke(cluster.session(), path(NODE, name), "Pause", in, what);
        } catch (RuntimeException e) {
            op.close();
            throw e;
        }
        return op.started();
    }

    /**
     * The drain of this node already under way (started earlier, by this client or another): ends
     * as {@link #pause} with a drain does, at once when NodeDrainStatus is no longer In Progress.
     */
    public Operation<NodeInfo> drainInProgress() {
        return watchDrain(true, "drain of node " + name).started();
    }

    private ClusterOperation<NodeInfo> watchDrain(boolean drain, String what) {
        int owned = ownedCount();
        ClusterOperation<NodeInfo> op = new ClusterOperation<>(cluster.session(), what, cluster.operationTimeout(),
                "SELECT * FROM __InstanceModificationEvent WHERE TargetInstance ISA '" + NODE + "' AND TargetInstance.Name = '" + name + "'",
                n -> !drain || num(n, "NodeDrainStatus", 0) >= DrainStatus.COMPLETED.code(),
                () -> get(cluster.session(), NODE, name, "cluster node"),
                n -> {
                    NodeInfo i = NodeInfo.from(n);
                    if (i.drainStatus() == DrainStatus.FAILED)
                        throw new ClusterException("drain of node " + name + " failed: some roles could not be moved " + stuck());
                    return i;
                },
                () -> owned == 0 ? 0 : (int) Math.max(0, Math.min(99, 100L * (owned - ownedCount()) / owned)), () -> false,
                n -> new io.hyperv4j.HyperVTimeoutException(what + " did not finish within the timeout (drain status "
                        + NodeInfo.from(n).drainStatus() + ")"));
        if (drain)
            op.progressFrom("SELECT * FROM __InstanceModificationEvent WHERE TargetInstance ISA '" + GROUP
                    + "' AND TargetInstance.OwnerNode <> PreviousInstance.OwnerNode");
        return op;
    }

    private List<String> stuck() {
        return groups().stream().map(g -> g.name() + (g.lastMigrationError().isEmpty() ? "" : " (" + g.lastMigrationError() + ")")).toList();
    }

    /** Roles this node owns now (the core group aside). */
    private int ownedCount() {
        int n = 0;
        for (CimInstance g : all(cluster.session(), GROUP))
            if (str(g, "OwnerNode").equalsIgnoreCase(name) && !bool(g, "IsCore")) n++;
        return n;
    }

    /** Resumes a paused node (Resume-ClusterNode); with a failback, the roles drained from it come back. */
    public NodeInfo resume(FailbackType failback) {
        invoke(cluster.session(), path(NODE, name), "Resume", Map.of("FailbackType", CimValue.uint32(failback.code())), "resume of node " + name);
        return info();
    }

    @Override
    public String toString() {
        return "ClusterNode[" + name + "]";
    }

}
