package io.hyperv4j.cluster.sim;

import static io.hyperv4j.cluster.sim.ClusterEngine.refusal;
import static io.hyperv4j.cluster.sim.ClusterError.*;

import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import java.util.ArrayList;
import java.util.List;

/**
 * VM roles: making a VM highly available, removing it, refreshing or moving its configuration, its
 * preferred and possible owners, starting and stopping it. Called under the lab lock; a refusal
 * changes nothing.
 */
final class Roles {
    private final ClusterEngine engine;
    private final Lab lab;

    Roles(ClusterEngine engine) {
        this.engine = engine;
        this.lab = engine.lab;
    }

    SimGroup addVirtualMachine(Txn txn, SimCluster c, String vmName) {
        List<SimVm> found = new ArrayList<>();
        for (SimNode n : c.nodes.values())
            for (SimVm vm : lab.host(n.name).vms())
                if (vm.name().equalsIgnoreCase(vmName) || vm.id().equalsIgnoreCase(vmName)) found.add(vm);
        if (found.isEmpty()) throw refusal(ERROR_NOT_FOUND, "no virtual machine '" + vmName + "' on the nodes of cluster " + c.name);
        if (found.size() > 1) throw refusal(ERROR_INVALID_PARAMETER, "'" + vmName + "' names " + found.size() + " virtual machines; use its Id");
        SimVm vm = found.get(0);
        if (c.groupOfVm(vm.id()) != null) throw refusal(ERROR_OBJECT_ALREADY_EXISTS, "'" + vm.name() + "' is already a clustered role");
        VmTraits t = engine.traits(vm.id());
        SimDisk csv = c.csvHolding(t.configPath);
        // before CSV (2008 RTM) a VM's files are on a cluster disk of its own group, which moves with it
        if (csv == null && c.profile.sharedVolumes())
            throw refusal(ERROR_CLUSTER_NOT_SHARED_VOLUME, "the files of '" + vm.name() + "' are in " + t.configPath
                    + ", not on a Cluster Shared Volume under " + SimCluster.CSV_ROOT);
        if (c.groups.containsKey(vm.name())) throw refusal(ERROR_OBJECT_ALREADY_EXISTS, "a group named '" + vm.name() + "' exists");
        SimDisk own = csv == null ? c.diskHolding(t.configPath) : null;
        SimGroup holder = own == null ? null : c.groupOf(own);
        // a disk is in one group and a resource depends only on resources of its own group, so a VM whose
        // files share a cluster disk with a role's joins that role, as Failover Cluster Manager made 2008 RTM
        // VMs on one LUN highly available: one group, a Virtual Machine resource each, moving as one
        if (holder != null) return joinRole(txn, c, holder, vm, own);
        SimNode owner = c.node(vm.host().name());
        boolean running = vm.state() != PowerState.OFF && vm.state() != PowerState.SAVED;
        SimGroup g = new SimGroup(vm.name(), lab.random().nextGuid(), vm.id(), owner,
                running ? SimGroup.State.ONLINE : SimGroup.State.OFFLINE);
        c.nodes.values().forEach(n -> g.possibleOwners.add(n.name));
        if (csv != null) g.dependencies.add(csv.name);
        else if (own != null) {
            txn.touch(own); // it leaves Available Storage for the VM's group
            g.dependencies.add(own.name);
        }
        g.failoverThreshold = Math.max(1, c.nodes.size() - 1);
        g.clusterMemoryMb = vm.memoryMb();
        g.clusterProcessors = vm.processors();
        c.groups.put(g.name, g);
        txn.created(g);
        return g;
    }

    private SimGroup joinRole(Txn txn, SimCluster c, SimGroup holder, SimVm vm, SimDisk own) {
        if (holder.migration != null) throw refusal(ERROR_CLUSTER_GROUP_MOVING, "'" + holder.name + "', whose disk " + own.name
                + " holds the files of '" + vm.name() + "', is being moved");
        if (!vm.host().name().equalsIgnoreCase(holder.owner.name))
            throw refusal(ERROR_INVALID_PARAMETER, "the files of '" + vm.name() + "' are on " + own.name + " (" + own.accessPath
                    + "), which is in the group of '" + holder.name + "' owned by " + holder.owner.name + ", but '" + vm.name()
                    + "' runs on " + vm.host().name() + ": a disk is reached from its owner only");
        for (SimGroup g : c.groups.values())
            for (String name : g.companions.values())
                if (name.equalsIgnoreCase(vm.name())) throw refusal(ERROR_OBJECT_ALREADY_EXISTS, "a resource named 'Virtual Machine " + vm.name() + "' exists");
        txn.touch(holder);
        holder.companions.put(vm.id(), vm.name());
        return holder;
    }

