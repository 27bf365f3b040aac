package io.hyperv4j.cluster;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.cluster.sim.PaperClusters;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimVm;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every move that lands a running VM checks the destination's room first (issue 18): seed 000's
 * two 8 GB hosts keep 2,048 MB for the parent partition, so with a 4,096 MB VM running on host2 a
 * second 4,096 MB VM does not fit there. A refused move changes nothing.
 */
class CapacityTest {
    private Lab lab;
    private CimSession session;
    private FailoverCluster cluster;
    private ClusterGroup sql;
    private SimVm sqlVm;

    @BeforeEach
    void setUp() {
        lab = PaperClusters.seed000(0, SimClock.virtual(Lab.DEFAULT_START));
        session = lab.session("host1");
        cluster = Clusters.of(session);
        sql = cluster.group("SQL Server");
        sqlVm = lab.host("host1").vms().iterator().next();
        resize(sqlVm, 4096, 4);
        sql.refreshConfiguration();
        PaperClusters.vm(lab, "host2", "resident", 4096, 2, true);
    }

    @AfterEach
    void tearDown() {
        session.close();
        lab.close();
    }

    private void resize(SimVm vm, long memoryMb, int processors) {
        lab.write(Duration.ofSeconds(5), txn -> { txn.touch(vm); vm.memoryMb(memoryMb); vm.processors(processors); return null; });
    }

    /** host2's own VM stops: host2 has room again. */
    private void stopResident() {
        lab.write(Duration.ofSeconds(5), txn -> { SimVm r = lab.host("host2").vms().iterator().next(); txn.touch(r); r.state(PowerState.OFF, txn.now()); return null; });
    }

    private void assertRefusedForRoom(Runnable move, String... numbers) {
        ClusterRefusedException e = assertThrows(ClusterRefusedException.class, move::run);
        assertEquals(ClusterRefusal.NOT_ENOUGH_RESOURCES_ON_DESTINATION, e.reason(), e.getMessage());
        for (String n : numbers) assertTrue(e.getMessage().contains(n), "'" + n + "' in: " + e.getMessage());
        assertNothingMoved();
    }

    private void assertNothingMoved() {
        assertEquals("host1", sql.info().ownerNode());
        assertEquals(GroupState.ONLINE, sql.info().state());
        assertEquals("host1", sqlVm.host().name());
        assertEquals(PowerState.RUNNING, sqlVm.state());
        assertEquals(4096, lab.read(Duration.ofSeconds(5), () -> lab.host("host2").memoryInUseMb()), "host2 keeps only its own VM");
    }

    @Test
    void liveMigrationToAHostWithoutRoomIsRefused() {
        assertRefusedForRoom(() -> sql.liveMigrate("host2").await(Duration.ofMinutes(5)), "2,048 MB free", "needs 4,096 MB", "8,192 MB");
    }

    @Test
    void quickMigrationToAHostWithoutRoomIsRefused() {
        assertRefusedForRoom(() -> sql.quickMigrate("host2").await(Duration.ofMinutes(5)), "2,048 MB free", "needs 4,096 MB");
    }

    @Test
    void aVmBiggerThanAnyHostIsRefusedBetweenEmptyHosts() {
        stopResident();
        resize(sqlVm, 65_536, 4);
        assertRefusedOnEmptyHost2("needs 65,536 MB", "6,144 MB free");
    }

    @Test
    void moreVirtualProcessorsThanTheHostHasIsRefused() {
        stopResident();
        resize(sqlVm, 1024, 16);
        assertRefusedOnEmptyHost2("8 logical processors", "16 virtual processors");
    }

    private void assertRefusedOnEmptyHost2(String... words) {
        ClusterRefusedException e = assertThrows(ClusterRefusedException.class, () -> sql.liveMigrate("host2").await(Duration.ofMinutes(5)));
        assertEquals(ClusterRefusal.NOT_ENOUGH_RESOURCES_ON_DESTINATION, e.reason());
        for (String w : words) assertTrue(e.getMessage().contains(w), "'" + w + "' in: " + e.getMessage());
        assertEquals("host1", sqlVm.host().name());
        assertEquals(0, lab.read(Duration.ofSeconds(5), () -> lab.host("host2").memoryInUseMb()), "nothing landed on host2");
    }

    @Test
    void theSameMoveGoesThroughOnceThereIsRoom() {
        stopResident();
        assertEquals("host2", sql.liveMigrate("host2").await(Duration.ofMinutes(5)).ownerNode());
    }

    @Test
    void drainWithNowhereToGoFailsAndLeavesTheRole() {
        assertThrows(ClusterException.class, () -> cluster.node("host1").pause(DrainType.DRAIN, null).await(Duration.ofMinutes(10)));
        assertEquals(DrainStatus.FAILED, cluster.node("host1").info().drainStatus());
        GroupInfo g = sql.info();
        assertEquals(5957, g.lastOperationStatus(), g.lastMigrationError());
        assertEquals("host1", g.ownerNode());
        assertEquals(PowerState.RUNNING, sqlVm.state());
        assertEquals(4096, lab.read(Duration.ofSeconds(5), () -> lab.host("host2").memoryInUseMb()));
    }

    @Test
    void failoverWithNoRoomLeavesTheRoleFailed() {
        try (CimSession s2 = lab.session("host2")) {
            ClusterLab.of(lab).powerOff("host1");
            lab.clock().advance(Duration.ofMinutes(3));
            GroupInfo g = Clusters.of(s2).group("SQL Server").info();
            assertEquals(GroupState.FAILED, g.state());
            assertEquals(5957, g.lastOperationStatus());
            assertTrue(g.lastMigrationError().contains("host2 has 2,048 MB free"), g.lastMigrationError());
            assertEquals(4096, lab.read(Duration.ofSeconds(5), () -> lab.host("host2").memoryInUseMb()), "nothing started on host2");
        }
    }

    @Test
    void failoverWithRoomRestartsTheRole() {
        stopResident();
        try (CimSession s2 = lab.session("host2")) {
            ClusterLab.of(lab).powerOff("host1");
            lab.clock().advance(Duration.ofMinutes(3));
            GroupInfo g = Clusters.of(s2).group("SQL Server").info();
            assertEquals(GroupState.ONLINE, g.state());
            assertEquals("host2", g.ownerNode());
        }
    }
}
