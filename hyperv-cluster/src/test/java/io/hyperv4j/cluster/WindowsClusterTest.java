package io.hyperv4j.cluster;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import java.net.URI;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The same typed calls over WMI on a Windows cluster node. Nothing is moved unless
 * {@code -Dhyperv4j.contract.cancelMove=true} allows one live migration to start, which is cancelled at
 * once. Skipped where the local host is not a cluster node.
 */
@EnabledOnOs(OS.WINDOWS)
class WindowsClusterTest {
    @Test
    void readsTheLocalClusterThroughWmi() {
        try (HyperVHost host = HyperV.connect(URI.create("wmi://localhost"))) {
            FailoverCluster cluster;
            ClusterInfo info;
            try {
                cluster = host.capability(FailoverCluster.class);
                info = cluster.info();
            } catch (RuntimeException e) {
                Assumptions.abort("not a failover cluster node: " + e.getMessage());
                return;
            }
            assertFalse(info.name().isEmpty());
            assertFalse(cluster.nodes().isEmpty());
            for (ClusterNode n : cluster.nodes()) assertNotEquals(NodeState.UNKNOWN, n.info().state());
            for (ClusterGroup g : cluster.groups()) assertFalse(g.info().ownerNode().isEmpty(), g.name());
            for (ClusterNetwork n : cluster.networks()) {
                NetworkInfo ni = n.info();
                assertTrue(ni.metric() >= 0);
                // the metric is a uint32, so the check above holds for any reading; state and role can fail
                assertNotEquals(NetworkState.UNKNOWN, ni.state(), n.name());
                assertNotEquals(NetworkRole.UNKNOWN, ni.role(), n.name());
            }
            for (ClusterSharedVolume v : cluster.sharedVolumes()) assertTrue(v.info().path().startsWith("C:\\ClusterStorage"), v.name());
        }
    }

    /** A refused live migration has the reason the simulator gives (Seed000ScenariosTest): the Win32 error, not the text. */
    @Test
    void aRefusedLiveMigrationIsTypedAsOnTheSimulator() {
        try (HyperVHost host = HyperV.connect(URI.create("wmi://localhost"))) {
            ClusterGroup vm;
            try {
                FailoverCluster cluster = host.capability(FailoverCluster.class);
                vm = cluster.virtualMachineGroups().stream().findFirst().orElse(null);
            } catch (RuntimeException e) {
                Assumptions.abort("not a failover cluster node: " + e.getMessage());
                return;
            }
            Assumptions.assumeTrue(vm != null, "the cluster has no VM role");
            String owner = vm.info().ownerNode();
            ClusterGroup role = vm;
            ClusterRefusedException e = assertThrows(ClusterRefusedException.class, () -> role.liveMigrate("hyperv4j-no-such-node"));
            assertEquals(ClusterRefusal.NODE_NOT_FOUND, e.reason(), e.getMessage());
            assertEquals(owner, vm.info().ownerNode(), "nothing moved");
            assertFalse(vm.cancelMigration(), "no move to cancel");
        }
    }

    /**
     * A cancelled live migration is typed as on the simulator (FailedMigrationTest): the operation
     * ends cancelled, the resource reports ERROR_CANCELLED (1223) and the role stays on its owner.
     * Starts a real move, so it runs only when asked to.
     */
    @Test
    void aCancelledLiveMigrationIsTypedAsOnTheSimulator() {
        Assumptions.assumeTrue(Boolean.getBoolean("hyperv4j.contract.cancelMove"), "set -Dhyperv4j.contract.cancelMove=true to start and cancel a move");
        try (HyperVHost host = HyperV.connect(URI.create("wmi://localhost"))) {
            FailoverCluster cluster = host.capability(FailoverCluster.class);
            ClusterGroup vm = cluster.virtualMachineGroups().stream()
                    .filter(g -> g.info().state() == GroupState.ONLINE).findFirst().orElse(null);
            Assumptions.assumeTrue(vm != null, "the cluster has no running VM role");
            String owner = vm.info().ownerNode();
            String other = cluster.nodes().stream().map(ClusterNode::name)
                    .filter(n -> !n.equalsIgnoreCase(owner)).findFirst().orElse(null);
            Assumptions.assumeTrue(other != null, "the cluster has one node");
            io.hyperv4j.job.Operation<GroupInfo> op = vm.liveMigrate(other);
            assertTrue(op.cancel(), "a live migration in progress can be cancelled");
            assertThrows(io.hyperv4j.OperationCancelledException.class, () -> op.await(java.time.Duration.ofMinutes(5)));
            assertEquals(1223, vm.info().lastOperationStatus(), "the resource's LastOperationStatusCode: ERROR_CANCELLED");
            assertEquals(owner, vm.info().ownerNode(), "the role stays on its owner");
        }
    }
}
