package io.hyperv4j.scvmm;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.cluster.ClusterRefusal;
import io.hyperv4j.cluster.ClusterRefusedException;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.sim.Lab;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Seed 003, scenario 10 through the management server: the nodes of a cluster built on the
 * Windows Server 2008 (RTM) profile run that OS, so the server refuses cluster live migration as
 * too old a profile, as the cluster itself refuses it as not supported, and moves the VM by quick
 * migration; nothing changes on a refusal.
 */
class Seed003ProfileTest {
    @Test
    void aWs2008ClusterRefusesLiveMigrationThroughTheClusterAndTheServer() {
        try (Lab lab = Lab.fromTemplate("seed003-rtm"); HyperVHost nodeA = lab.connect("nodeA")) {
            VirtualMachineManager vmm = nodeA.capability(VirtualMachineManager.class);
            assertEquals(HostOs.WS2008, vmm.host("nodeA").os(), "a node runs its cluster's OS");
            assertEquals(HostOs.WS2008, vmm.host("nodeB").os());

            MoveAdvice advice = vmm.advise("vm1", "nodeB");
            MethodAdvice live = advice.method(MigrationMethod.CLUSTER_LIVE);
            assertEquals(java.util.Optional.of(MethodRefusal.PROFILE_TOO_OLD), live.refusal());
            assertTrue(live.detail().contains("nodeA runs Windows Server 2008"), live.detail());
            assertEquals(MigrationMethod.QUICK, advice.recommended().orElseThrow().method());

            MoveRefusedException e = assertThrows(MoveRefusedException.class, () -> vmm.move("vm1", "nodeB", MigrationMethod.CLUSTER_LIVE));
            assertEquals(MethodRefusal.PROFILE_TOO_OLD, e.reason());
            FailoverCluster cluster = nodeA.capability(FailoverCluster.class);
            assertEquals(ClusterRefusal.NOT_SUPPORTED, assertThrows(ClusterRefusedException.class, () -> cluster.group("vm1").liveMigrate("nodeB")).reason());
            assertEquals(ClusterRefusal.NOT_SUPPORTED, assertThrows(ClusterRefusedException.class, cluster::enableSharedVolumes).reason());
            assertEquals("nodeA", vmm.vm("vm1").host(), "nothing moved");

            MoveResult r = vmm.move("vm1", "nodeB").await(Duration.ofMinutes(10));
            assertEquals(MigrationMethod.QUICK, r.method());
            assertEquals("nodeB", vmm.vm("vm1").host());
        }
    }
}
