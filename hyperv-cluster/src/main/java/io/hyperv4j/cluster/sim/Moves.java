package io.hyperv4j.cluster.sim;

import static io.hyperv4j.cluster.sim.ClusterEngine.refusal;
import static io.hyperv4j.cluster.sim.ClusterError.*;

import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import io.hyperv4j.sim.v2.VirtualSwitches;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Moves of VM roles between nodes: checks a move (the first refusal found wins), plans it with the
 * migration models and hands it to {@link MoveExecution}, which runs it on the lab clock; cancels
 * one. Called under the lab lock.
 */
final class Moves {
    private static final long MIB = 1024L * 1024;
    private final ClusterEngine engine;
    private final Lab lab;
    private final MoveExecution execution;

    Moves(ClusterEngine engine) {
        this.engine = engine;
        this.lab = engine.lab;
        this.execution = new MoveExecution(engine);
    }

    /** Checks a move and refuses it with the first reason found; returns the plan inputs' network. */
    String validateMove(SimCluster c, SimGroup g, String destName, SimMigration.Kind kind) {
        SimNode dest = c.node(destName);
        if (dest == null) throw refusal(ERROR_CLUSTER_NODE_NOT_FOUND, "'" + destName + "' is not a node of cluster " + c.name);
        if (g.migration != null) throw refusal(ERROR_CLUSTER_GROUP_MOVING, "'" + g.name + "' is already being moved to " + g.migration.destination.name);
        if (dest == g.owner) throw refusal(ERROR_CLUSTER_INVALID_REQUEST, "'" + g.name + "' is already owned by " + dest.name);
        if (dest.state == SimNode.State.DOWN) throw refusal(ERROR_CLUSTER_NODE_DOWN, "destination node " + dest.name + " is down");
        if (dest.state == SimNode.State.JOINING)
            throw refusal(ERROR_CLUSTER_JOIN_IN_PROGRESS, "destination node " + dest.name + " is joining the cluster");
        if (dest.state == SimNode.State.PAUSED) throw refusal(ERROR_CLUSTER_NODE_PAUSED, "destination node " + dest.name + " is paused");
        if (!g.possibleOwners.contains(dest.name))
            throw refusal(ERROR_HOST_NODE_NOT_GROUP_OWNER, dest.name + " is not a possible owner of '" + g.name + "' (possible: " + g.possibleOwners + ")");
        SimVm vm = lab.vm(g.vmId);
        if (vm == null) throw refusal(ERROR_NOT_FOUND, "the virtual machine of '" + g.name + "' no longer exists");
        if (c.profile.sharedVolumes() && c.csvHolding(engine.traits(vm.id()).configPath) == null)
            throw refusal(ERROR_CLUSTER_NOT_SHARED_VOLUME, "the files of '" + vm.name() + "' are not on a Cluster Shared Volume");
        if (vm.state().isActive() || vm.state() == PowerState.STARTING) {
            // a VM that holds memory (running, or starting after a failover) needs room on the destination before
            // anything moves, with the role's other VMs (2008 RTM: sharing its disk) that go with it
            long mb = 0;
            int cpus = 0;
            for (String id : g.vmIds()) {
                SimVm v = lab.vm(id);
                if (v != null && (v.state().isActive() || v.state() == PowerState.STARTING)) {
                    mb += v.memoryMb();
                    cpus += v.processors();
                }
            }
            java.util.Optional<String> noRoom = ClusterCapacity.shortfall(lab, c, dest, vm, mb, cpus);
            if (noRoom.isPresent()) throw refusal(ERROR_CLUSTER_RESOURCE_VETOED_MOVE_NOT_ENOUGH_RESOURCES_ON_DESTINATION, noRoom.get());
        }
        if (kind == SimMigration.Kind.QUICK) {
            // a role the cluster gave up on (failed, or offline) can be moved off a failed node, as Move-ClusterGroup does
            if (!g.owner.isUpOrPaused() && g.state != SimGroup.State.FAILED && g.state != SimGroup.State.OFFLINE)
                throw refusal(ERROR_INVALID_STATE, "owner " + g.owner.name + " has failed; the cluster fails the role over");
            return null;
        }
        if (!c.profile.liveMigration())
            throw refusal(ERROR_NOT_SUPPORTED, "cluster " + c.name + " runs " + c.profile.name() + ", which has no live migration; use a quick migration");
        if (!g.companions.isEmpty())
            throw refusal(ERROR_INVALID_STATE, "'" + g.name + "' holds the virtual machines " + g.companions.values()
                    + " too, which share its disk: live migration moves one VM; use a quick migration");
        if (g.owner.state == SimNode.State.DOWN)
            throw refusal(ERROR_INVALID_STATE, "live migration is for planned moves only: node " + g.owner.name
                    + " has failed, and the cluster restarts '" + g.name + "' elsewhere (failover)");
        if (g.state != SimGroup.State.ONLINE || vm.state() != PowerState.RUNNING)
            throw refusal(ERROR_GROUP_NOT_ONLINE, "'" + g.name + "' is not running (" + g.state + "); start it first or use a quick migration");
        for (SimNode n : List.of(g.owner, dest))
            if (!n.edition.liveMigration)
                throw refusal(ERROR_CLUSTER_RESOURCE_VETOED_MOVE_INCOMPATIBLE_NODES, "node " + n.name + " runs Windows Server " + n.edition.name().toLowerCase(Locale.ROOT)
                        + " edition, which does not support live migration");
        if (!g.owner.processorVendor.equalsIgnoreCase(dest.processorVendor))
            throw refusal(ERROR_CLUSTER_RESOURCE_VETOED_MOVE_INCOMPATIBLE_NODES, "processor vendors differ (" + g.owner.processorVendor + " on " + g.owner.name
                    + ", " + dest.processorVendor + " on " + dest.name + "); live migration needs the same vendor");
        VmTraits t = engine.traits(vm.id());
        if (!g.owner.processorVersion.equalsIgnoreCase(dest.processorVersion) && !t.processorCompatibility)
            throw refusal(ERROR_CLUSTER_RESOURCE_VETOED_MOVE_INCOMPATIBLE_NODES, "processor versions differ (" + g.owner.processorVersion + " / " + dest.processorVersion
                    + "); turn on processor compatibility mode for '" + vm.name() + "' (with the VM off)");
        String missing = missingSwitch(vm, t, dest);
        if (missing != null)
            throw refusal(ERROR_CLUSTER_RESOURCE_VETOED_MOVE_INCOMPATIBLE_NODES, "the virtual switch '" + missing + "' of '" + vm.name() + "' does not exist on "
                    + dest.name + " (switches there: " + switchesOn(dest) + ")");
        int max = c.profile.maxLiveMigrationsPerNode();
        for (SimNode n : List.of(g.owner, dest))
            if (c.liveMigrationsOn(n) >= max)
                throw refusal(n == dest ? ERROR_CLUSTER_RESOURCE_VETOED_MOVE_NOT_ENOUGH_RESOURCES_ON_DESTINATION
                        : ERROR_CLUSTER_RESOURCE_VETOED_MOVE_NOT_ENOUGH_RESOURCES_ON_SOURCE, "node " + n.name + " already takes part in "
                        + c.liveMigrationsOn(n) + " live migration(s), the limit of " + c.profile.name()).atMigrationLimit();
        SimNetwork net = c.liveMigrationNetwork().orElseThrow(() ->
                refusal(ERROR_NETWORK_NOT_AVAILABLE, "none of the live-migration networks " + c.migrationNetworkOrder + " is up"));
        return net.name;
    }

