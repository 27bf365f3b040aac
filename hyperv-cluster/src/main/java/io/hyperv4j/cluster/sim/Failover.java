package io.hyperv4j.cluster.sim;

import static io.hyperv4j.cluster.sim.ClusterEngine.refusal;
import static io.hyperv4j.cluster.sim.ClusterError.*;

import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Node failure and recovery: a failed node's VMs stop at once and, after the heartbeat threshold,
 * its roles restart on surviving possible owners within their failover policy; a recovered node
 * joins and takes back the roles that fail back to it. Each call takes the lab lock itself.
 */
final class Failover {
    private static final Duration LOCK = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(Failover.class);
    /** A recovered node rejoins after this long. */
    static final Duration JOIN_TIME = Duration.ofSeconds(10);
    private final ClusterEngine engine;
    private final Lab lab;

    Failover(ClusterEngine engine) {
        this.engine = engine;
        this.lab = engine.lab;
    }

    /**
     * A node stops (power off, or its heartbeats are lost): its VMs stop at once; after the
     * heartbeat threshold the cluster declares it down and restarts its roles on surviving
     * possible owners (a cold boot: nothing of the guest's memory survives).
     */
    void failNode(String nodeName, boolean powerOff) {
        Instant failedAt = lab.write(LOCK, txn -> {
            SimCluster c = engine.clusterOf(nodeName);
            if (c == null) throw new IllegalArgumentException("'" + nodeName + "' is not a cluster node");
            SimNode n = c.node(nodeName);
            if (n.state == SimNode.State.DOWN) throw new IllegalStateException("node " + n.name + " is already down");
            // moves that involve the node stop: to it, the VM stays on its source; from it, the VM is lost with the node
            for (SimGroup g : c.groups.values()) {
                SimMigration m = g.migration;
                if (m == null || (m.source != n && m.destination != n)) continue;
                txn.touch(g);
                g.migration = null;
                MoveExecution.cancelTasks(m);
                // the copy stops with the node: its traffic ends now, not at the plan's time
                lab.activities().endAll(g.vmId, txn.now());
                SimVm vm = lab.vm(g.vmId);
                if (m.source == n) {
                    engine.moves().execution().record(m, txn.now(), Duration.ZERO, "FAILED", "source node " + n.name + " failed");
                } else if (vm != null) {
                    if (!vm.host().name().equalsIgnoreCase(m.source.name)) { lab.moveVm(txn, vm, lab.host(m.source.name)); }
                    txn.touch(vm);
                    vm.state(PowerState.RUNNING, txn.now());
                    g.owner = m.source;
                    g.state = SimGroup.State.ONLINE;
                    g.failed(ClusterError.ERROR_CLUSTER_NODE_DOWN, "destination node " + n.name + " failed");
                    engine.moves().execution().record(m, txn.now(), Duration.ZERO, "FAILED", g.lastMigrationError);
                }
            }
            for (SimVm vm : lab.host(n.name).vms()) {
                if (vm.state() == PowerState.OFF || vm.state() == PowerState.SAVED) continue;
                txn.touch(vm);
                vm.state(PowerState.OFF, txn.now());
                engine.memory.remove(vm.id());
            }
            txn.touch(n);
            n.state = SimNode.State.DOWN;
            n.downSince = txn.now();
            n.drainStatus = SimNode.DrainStatus.NOT_INITIATED;
            for (SimGroup g : c.groups.values())
                if (g.owner == n && g.state != SimGroup.State.OFFLINE) { txn.touch(g); g.state = SimGroup.State.PENDING; }
            for (SimDisk d : c.disks.values()) if (d.owner == n) { txn.touch(d); d.owner = null; }
            engine.drains().pump(txn, c);
            return txn.now();
        });
        if (powerOff) LOG.debug("node {} powered off", nodeName);
        scheduleDetection(nodeName, failedAt);
    }

