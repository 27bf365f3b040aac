package io.hyperv4j.scvmm.sim.guest;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cluster.ClusterGroup;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.cluster.GroupState;
import io.hyperv4j.cluster.RestartPolicy;
import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * VM heartbeat monitoring under the Virtual Machine resource's restart policy (MSCluster_Resource
 * RestartAction / RestartThreshold / RestartPeriod): a lost heartbeat restarts the VM on its node;
 * a second loss within the period exceeds the threshold and the role fails over (action 2) or stays
 * failed (action 1).
 */
class HeartbeatRestartPolicyTest {
    private static void starve(Lab lab, GuestWorld guests) {
        guests.inject(Seed001.VM, GuestFault.RESOURCE_SHORTAGE);
        lab.clock().advance(Duration.ofMinutes(4)); // 60 s without heartbeat, then the restart's boot and the service's start
    }

    @Test
    void theFirstLossRestartsOnTheNodeAndTheSecondWithinThePeriodFailsTheRoleOver() {
        try (Lab lab = Seed001.monitoredHostCluster(1, SimClock.manual(Lab.DEFAULT_START)).lab()) {
            GuestWorld guests = MonitorStation.of(lab).guests();
            guests.monitorHeartbeat(Seed001.VM);
            ClusterGroup role = lab.connect("host2").capability(FailoverCluster.class).groupOfVm(Seed001.VM);
            assertEquals(RestartPolicy.DEFAULT, role.restartPolicy(), "Failover Cluster Manager's defaults");
            starve(lab, guests);
            assertEquals("host1", role.info().ownerNode(), "restarted on its node");
            assertEquals(ServiceState.RUNNING, guests.serviceState(Seed001.VM));
            assertTrue(ClusterLab.of(lab).history("hv-cluster").stream().anyMatch(h -> h.kind().equals("RESTART")));
            starve(lab, guests);
            assertEquals("host2", role.info().ownerNode(), "past the restart threshold within the period, the role moves");
            assertEquals(GroupState.ONLINE, role.info().state());
            assertEquals(ServiceState.RUNNING, guests.serviceState(Seed001.VM));
            assertEquals(2, guests.heartbeatRestarts());
        }
    }

    @Test
    void restartWithoutFailoverLeavesTheRoleFailedOnItsNode() {
        try (Lab lab = Seed001.monitoredHostCluster(1, SimClock.manual(Lab.DEFAULT_START)).lab()) {
            GuestWorld guests = MonitorStation.of(lab).guests();
            guests.monitorHeartbeat(Seed001.VM);
            ClusterGroup role = lab.connect("host2").capability(FailoverCluster.class).groupOfVm(Seed001.VM);
            RestartPolicy noFailover = new RestartPolicy(RestartPolicy.Action.RESTART, 1, Duration.ofMinutes(15));
            role.setRestartPolicy(noFailover);
            assertEquals(noFailover, role.restartPolicy());
            starve(lab, guests);
            starve(lab, guests);
            assertEquals("host1", role.info().ownerNode());
            assertEquals(GroupState.FAILED, role.info().state());
            assertEquals(ServiceState.STOPPED, guests.serviceState(Seed001.VM));
        }
    }

    @Test
    void aSecondLossAfterThePeriodRestartsOnTheNodeAgain() {
        try (Lab lab = Seed001.monitoredHostCluster(1, SimClock.manual(Lab.DEFAULT_START)).lab()) {
            GuestWorld guests = MonitorStation.of(lab).guests();
            guests.monitorHeartbeat(Seed001.VM);
            ClusterGroup role = lab.connect("host2").capability(FailoverCluster.class).groupOfVm(Seed001.VM);
            starve(lab, guests);
            lab.clock().advance(Duration.ofMinutes(15));
            starve(lab, guests);
            assertEquals("host1", role.info().ownerNode(), "the first restart is out of the 15-minute period");
            assertEquals(ServiceState.RUNNING, guests.serviceState(Seed001.VM));
        }
    }

    @Test
    void aRestartActionOutOfRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RestartPolicy(RestartPolicy.Action.RESTART, -1, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new RestartPolicy(RestartPolicy.Action.RESTART, 1, Duration.ofMillis(-1)));
    }
}