    /** The switches of the destination: its host's virtual switches, and those the node was configured with. */
    private Set<String> switchesOn(SimNode dest) {
        Set<String> out = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        out.addAll(VirtualSwitches.names(lab, dest.name));
        out.addAll(dest.virtualSwitches);
        return out;
    }

    /** A switch the VM's adapters are connected to (or its traits name) that the destination lacks, or null. */
    private String missingSwitch(SimVm vm, VmTraits t, SimNode dest) {
        List<String> needed = new ArrayList<>(VirtualSwitches.connectedTo(lab, vm));
        if (!t.switchName.isEmpty()) needed.add(t.switchName);
        Set<String> there = switchesOn(dest);
        for (String sw : needed) if (!there.contains(sw)) return sw;
        return null;
    }

    /** Starts a move; a live one runs the pre-copy model on the lab clock. */
    SimMigration move(Txn txn, SimCluster c, SimGroup g, String destName, SimMigration.Kind kind,
                             Optional<Duration> blackoutLimit, boolean fromDrain) {
        String net = validateMove(c, g, destName, kind);
        SimNode dest = c.node(destName);
        SimVm vm = lab.vm(g.vmId);
        if (g.state != SimGroup.State.ONLINE || vm.state() != PowerState.RUNNING) {
            // nothing runs: the group simply changes owner
            txn.touch(g);
            for (String id : g.vmIds()) {
                SimVm v = lab.vm(id);
                if (v != null) lab.moveVm(txn, v, lab.host(dest.name));
            }
            SimNode from = g.owner;
            g.owner = dest;
            c.carryDisks(txn, g, dest);
            g.clearLastError(); // a role moved off a failed node no longer carries the failure
            c.history.add(new MigrationRecord(g.name, g.vmId, kind.name(), from.name, dest.name, txn.now(), txn.now(),
                    Duration.ZERO, "COMPLETED", "offline role moved", 0, 0, ""));
            return null;
        }
        SimMigration m;
        if (kind == SimMigration.Kind.LIVE) {
            m = new SimMigration(g, kind, g.owner, dest, txn.now(), execution.plan(vm, g.owner, dest, c.network(net), blackoutLimit), null, net, fromDrain);
            m.blackoutLimit = blackoutLimit;
        } else {
            m = new SimMigration(g, kind, g.owner, dest, txn.now(), null, engine.quickModel().plan(execution.groupBytes(g)), null, fromDrain);
        }
        txn.touch(g);
        g.migration = m;
        g.clearLastError();
        if (kind == SimMigration.Kind.LIVE) execution.startLive(txn, m, vm);
        else execution.startQuick(txn, m, vm);
        return m;
    }

    MoveExecution execution() {
        return execution;
    }

    /** Cancels a live migration still copying: the VM keeps running on its source, untouched. */
    void cancel(Txn txn, SimGroup g) {
        execution.cancel(txn, g);
    }
}
