package io.hyperv4j.cluster.sim;

import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a host-level VM backup does to the cluster (the backup simulator calls it under the lab lock):
 * which Cluster Shared Volume holds a VM, which nodes run VMs on it, the volume's backup state and
 * redirected access, and the VM's role (deleted from the console, or its configuration resource
 * failed by a restore). Kept apart so the cluster model's own files stay as they are.
 */
public final class CsvBackups {
    private CsvBackups() {
    }

    /** A CSV as the backup sees it: its cluster, the disk resource and its owner node. */
    public record Volume(String cluster, String disk, String path, String owner) {
    }

    /** The CSV holding the VM's files, when it is on one. */
    public static Optional<Volume> volumeOf(Lab lab, String vmId) {
        ClusterEngine e = ClusterLab.of(lab).engine();
        String config = e.traits(vmId).configPath();
        for (SimCluster c : e.clusters()) {
            SimDisk d = c.csvHolding(config);
            if (d != null) return Optional.of(new Volume(c.name, d.name, d.path(), d.owner == null ? null : d.owner.name));
        }
        return Optional.empty();
    }

    /** The nodes running (or holding) a VM whose files are on the volume. */
    public static Set<String> nodesUsing(Lab lab, Volume v) {
        ClusterEngine e = ClusterLab.of(lab).engine();
        SimCluster c = e.cluster(v.cluster());
        Set<String> out = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (SimNode n : c.nodes.values())
            for (SimVm vm : lab.host(n.name).vms()) {
                SimDisk d = c.csvHolding(e.traits(vm.id()).configPath());
                if (d != null && d.name.equals(v.disk())) out.add(n.name);
            }
        return out;
    }

    /**
     * Starts or ends a backup on the volume: BackupState, and on a host-level snapshot from {@code node}
     * the node takes ownership and, when {@code redirect}, every other node's I/O goes through it.
     */
    public static void backup(Txn txn, Lab lab, Volume v, String node, boolean inProgress, boolean redirect) {
        SimCluster c = ClusterLab.of(lab).engine().cluster(v.cluster());
        SimDisk d = c.disk(v.disk());
        txn.touch(d);
        d.backupInProgress = inProgress;
        d.redirected = redirect;
        if (inProgress && node != null && c.node(node) != null) d.owner = c.node(node);
    }

    /** The profile (Windows Server version) of the volume's cluster: what a backup does to the volume depends on it. */
    public static ClusterProfile profile(Lab lab, Volume v) {
        return ClusterLab.of(lab).engine().cluster(v.cluster()).profile();
    }

    /** Whether the volume's I/O is redirected now (FaultState bit 1). */
    public static boolean redirected(Lab lab, Volume v) {
        return ClusterLab.of(lab).engine().cluster(v.cluster()).disk(v.disk()).redirected;
    }

    /** Whether the VM is a clustered role now. */
    public static boolean clustered(Lab lab, String vmId) {
        for (SimCluster c : ClusterLab.of(lab).engine().clusters()) if (c.groupOfVm(vmId) != null) return true;
        return false;
    }

    /** Deletes the VM's role, as the cluster console's Delete does (the VM itself stays). */
    public static void deleteRole(Txn txn, Lab lab, String vmId) {
        ClusterEngine e = ClusterLab.of(lab).engine();
        for (SimCluster c : e.clusters()) {
            SimGroup g = c.groupOfVm(vmId);
            if (g != null) e.roles().destroyGroup(txn, c, g);
        }
    }

    /** The VM's files were replaced under the cluster: its configuration resource fails until brought online. */
    public static void configurationFailed(Txn txn, Lab lab, String vmId) {
        for (SimCluster c : ClusterLab.of(lab).engine().clusters()) {
            SimGroup g = c.groupOfVm(vmId);
            if (g != null) {
                txn.touch(g);
                g.state = SimGroup.State.FAILED;
            }
        }
    }

    /** Enables CSV, adds {@code disk} to it, and makes each named VM (its files already on the volume) a clustered role: for lab templates. */
    public static void csvWithRoles(Txn txn, Lab lab, String cluster, String disk, java.util.List<String> vms) {
        ClusterEngine e = ClusterLab.of(lab).engine();
        SimCluster c = e.cluster(cluster);
        e.storage().enableCsv(txn, c, true);
        e.storage().addToCsv(txn, c, disk);
        for (String vm : vms) e.roles().addVirtualMachine(txn, c, vm);
    }
}