    /** The cluster declares the node down after the heartbeat threshold and fails its roles over. */
    private void scheduleDetection(String nodeName, Instant failedAt) {
        Instant detected = failedAt.plus(engine.failoverModel().detection());
        lab.clock().scheduleAt(detected.isBefore(lab.clock().now()) ? lab.clock().now() : detected, t -> lab.write(LOCK, txn -> {
            SimCluster c = engine.clusterOf(nodeName);
            if (c != null) failoverFrom(txn, c, nodeName, failedAt);
            return null;
        }));
    }

    /**
     * A lab saved while a node was down or roles were restarting goes on where it stopped: detections
     * not yet done and roles not yet online are scheduled again (their times are in the lab file).
     */
    void resume() {
        for (SimCluster c : engine.clusters.values()) {
            for (SimNode n : c.nodes.values()) if (n.state == SimNode.State.DOWN && n.downSince != null) scheduleDetection(n.name, n.downSince);
            for (SimGroup g : c.groups.values()) if (g.onlineAt != null) scheduleOnline(c, g);
        }
    }

    private void failoverFrom(Txn txn, SimCluster c, String nodeName, Instant failedAt) {
        SimNode n = c.node(nodeName);
        if (n.state != SimNode.State.DOWN || n.downSince == null) return;
        txn.touch(n);
        n.downSince = null; // detected: a lab saved from now on has nothing of it left to do
        for (SimDisk d : c.disks.values()) {
            if (d.owner != null) continue;
            SimNode to = c.nodes.values().stream().filter(SimNode::isUpOrPaused).findFirst().orElse(null);
            txn.touch(d);
            d.owner = to;
        }
        for (SimGroup g : c.groups.values()) {
            if (g.owner != n || g.state == SimGroup.State.OFFLINE || g.migration != null) continue;
            restartElsewhere(txn, c, g, n, failedAt);
        }
    }

    /**
     * The role restarts on the best other possible owner with room, within its failover policy (a cold
     * boot: nothing of the guest's memory survives); with none, it fails saying why.
     */
    private void restartElsewhere(Txn txn, SimCluster c, SimGroup g, SimNode n, Instant failedAt) {
        txn.touch(g);
        Instant since = txn.now().minus(Duration.ofHours(g.failoverPeriodHours));
        g.failovers.removeIf(t -> t.isBefore(since));
        SimVm vm = lab.vm(g.vmId);
        List<SimNode> survivors = survivors(c, g);
        survivors.remove(n);
        List<String> noRoom = new ArrayList<>();
        SimNode to = withRoom(c, g, vm, survivors, noRoom);
        if (to == null || g.failovers.size() >= g.failoverThreshold) {
            g.state = SimGroup.State.FAILED;
            if (survivors.isEmpty()) g.failed(ClusterError.ERROR_HOST_NODE_NOT_AVAILABLE, "no surviving possible owner");
            else if (to == null) g.failed(ClusterError.ERROR_CLUSTER_RESOURCE_VETOED_MOVE_NOT_ENOUGH_RESOURCES_ON_DESTINATION,
                    "no surviving possible owner has room: " + String.join("; ", noRoom));
            else g.failed(ClusterError.ERROR_RESOURCE_FAILED, "failover threshold " + g.failoverThreshold + " in "
                    + g.failoverPeriodHours + " h reached");
            c.history.add(new MigrationRecord(g.name, g.vmId, "FAILOVER", n.name, n.name, failedAt, txn.now(), Duration.ZERO,
                    "FAILED", g.lastMigrationError, 0, 0, ""));
            return;
        }
        g.failovers.add(txn.now());
        lab.moveVm(txn, vm, lab.host(to.name));
        txn.touch(vm);
        // the cluster starts the VM from the configuration it holds: a stale one wins
        vm.memoryMb(g.clusterMemoryMb);
        vm.processors(g.clusterProcessors);
        vm.state(PowerState.STARTING, txn.now());
        g.owner = to;
        c.carryDisks(txn, g, to);
        g.drainedFrom = null;
        for (SimVm other : companions(g)) { // the VMs sharing the role's disk restart with it, cold
            lab.moveVm(txn, other, lab.host(to.name));
            txn.touch(other);
            other.state(PowerState.STARTING, txn.now());
        }
        bootLater(txn, g, vm, n, failedAt);
    }

