package io.hyperv4j.scvmm.monitor;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.InvalidParameterException;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.cluster.sim.PaperClusters;
import io.hyperv4j.scvmm.sim.guest.FaultInjector;
import io.hyperv4j.scvmm.sim.guest.FaultLocation;
import io.hyperv4j.scvmm.sim.guest.GuestCluster;
import io.hyperv4j.scvmm.sim.guest.GuestWorld;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Seed 003, section 5.3 scenario 7: a guest cluster of two Windows Server 2003 VMs on the 2008 RTM
 * host cluster forms, one with a guest OS that has no cluster service or with an application that is
 * not cluster-aware is refused, and a failure of
 * the active guest's application moves it inside the guest cluster while the host cluster stays as it was.
 */
class Seed003GuestClusterTest {
    @Test
    void scenario7_aGuestClusterOnAHostClusterFailsOverInsideTheGuests() {
        try (Lab lab = PaperClusters.seed003(7, SimClock.virtual(Lab.DEFAULT_START)); HyperVHost nodeA = lab.connect("nodeA")) {
            FailoverCluster host = nodeA.capability(FailoverCluster.class);
            assertEquals("nodeB", host.group("vm2").quickMigrate("nodeB").await(Duration.ofMinutes(10)).ownerNode());
            GuestWorld guests = GuestWorld.start(lab, ClusterLab.of(lab));
            guests.guestOs("vm1", "Windows XP Professional x64");
            guests.guestOs("vm2", "Windows Server 2003 Enterprise x64 Edition");
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> GuestCluster.create(guests, "sql", "10.0.0.70", "vm1", "vm2", "MSSQLSERVER", GuestCluster.DiskBus.ISCSI));
            assertTrue(e.getMessage().contains("vm1 runs 'Windows XP Professional x64', which has no cluster service"), e.getMessage());
            assertThrows(InvalidParameterException.class, () -> guests.serviceState("vm1"), "nothing was installed");

            guests.guestOs("vm1", "Windows Server 2003 Enterprise x64 Edition");
            e = assertThrows(InvalidParameterException.class,
                    () -> GuestCluster.create(guests, "app", "10.0.0.71", "vm1", "vm2", "InventorySvc", GuestCluster.DiskBus.ISCSI));
            assertTrue(e.getMessage().contains("'InventorySvc' is not a cluster-aware application"), e.getMessage());
            assertThrows(InvalidParameterException.class, () -> guests.serviceState("vm1"), "nothing was installed");
            assertFalse(guests.isClusterAware("InventorySvc"));
            guests.clusterAware("InventorySvc");
            assertTrue(guests.isClusterAware("InventorySvc"), "as a Generic Service it is");

            GuestCluster c = GuestCluster.create(guests, "sql", "10.0.0.70", "vm1", "vm2", "MSSQLSERVER", GuestCluster.DiskBus.ISCSI);
            int hostMoves = ClusterLab.of(lab).history("hv-2008").size();
            lab.clock().advance(Duration.ofSeconds(30));
            new FaultInjector(ClusterLab.of(lab), guests).injectVm(FaultLocation.APPLICATION, "vm1");
            lab.clock().advance(Duration.ofMinutes(5));
            assertEquals("vm2", c.activeNode(), "the application moved inside the guest cluster");
            assertEquals(1, c.failovers().size());
            assertEquals("nodeA", host.group("vm1").info().ownerNode(), "the host cluster is unaffected");
            assertEquals("nodeB", host.group("vm2").info().ownerNode());
            assertEquals(hostMoves, ClusterLab.of(lab).history("hv-2008").size(), "no host-level move or failover");
        }
    }
}
