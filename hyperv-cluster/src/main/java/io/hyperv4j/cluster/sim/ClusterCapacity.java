package io.hyperv4j.cluster.sim;

import io.hyperv4j.sim.HostCapacity;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimVm;
import java.util.Optional;

/**
 * Room on a node for a VM the cluster is about to land there (live or quick migration, failover,
 * drain, failback): the host's {@link HostCapacity} less the memory every move under way to it has
 * claimed in the lab's {@link io.hyperv4j.sim.LandingClaims} (the cluster's own moves, which
 * {@link #reservedMb} adds there, and the management server's transfers). Read under the lab lock.
 */
final class ClusterCapacity {
    private ClusterCapacity() {
    }

    /** Memory claimed on {@code dest} by moves under way whose VM is still on another host, in MB. */
    static long reservedMb(Lab lab, SimCluster c, SimNode dest) {
        long mb = 0;
        for (SimGroup g : c.groups.values()) {
            SimMigration m = g.migration;
            if (m == null || m.destination != dest) continue;
            SimVm vm = lab.vm(g.vmId);
            if (vm != null && !vm.host().name().equalsIgnoreCase(dest.name)) mb += vm.memoryMb();
        }
        return mb;
    }

    /** Why {@code dest} cannot run {@code vm} with this memory and these processors; empty when it can. */
    static Optional<String> shortfall(Lab lab, SimCluster c, SimNode dest, SimVm vm, long memoryMb, int processors) {
        return HostCapacity.shortfall(lab, lab.host(dest.name), vm.name(), memoryMb, processors);
    }
}