    /** The role's other VMs that exist (2008 RTM: those sharing its disk). */
    private List<SimVm> companions(SimGroup g) {
        List<SimVm> out = new ArrayList<>();
        for (String id : g.companions.keySet()) {
            SimVm v = lab.vm(id);
            if (v != null) out.add(v);
        }
        return out;
    }

    /** The role's VM boots on its owner: online after the disk's arbitration and the guest's boot. */
    private void bootLater(Txn txn, SimGroup g, SimVm vm, SimNode failedNode, Instant failedAt) {
        g.state = SimGroup.State.PENDING;
        g.onlineAt = txn.now().plus(engine.failoverModel().parameters().arbitration()).plus(engine.failoverModel().guestBoot(engine.traits(vm.id()).serverCore));
        g.failedNode = failedNode.name;
        g.failedAt = failedAt;
        scheduleOnline(engine.clusterOf(g.owner.name), g);
    }

    /**
     * The role's Virtual Machine resource failed while its node is up (VM heartbeat monitoring lost the
     * guest's heartbeat): the VM is turned off and, per the resource's RestartAction, restarted on its
     * node while fewer than RestartThreshold restarts happened within RestartPeriod; past that, the role
     * fails over (RestartAction 2) or stays failed (1); with RestartAction 0 it stays failed at once.
     *
     * @param vmId the VM's id
     * @return what the cluster did: "restart", "failover", "failed", or "" when the VM is no online role
     */
    String vmResourceFailed(String vmId) {
        return lab.write(LOCK, txn -> {
            SimCluster c = engine.clusters.values().stream().filter(x -> x.groupOfVm(vmId) != null).findFirst().orElse(null);
            SimGroup g = c == null ? null : c.groupOfVm(vmId);
            SimVm vm = lab.vm(vmId);
            if (g == null || vm == null || g.state != SimGroup.State.ONLINE || g.migration != null) return "";
            txn.touch(g);
            txn.touch(vm);
            Instant now = txn.now();
            vm.state(PowerState.OFF, now);
            engine.memory.remove(vmId);
            g.restarts.removeIf(t -> t.isBefore(now.minusMillis(g.restartPeriodMs)));
            if (g.restartAction != 0 && g.restarts.size() < g.restartThreshold) {
                g.restarts.add(now);
                vm.state(PowerState.STARTING, now);
                bootLater(txn, g, vm, g.owner, now);
                return "restart";
            }
            if (g.restartAction == 2) {
                g.restarts.clear();
                restartElsewhere(txn, c, g, g.owner, now);
                return g.state == SimGroup.State.FAILED ? "failed" : "failover";
            }
            g.state = SimGroup.State.FAILED;
            g.failed(ClusterError.ERROR_RESOURCE_FAILED, g.restartAction == 0 ? "the VM resource failed; RestartAction 0 does not restart it"
                    : "restart threshold " + g.restartThreshold + " in " + g.restartPeriodMs + " ms reached; RestartAction 1 does not fail the role over");
            return "failed";
        });
    }

