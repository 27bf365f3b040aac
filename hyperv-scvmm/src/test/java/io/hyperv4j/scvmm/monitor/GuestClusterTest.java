package io.hyperv4j.scvmm.monitor;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.InvalidParameterException;
import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.scvmm.sim.guest.FaultInjector;
import io.hyperv4j.scvmm.sim.guest.FaultLocation;
import io.hyperv4j.scvmm.sim.guest.GuestCluster;
import io.hyperv4j.scvmm.sim.guest.LoadClient;
import io.hyperv4j.scvmm.sim.guest.Seed001;
import io.hyperv4j.scvmm.sim.guest.ServiceState;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seed 001's guest cluster (scenario 1 is in the examples' MonitoredHostClusterTest): the iSCSI rule of scenario 9, and scenario 10's load. */
class GuestClusterTest {

    static Seed001.GuestClusterLab lab() {
        return Seed001.guestCluster(1, SimClock.virtual(Lab.DEFAULT_START));
    }

    @Test
    void scenario9_aGuestClusterTakesOnlyAnIscsiDiskAndItsVmsDoNotMoveBetweenHosts() {
        try (Seed001.GuestClusterLab g = lab()) {
            for (GuestCluster.DiskBus bus : List.of(GuestCluster.DiskBus.FC, GuestCluster.DiskBus.SAS)) {
                InvalidParameterException e = assertThrows(InvalidParameterException.class,
                        () -> GuestCluster.create(g.guests(), "bad", "10.0.0.60", Seed001.VM1, Seed001.VM2, Seed001.SERVICE, bus));
                assertTrue(e.getMessage().contains("iSCSI") && e.getMessage().contains(bus.name()), e.getMessage());
            }
            InvalidParameterException moved = assertThrows(InvalidParameterException.class, () -> g.cluster().refuseHostMigration(Seed001.VM1));
            assertTrue(moved.getMessage().contains("cannot move between hosts"), moved.getMessage());
            assertEquals(ServiceState.RUNNING, g.guests().serviceState(Seed001.VM1), "the refusals changed nothing");
        }
    }

    @Test
    void scenario10_theLongTransactionLoopLosesItsInFlightUnitAndCommitsAgainAfterTheFailover() {
        try (Seed001.GuestClusterLab g = lab()) {
            LoadClient load = g.guests().load(g.cluster(), Duration.ofMinutes(5));
            g.lab().clock().advance(Duration.ofMinutes(7));
            assertEquals(1, load.commits());
            new FaultInjector(ClusterLab.of(g.lab()), g.guests()).injectVm(FaultLocation.APPLICATION, Seed001.VM1);
            g.lab().clock().advance(Duration.ofMinutes(12));
            assertEquals(1, load.rolledBack(), "the unit in flight at the failover");
            assertTrue(load.commits() >= 2, "new units commit after the failover: " + load.commits());
        }
    }

    @Test
    void aLanBoardFailureUnderTheActiveGuestFailsNothingOverBecauseItStillDefendsTheDisk() {
        try (Seed001.GuestClusterLab g = lab()) {
            g.lab().clock().advance(Duration.ofSeconds(10));
            new FaultInjector(ClusterLab.of(g.lab()), g.guests()).injectHost(FaultLocation.LAN_BOARD, "host1");
            g.lab().clock().advance(Duration.ofMinutes(10));
            assertTrue(g.cluster().failovers().isEmpty());
            assertFalse(g.cluster().serviceAnswers());
        }
    }

    @Test
    void aHostStopUnderTheActiveGuestFailsOver() {
        try (Seed001.GuestClusterLab g = lab()) {
            new FaultInjector(ClusterLab.of(g.lab()), g.guests()).injectHost(FaultLocation.CPU, "host1");
            g.lab().clock().advance(Duration.ofMinutes(5));
            assertEquals(1, g.cluster().failovers().size());
            assertTrue(g.cluster().serviceAnswers());
        }
    }
}
