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

    /**
     * Seed 003, scenario 5 through the management server: vm3 and vm4 share a LUN, so they are one
     * cluster role; moving vm4 alone is refused, naming vm3, and changes nothing; moving the role
     * quick-migrates both.
     */
    @Test
    void scenario5_vmsSharingALunAreMovedOnlyTogether() {
        try (Lab lab = Lab.fromTemplate("seed003-rtm"); HyperVHost nodeA = lab.connect("nodeA")) {
            io.hyperv4j.cluster.sim.ClusterLab cl = io.hyperv4j.cluster.sim.ClusterLab.of(lab);
            cl.configure("hv-2008").disk("Cluster Disk 3", 100L << 30, "Z:");
            for (String name : new String[] {"vm3", "vm4"})
                cl.vm(io.hyperv4j.cluster.sim.PaperClusters.vm(lab, "nodeA", name, 1024, 1, true).id(), t -> t.configPath("Z:\\" + name));
            FailoverCluster cluster = nodeA.capability(FailoverCluster.class);
            cluster.addVirtualMachine("vm3");
            cluster.addVirtualMachine("vm4");
            VirtualMachineManager vmm = nodeA.capability(VirtualMachineManager.class);
            assertEquals(java.util.List.of("vm3"), vmm.vm("vm4").roleMates());
            assertEquals(java.util.List.of(), vmm.vm("vm1").roleMates(), "vm1 has its own LUN");

            MethodAdvice quick = vmm.advise("vm4", "nodeB").method(MigrationMethod.QUICK);
            assertEquals(java.util.Optional.of(MethodRefusal.SHARES_ROLE), quick.refusal());
            String before = TransferRefusalTest.state(lab);
            MoveRefusedException e = assertThrows(MoveRefusedException.class, () -> vmm.move("vm4", "nodeB", MigrationMethod.QUICK));
            assertEquals(MethodRefusal.SHARES_ROLE, e.reason());
            assertTrue(e.getMessage().contains("vm4's cluster disk also holds vm3"), e.getMessage());
            assertEquals(before, TransferRefusalTest.state(lab), "the refusal changed nothing");
            assertEquals(MigrationMethod.QUICK, vmm.move("vm1", "nodeB").await(Duration.ofMinutes(10)).method(), "a VM alone on its LUN moves");

            assertEquals("nodeB", cluster.groupOfVm("vm4").quickMigrate("nodeB").await(Duration.ofMinutes(10)).ownerNode());
            assertEquals("nodeB", vmm.vm("vm3").host());
            assertEquals("nodeB", vmm.vm("vm4").host());
        }
    }

    /**
     * Seed 003, scenario 6 on its own template: the cluster disks are LUs of an iSCSI array that
     * both nodes' host groups map, so validation finds shared storage; at the array's firmware the
     * storage is qualified for failover clusters but not Hyper-V clusters, and only that test fails.
     */
    @Test
    void scenario6_theSeed003ClusterSeesSharedStorageAndFailsOnlyTheHyperVQualification() {
        try (Lab lab = Lab.fromTemplate("seed003-rtm"); HyperVHost nodeA = lab.connect("nodeA")) {
            VirtualMachineManager vmm = nodeA.capability(VirtualMachineManager.class);
            ValidationReport r = vmm.validateCluster("nodeA", ClusterValidationTest.HITACHI);
            assertEquals(ValidationResult.SUCCESS, r.test(io.hyperv4j.scvmm.internal.ClusterValidator.SHARED_STORAGE).result(), r.toString());
            assertEquals(java.util.List.of(io.hyperv4j.scvmm.internal.ClusterValidator.HYPER_V_STORAGE),
                    r.failures().stream().map(ValidationTest::name).toList(), r.toString());
            io.hyperv4j.scvmm.sim.SanLab.of(lab).configure(io.hyperv4j.scvmm.sim.VmmTemplates.SEED003_ARRAY).firmware("0893/A");
            assertTrue(vmm.validateCluster("nodeB", ClusterValidationTest.HITACHI).passed());
            for (String node : new String[] {"nodeA", "nodeB"})
                try (HyperVHost h = lab.connect(node)) {
                    assertEquals(2, h.capability(io.hyperv4j.scvmm.storage.SanStorage.class).disks().stream().filter(d -> !d.boot()).count(), node + " sees both LUs");
                }
        }
    }
}
