package io.hyperv4j.cluster;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.OperationCancelledException;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cluster.migration.Workload;
import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.cluster.sim.MigrationRecord;
import io.hyperv4j.cluster.sim.PaperClusters;
import io.hyperv4j.job.Operation;
import io.hyperv4j.job.OperationState;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimVm;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A failed, cancelled or timed-out live migration leaves the VM running on its source with its state intact. */
class FailedMigrationTest {
    Lab lab;
    CimSession s;
    FailoverCluster cluster;
    ClusterGroup vm;
    SimVm simVm;
    Instant startedAt;

    @BeforeEach
    void open() {
        lab = PaperClusters.seed000(0, SimClock.virtual(Lab.DEFAULT_START));
        s = lab.session("host1");
        cluster = Clusters.of(s);
        vm = cluster.group("SQL Server");
        simVm = lab.host("host1").vms().iterator().next();
        startedAt = simVm.startedAt();
    }

    @AfterEach
    void close() {
        s.close();
        lab.close();
    }

    void assertIntactOnSource() {
        GroupInfo g = vm.info();
        assertEquals("host1", g.ownerNode());
        assertEquals(GroupState.ONLINE, g.state());
        assertFalse(g.isMigrating());
        assertEquals("host1", simVm.host().name());
        assertEquals(PowerState.RUNNING, simVm.state());
        assertEquals(startedAt, simVm.startedAt(), "no restart");
    }

    @Test
    void cancelledWhileCopying() {
        Operation<GroupInfo> op = vm.liveMigrate("host2");
        lab.clock().advance(Duration.ofSeconds(30));
        assertEquals("COPYING", vm.info().migrationState());
        assertTrue(vm.info().migrationProgress() > 0);
        assertTrue(op.cancel());
        assertThrows(OperationCancelledException.class, () -> op.await(Duration.ofMinutes(5)));
        assertEquals(OperationState.CANCELLED, op.state());
        assertEquals(1223, vm.info().lastOperationStatus(), "the resource's LastOperationStatusCode: ERROR_CANCELLED");
        assertIntactOnSource();
        assertFalse(vm.cancelMigration(), "nothing left to cancel");
    }

    @Test
    void destinationFailsDuringTheCopy() {
        Operation<GroupInfo> op = vm.liveMigrate("host2");
        lab.clock().advance(Duration.ofSeconds(20));
        ClusterLab.of(lab).powerOff("host2");
        ClusterRefusedException e = assertThrows(ClusterRefusedException.class, () -> op.await(Duration.ofMinutes(5)));
        assertTrue(e.getMessage().contains("host2 failed"), e.getMessage());
        assertEquals(ClusterRefusal.NODE_DOWN, e.reason(), "typed from LastOperationStatusCode, not from the text");
        assertIntactOnSource();
    }

    @Test
    void aBlackoutLimitCancelsAMigrationThatWouldPauseTooLong() {
        ClusterLab.of(lab).vm(simVm.id(), t -> t.workload(Workload.HEAVY));
        Operation<GroupInfo> op = vm.move("host2", MigrationType.LIVE, Duration.ofSeconds(2));
        assertThrows(OperationCancelledException.class, () -> op.await(Duration.ofHours(1)));
        assertIntactOnSource();
        MigrationRecord r = ClusterLab.of(lab).history("hv-cluster").get(0);
        assertEquals("CANCELLED", r.outcome());
        assertTrue(r.detail().contains("blackout limit"), r.detail());
    }

    @Test
    void aTimeoutCancelsTheMoveAndSaysHowFarItGot() {
        Operation<GroupInfo> op = vm.liveMigrate("host2");
        ClusterMigrationTimeoutException e = assertThrows(ClusterMigrationTimeoutException.class, () -> op.await(Duration.ofSeconds(10)));
        assertEquals("host1", e.lastSeen().ownerNode());
        lab.clock().advance(Duration.ofMinutes(5));
        assertIntactOnSource();
        assertEquals("CANCELLED", ClusterLab.of(lab).history("hv-cluster").get(0).outcome());
    }

    @Test
    void eventsReportOwnerGroupResourceAndCsvChanges() throws Exception {
        List<ClusterEvent> events = new CopyOnWriteArrayList<>();
        try (AutoCloseable sub = cluster.subscribe(events::add)) {
            vm.liveMigrate("host2").await(Duration.ofMinutes(5));
            cluster.sharedVolume("Cluster Disk 1").redirectedAccess(true);
        }
        assertTrue(events.contains(new ClusterEvent(ClusterEvent.Kind.GROUP, "SQL Server", "OwnerNode", "host1", "host2")), events.toString());
        assertTrue(events.contains(new ClusterEvent(ClusterEvent.Kind.RESOURCE, "Virtual Machine SQL Server", "OwnerNode", "host1", "host2")));
        assertTrue(events.contains(new ClusterEvent(ClusterEvent.Kind.SHARED_VOLUME, "Cluster Disk 1", "FaultState", "0", "1")));
        int n = events.size();
        vm.liveMigrate("host1").await(Duration.ofMinutes(5));
        assertEquals(n, events.size(), "closed: no more events");
    }
}