    /** The restarted role comes online on its new owner at {@code g.onlineAt}, if nothing changed meanwhile. */
    private void scheduleOnline(SimCluster c, SimGroup g) {
        String group = g.name;
        SimNode to = g.owner;
        Instant online = g.onlineAt.isBefore(lab.clock().now()) ? lab.clock().now() : g.onlineAt;
        lab.clock().scheduleAt(online, t -> lab.write(LOCK, tx -> {
            SimGroup gg = c.group(group);
            SimVm v = gg == null ? null : lab.vm(gg.vmId);
            if (gg == null || gg.onlineAt == null) return null;
            tx.touch(gg);
            gg.onlineAt = null;
            if (v == null || gg.owner != to || gg.state != SimGroup.State.PENDING || !to.isUpOrPaused()) return null;
            List<SimVm> booted = new ArrayList<>(List.of(v));
            for (SimVm other : companions(gg)) if (other.state() == PowerState.STARTING && other.host().name().equalsIgnoreCase(to.name)) booted.add(other);
            for (SimVm b : booted) {
                tx.touch(b);
                b.state(PowerState.RUNNING, tx.now());
                b.restartUptime(tx.now());
                engine.memory.put(b.id(), GuestMemory.boot(lab.random()));
            }
            gg.state = SimGroup.State.ONLINE;
            boolean moved = !to.name.equalsIgnoreCase(gg.failedNode);
            c.history.add(new MigrationRecord(gg.name, gg.vmId, moved ? "FAILOVER" : "RESTART", gg.failedNode, to.name, gg.failedAt, tx.now(),
                    Duration.between(gg.failedAt, tx.now()), moved ? "FAILOVER" : "RESTART",
                    moved ? "restarted after node failure" : "VM resource restarted on its node", 0, 0, ""));
            return null;
        }));
    }

    /** The first of {@code survivors} with room for the role's VM as the cluster holds it; collects why the others have none. */
    private SimNode withRoom(SimCluster c, SimGroup g, SimVm vm, List<SimNode> survivors, List<String> noRoom) {
        for (SimNode candidate : survivors) {
            Optional<String> why = ClusterCapacity.shortfall(lab, c, candidate, vm, g.clusterMemoryMb, g.clusterProcessors);
            if (why.isEmpty()) return candidate;
            noRoom.add(why.get());
        }
        return null;
    }

    /** The surviving possible owners of {@code g}, best first: preferred, then least loaded. */
    private List<SimNode> survivors(SimCluster c, SimGroup g) {
        List<SimNode> candidates = new ArrayList<>();
        for (String name : g.possibleOwners) {
            SimNode n = c.node(name);
            if (n != null && n.isUp()) candidates.add(n);
        }
        candidates.sort(Comparator.comparingInt((SimNode n) -> g.preferenceRank(n)).thenComparingInt(c::groupsOwnedBy)
                .thenComparing(n -> n.name));
        return candidates;
    }

    /** The node is back (power on / heartbeats again): it joins, then is up; roles preferring it fail back per policy. */
    void recoverNode(String nodeName) {
        lab.write(LOCK, txn -> {
            SimCluster c = engine.clusterOf(nodeName);
            if (c == null) throw new IllegalArgumentException("'" + nodeName + "' is not a cluster node");
            SimNode n = c.node(nodeName);
            if (n.state != SimNode.State.DOWN) throw new IllegalStateException("node " + n.name + " is not down (" + n.state + ")");
            txn.touch(n);
            n.state = SimNode.State.JOINING;
            n.downSince = null;
            return null;
        });
        lab.clock().schedule(JOIN_TIME, t -> lab.write(LOCK, txn -> {
            SimCluster c = engine.clusterOf(nodeName);
            SimNode n = c.node(nodeName);
            if (n.state != SimNode.State.JOINING) return null;
            txn.touch(n);
            n.state = SimNode.State.UP;
            for (SimDisk d : c.disks.values()) if (d.owner == null) { txn.touch(d); d.owner = n; }
            for (SimGroup g : c.groups.values()) {
                if (g.autoFailbackType != 1 || g.preferredOwners.isEmpty() || !g.preferredOwners.get(0).equalsIgnoreCase(n.name)) continue;
                if (g.owner == n || g.migration != null) continue;
                try {
                    engine.moves().move(txn, c, g, n.name, g.state == SimGroup.State.ONLINE ? SimMigration.Kind.LIVE : SimMigration.Kind.QUICK,
                            Optional.empty(), false);
                } catch (RefusedCall e) {
                    LOG.info("failback of {} to {} not started: {}", g.name, n.name, e.getMessage());
                }
            }
            return null;
        }));
    }
}
