package io.hyperv4j.scvmm.monitor;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperVException;
import io.hyperv4j.cluster.ClusterGroup;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.cluster.sim.ClusterProfile;
import io.hyperv4j.cluster.sim.PaperClusters;
import io.hyperv4j.cluster.sim.SimCluster;
import io.hyperv4j.cluster.sim.SimNetwork;
import io.hyperv4j.cluster.sim.SimNode;
import io.hyperv4j.scvmm.sim.guest.MonitorStation;
import io.hyperv4j.scvmm.sim.guest.SimMonitorClock;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimVm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The management server's failover honours the role's preferred owners (MSCluster_ResourceGroup's
 * ordered list): the next preferred node after the owner that has room, then any other node. Four
 * nodes; B has 4 GB, too little for the 6 GB VM.
 */
class PreferredOwnersTest {
    private Lab lab;
    private ClusterGroup role;
    private ClusterManagementServer server;

    @BeforeEach
    void setUp() {
        lab = Lab.builder().seed(1).clock(SimClock.manual(Lab.DEFAULT_START)).host("A", 8, 16384).host("B", 8, 4096).host("C", 8, 16384)
                .host("D", 8, 16384).build();
        ClusterLab cl = ClusterLab.of(lab);
        ClusterLab.ClusterBuilder b = cl.create("four", "test.local", ClusterProfile.WS2008R2, "A", "B", "C", "D");
        for (String n : List.of("A", "B", "C", "D")) b.node(n, SimNode.Edition.ENTERPRISE, "GenuineIntel", "Xeon E5405", "VM Network");
        b.network("Public", SimNetwork.ROLE_BOTH, 1000, true, "10.0.0.0", 1e9).network("Heartbeat", SimNetwork.ROLE_CLUSTER, 900, true, "192.168.1.0", 1e9)
                .disk("Cluster Disk 1", 500L << 30);
        SimVm vm = PaperClusters.vm(lab, "A", "app", 6144, 2, true);
        cl.vm(vm.id(), t -> t.configPath(SimCluster.CSV_ROOT + "\\Volume1\\app").switchName("VM Network"));
        FailoverCluster cluster = lab.connect("A").capability(FailoverCluster.class);
        cluster.enableSharedVolumes();
        cluster.addToSharedVolumes("Cluster Disk 1");
        role = cluster.addVirtualMachine("app");
        server = new ClusterManagementServer(cluster, MonitorStation.of(lab).guests(), h -> true, new SimMonitorClock(lab.clock()));
    }

    @AfterEach
    void tearDown() {
        server.close();
        lab.close();
    }

    private String failOver() {
        server.failover("app");
        lab.clock().advance(Duration.ofMinutes(3));
        return role.info().ownerNode();
    }

    @Test
    void candidatesFollowThePreferredOwnersAfterTheOwnerThenTheOthers() {
        role.setPreferredOwners(List.of("C", "A"));
        assertEquals(List.of("C", "B", "D"), server.candidates(role, "A"), "after A comes C (wrapping), then the nodes not in the list");
        role.setPreferredOwners(List.of("A", "D", "B"));
        assertEquals(List.of("D", "B", "C"), server.candidates(role, "A"));
        role.setPreferredOwners(List.of());
        assertEquals(List.of("B", "C", "D"), server.candidates(role, "A"), "no preferred owners: any node");
    }

    @Test
    void aFailoverGoesToTheNextPreferredNodeWithRoom() {
        role.setPreferredOwners(List.of("A", "B", "D", "C"));
        assertEquals("D", failOver(), "B has no room for 6 GB; D comes next");
        assertEquals("C", failOver(), "after D comes C");
        assertEquals("A", failOver(), "then, wrapping round, A");
    }

    @Test
    void withoutPreferredOwnersAnyNodeWithRoomTakesIt() {
        String to = failOver();
        assertTrue(List.of("C", "D").contains(to), to);
    }

    @Test
    void whenNoOtherNodeHasRoomTheFailoverIsRefusedSayingWhy() {
        ClusterLab.of(lab).powerOff("C");
        ClusterLab.of(lab).powerOff("D");
        lab.clock().advance(Duration.ofMinutes(1));
        HyperVException e = assertThrows(HyperVException.class, () -> server.failover("app"));
        assertTrue(e.getMessage().contains("B:") && e.getMessage().contains("C:") && e.getMessage().contains("D:"), e.getMessage());
        assertEquals("A", role.info().ownerNode());
    }
}
