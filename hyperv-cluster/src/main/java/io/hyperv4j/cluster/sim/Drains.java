package io.hyperv4j.cluster.sim;

import static io.hyperv4j.cluster.sim.ClusterEngine.refusal;
import static io.hyperv4j.cluster.sim.ClusterError.*;

import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pausing a node with a drain (its roles leave a few at a time, within the live-migration limit)
 * and resuming it with failback. Called under the lab lock.
 */
final class Drains {
    private static final Logger LOG = LoggerFactory.getLogger(Drains.class);
    private final ClusterEngine engine;
    private final Lab lab;

    Drains(ClusterEngine engine) {
        this.engine = engine;
        this.lab = engine.lab;
    }

    void pause(Txn txn, SimCluster c, SimNode n, int drainType, String target) {
        if (!n.isUpOrPaused()) throw refusal(ERROR_CLUSTER_NODE_DOWN, "node " + n.name + " is " + n.state);
        if (drainType < 0 || drainType > 2) throw refusal(ERROR_CLUSTER_PARAMETER_OUT_OF_BOUNDS, "DrainType " + drainType + " is not 0, 1 or 2");
        if (target != null && !target.isEmpty()) {
            SimNode t = c.node(target);
            if (t == null) throw refusal(ERROR_CLUSTER_NODE_NOT_FOUND, "'" + target + "' is not a node of cluster " + c.name);
            if (t == n) throw refusal(ERROR_INVALID_PARAMETER, "a node cannot drain to itself");
            if (!t.isUp()) throw refusal(ERROR_CLUSTER_NODE_DOWN, "drain target " + t.name + " is " + t.state);
        }
        txn.touch(n);
        n.state = SimNode.State.PAUSED;
        n.drainTarget = target == null ? "" : target;
        n.forceDrain = drainType == 2;
        if (drainType > 0) {
            n.drainStatus = SimNode.DrainStatus.IN_PROGRESS;
            pump(txn, c);
        }
    }

    /** Starts what the draining nodes can move now, within the live-migration limit; completes drains that are done. */
    void pump(Txn txn, SimCluster c) {
        for (SimNode n : c.nodes.values()) {
            if (n.state != SimNode.State.PAUSED || n.drainStatus != SimNode.DrainStatus.IN_PROGRESS && n.drainStatus != SimNode.DrainStatus.FAILED)
                continue;
            boolean pending = false;
            for (SimGroup g : c.groups.values()) {
                if (g.migration != null && g.migration.source == n) { pending = true; continue; } // still cleaning up
                if (g.owner != n) continue;
                if (g.migration != null) { pending = true; continue; }
                if (g.state == SimGroup.State.FAILED) continue;
                if (n.drainStatus == SimNode.DrainStatus.FAILED) continue;
                SimNode dest = drainDestination(c, g, n);
                if (dest == null) { pending = true; continue; }
                SimMigration.Kind kind = g.state == SimGroup.State.ONLINE ? SimMigration.Kind.LIVE : SimMigration.Kind.QUICK;
                try {
                    engine.moves().move(txn, c, g, dest.name, kind, Optional.empty(), true);
                    if (g.migration != null) pending = true;
                    else { txn.touch(g); g.drainedFrom = n.name; }
                } catch (RefusedCall e) {
                    if (e.mayStartLater()) { pending = true; continue; }
                    if (n.forceDrain && kind == SimMigration.Kind.LIVE) {
                        try {
                            engine.moves().move(txn, c, g, dest.name, SimMigration.Kind.QUICK, Optional.empty(), true);
                            pending = true;
                            continue;
                        } catch (RefusedCall quickRefused) {
                            e = quickRefused;
                        }
                    }
                    LOG.info("drain of {} could not move {}: {}", n.name, g.name, e.getMessage());
                    txn.touch(g);
                    g.failed(e.clusterError(), e.getMessage());
                    txn.touch(n);
                    n.drainStatus = SimNode.DrainStatus.FAILED;
                }
            }
            if (!pending && n.drainStatus == SimNode.DrainStatus.IN_PROGRESS) {
                txn.touch(n);
                n.drainStatus = SimNode.DrainStatus.COMPLETED;
            }
        }
    }

    /** Where a draining node's role goes: the drain target, else the possible owner with a free slot and the fewest roles. */
    private SimNode drainDestination(SimCluster c, SimGroup g, SimNode from) {
        int max = c.profile.maxLiveMigrationsPerNode();
        boolean live = g.state == SimGroup.State.ONLINE;
        if (live && c.liveMigrationsOn(from) >= max) return null;
        List<SimNode> candidates = new ArrayList<>();
        for (String name : g.possibleOwners) {
            SimNode n = c.node(name);
            if (n == null || n == from || !n.isUp()) continue;
            if (!from.drainTarget.isEmpty() && !n.name.equalsIgnoreCase(from.drainTarget)) continue;
            if (live && c.liveMigrationsOn(n) >= max) continue;
            candidates.add(n);
        }
        candidates.sort(Comparator.comparingInt((SimNode n) -> g.preferenceRank(n))
                .thenComparingInt(n -> c.groupsOwnedBy(n) + c.liveMigrationsOn(n)).thenComparing(n -> n.name));
        if (candidates.isEmpty()) return null;
        // the best node with room; when none has room, the best one, whose refusal (5957, with the numbers) fails the drain
        SimVm vm = lab.vm(g.vmId);
        if (vm == null || !live) return candidates.get(0);
        return candidates.stream().filter(n -> ClusterCapacity.shortfall(lab, c, n, vm, vm.memoryMb(), vm.processors()).isEmpty())
                .findFirst().orElse(candidates.get(0));
    }

    void resume(Txn txn, SimCluster c, SimNode n, int failbackType) {
        if (n.state != SimNode.State.PAUSED) throw refusal(ERROR_CLUSTER_NODE_NOT_PAUSED, "node " + n.name + " is not paused (" + n.state + ")");
        if (failbackType < 0 || failbackType > 2) throw refusal(ERROR_CLUSTER_PARAMETER_OUT_OF_BOUNDS, "FailbackType " + failbackType + " is not 0, 1 or 2");
        txn.touch(n);
        n.state = SimNode.State.UP;
        n.drainStatus = SimNode.DrainStatus.NOT_INITIATED;
        n.drainTarget = "";
        for (SimGroup g : c.groups.values()) {
            if (!n.name.equalsIgnoreCase(g.drainedFrom)) continue;
            txn.touch(g);
            g.drainedFrom = null;
            boolean back = failbackType == 1 || failbackType == 2 && g.autoFailbackType == 1;
            if (!back || g.migration != null || g.owner == n) continue;
            try {
                engine.moves().move(txn, c, g, n.name, g.state == SimGroup.State.ONLINE ? SimMigration.Kind.LIVE : SimMigration.Kind.QUICK,
                        Optional.empty(), false);
            } catch (RefusedCall e) {
                // failback is best effort: a role that cannot go back now stays where it is
                LOG.info("failback of {} to {} not started: {}", g.name, n.name, e.getMessage());
                g.failed(e.clusterError(), e.getMessage());
            }
        }
    }
}