    void destroyGroup(Txn txn, SimCluster c, SimGroup g) {
        if (g.migration != null) throw refusal(ERROR_CLUSTER_GROUP_MOVING, "'" + g.name + "' is being moved; cancel the move first");
        txn.touch(g);
        c.groups.remove(g.name);
    }

    /** The configuration held by the cluster no longer matches the VM's (changed through Hyper-V). */
    boolean isStale(SimGroup g) {
        SimVm vm = lab.vm(g.vmId);
        return vm != null && (vm.memoryMb() != g.clusterMemoryMb || vm.processors() != g.clusterProcessors);
    }

    void updateVirtualMachine(Txn txn, SimGroup g) {
        SimVm vm = lab.vm(g.vmId);
        if (vm == null) throw refusal(ERROR_NOT_FOUND, "the virtual machine of '" + g.name + "' no longer exists");
        txn.touch(g);
        g.clusterMemoryMb = vm.memoryMb();
        g.clusterProcessors = vm.processors();
    }

    /**
     * MigrateVirtualMachine: the VM's files move to another folder on a Cluster Shared Volume and
     * its configuration resource then depends on that volume. The VM keeps running on its node.
     */
    void migrateStorage(Txn txn, SimCluster c, SimGroup g, String configurationDestination) {
        if (g.migration != null) throw refusal(ERROR_CLUSTER_GROUP_MOVING, "'" + g.name + "' is being moved");
        if (configurationDestination == null || configurationDestination.isBlank())
            throw refusal(ERROR_INVALID_PARAMETER, "ConfigurationDestinationPath is required");
        SimDisk to = c.csvHolding(configurationDestination);
        if (to == null)
            throw refusal(ERROR_CLUSTER_NOT_SHARED_VOLUME, configurationDestination + " is not on a Cluster Shared Volume under " + SimCluster.CSV_ROOT);
        if (!to.online || to.faultState() == SimDisk.FAULT_NO_ACCESS)
            throw refusal(ERROR_RESOURCE_NOT_AVAILABLE, to.name + " (" + to.path() + ") is not accessible");
        txn.touch(g);
        engine.traits(g.vmId).configPath = configurationDestination;
        g.dependencies.clear();
        g.dependencies.add(to.name);
    }

    void setPreferredOwners(Txn txn, SimCluster c, SimGroup g, List<String> names) {
        List<String> canonical = new ArrayList<>();
        for (String n : names) {
            SimNode node = c.node(n);
            if (node == null) throw refusal(ERROR_CLUSTER_NODE_NOT_FOUND, "'" + n + "' is not a node of cluster " + c.name);
            if (!canonical.contains(node.name)) canonical.add(node.name);
        }
        txn.touch(g);
        g.preferredOwners.clear();
        g.preferredOwners.addAll(canonical);
    }

    void possibleOwner(Txn txn, SimCluster c, SimGroup g, String nodeName, boolean add) {
        SimNode n = c.node(nodeName);
        if (n == null) throw refusal(ERROR_CLUSTER_NODE_NOT_FOUND, "'" + nodeName + "' is not a node of cluster " + c.name);
        if (!add && g.possibleOwners.size() == 1 && g.possibleOwners.contains(n.name))
            throw refusal(ERROR_INVALID_PARAMETER, "'" + g.name + "' needs at least one possible owner");
        txn.touch(g);
        if (add && !g.possibleOwners.contains(n.name)) g.possibleOwners.add(n.name);
        if (!add) g.possibleOwners.remove(n.name);
    }

    /** Start or stop the role (BringOnline / TakeOffline): starts or turns off its VM on the owner. */
    void online(Txn txn, SimGroup g, boolean on) {
        if (g.migration != null) throw refusal(ERROR_CLUSTER_GROUP_MOVING, "'" + g.name + "' is being moved");
        if (on && !g.owner.isUpOrPaused()) throw refusal(ERROR_CLUSTER_NODE_DOWN, "owner " + g.owner.name + " is down");
        SimVm vm = lab.vm(g.vmId);
        if (vm == null) throw refusal(ERROR_NOT_FOUND, "the virtual machine of '" + g.name + "' no longer exists");
        txn.touch(g);
        txn.touch(vm);
        if (on && g.state != SimGroup.State.ONLINE) {
            vm.state(PowerState.RUNNING, txn.now());
            engine.memory.put(vm.id(), GuestMemory.boot(lab.random()));
            g.state = SimGroup.State.ONLINE;
        } else if (!on && g.state != SimGroup.State.OFFLINE) {
            vm.state(PowerState.OFF, txn.now());
            engine.memory.remove(vm.id());
            g.state = SimGroup.State.OFFLINE;
        }
    }
}
