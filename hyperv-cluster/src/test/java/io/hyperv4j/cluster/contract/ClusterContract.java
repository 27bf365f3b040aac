package io.hyperv4j.cluster.contract;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cluster.ClusterGroup;
import io.hyperv4j.cluster.ClusterNetwork;
import io.hyperv4j.cluster.ClusterNode;
import io.hyperv4j.cluster.ClusterRefusal;
import io.hyperv4j.cluster.ClusterRefusedException;
import io.hyperv4j.cluster.ClusterSharedVolume;
import io.hyperv4j.cluster.DrainStatus;
import io.hyperv4j.cluster.DrainType;
import io.hyperv4j.cluster.FailbackType;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.cluster.GroupInfo;
import io.hyperv4j.cluster.GroupState;
import io.hyperv4j.cluster.NetworkState;
import io.hyperv4j.cluster.NodeInfo;
import io.hyperv4j.cluster.NodeState;
import io.hyperv4j.cluster.sim.PaperClusters;
import io.hyperv4j.job.Operation;
import io.hyperv4j.OperationCancelledException;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimVm;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the typed cluster API promises, whatever carries it: run against seed 000's two-node cluster
 * (the 6 GB "SQL Server" role on host1) reached directly and through {@code wsman://}. The lab is
 * read only to check where the VM really is.
 */
public abstract class ClusterContract {
    protected Lab lab;
    protected FailoverCluster cluster;

    /** The cluster as host1 serves it, reached the way the subclass tests. */
    protected abstract FailoverCluster open(Lab lab);

    /** Releases what {@link #open} made. */
    protected abstract void release();

    @BeforeEach
    void start() {
        lab = PaperClusters.seed000(0, SimClock.virtual(Lab.DEFAULT_START));
        cluster = open(lab);
    }

    @AfterEach
    void stop() {
        release();
        lab.close();
    }

    private SimVm sqlVm() {
        return lab.read(Duration.ofSeconds(5), () -> lab.host("host1").vms().isEmpty()
                ? lab.host("host2").vms().iterator().next() : lab.host("host1").vms().iterator().next());
    }

    @Test
    void readsNodesRolesNetworksAndVolumes() {
        assertFalse(cluster.info().name().isEmpty());
        assertEquals(List.of("host1", "host2"), cluster.nodes().stream().map(ClusterNode::name).sorted().toList());
        for (ClusterNode n : cluster.nodes()) assertEquals(NodeState.UP, n.info().state(), n.name());
        GroupInfo sql = cluster.group("SQL Server").info();
        assertEquals("host1", sql.ownerNode());
        assertEquals(GroupState.ONLINE, sql.state());
        assertTrue(cluster.virtualMachineGroups().stream().anyMatch(g -> g.name().equals("SQL Server")));
        assertFalse(cluster.networks().isEmpty());
        for (ClusterNetwork n : cluster.networks()) assertEquals(NetworkState.UP, n.info().state(), n.name());
        for (ClusterSharedVolume v : cluster.sharedVolumes()) assertTrue(v.info().path().startsWith("C:\\ClusterStorage"), v.name());
    }

    @Test
    void aLiveMigrationEndsOnTheTargetWithTheVmRunningAndNoRestart() {
        Instant started = sqlVm().startedAt();
        Instant t0 = lab.clock().now();
        GroupInfo g = cluster.group("SQL Server").liveMigrate("host2").await(Duration.ofMinutes(5));
        assertEquals("host2", g.ownerNode());
        assertEquals(GroupState.ONLINE, g.state());
        assertEquals(73.0, Duration.between(t0, lab.clock().now()).toMillis() / 1000.0, 73.0 * 0.02, "seed 000's 73 s");
        SimVm vm = sqlVm();
        assertEquals("host2", vm.host().name());
        assertEquals(PowerState.RUNNING, vm.state());
        assertEquals(started, vm.startedAt());
    }

    @Test
    void aRefusedMigrationIsTypedAndMovesNothing() {
        ClusterGroup sql = cluster.group("SQL Server");
        ClusterRefusedException e = assertThrows(ClusterRefusedException.class, () -> sql.liveMigrate("no-such-node"));
        assertEquals(ClusterRefusal.NODE_NOT_FOUND, e.reason(), e.getMessage());
        assertEquals("host1", sql.info().ownerNode());
        assertFalse(sql.cancelMigration(), "no move to cancel");
    }

    @Test
    void aCancelledMigrationLeavesTheRoleOnItsSource() {
        ClusterGroup sql = cluster.group("SQL Server");
        Operation<GroupInfo> op = sql.liveMigrate("host2");
        lab.clock().advance(Duration.ofSeconds(30));
        assertEquals("COPYING", sql.info().migrationState());
        assertTrue(op.cancel());
        assertThrows(OperationCancelledException.class, () -> op.await(Duration.ofMinutes(5)));
        assertEquals(1223, sql.info().lastOperationStatus(), "ERROR_CANCELLED on the resource");
        assertEquals("host1", sql.info().ownerNode());
        assertEquals("host1", sqlVm().host().name());
        assertEquals(PowerState.RUNNING, sqlVm().state());
    }

    @Test
    void drainingANodeMovesItsRolesAndResumeBringsItBack() {
        NodeInfo n = cluster.node("host1").pause(DrainType.DRAIN, "host2").await(Duration.ofMinutes(10));
        assertEquals(NodeState.PAUSED, n.state());
        assertEquals(DrainStatus.COMPLETED, n.drainStatus());
        assertEquals("host2", cluster.group("SQL Server").info().ownerNode());
        ClusterRefusedException e = assertThrows(ClusterRefusedException.class, () -> cluster.group("SQL Server").liveMigrate("host1"));
        assertEquals(ClusterRefusal.NODE_PAUSED, e.reason());
        assertEquals(NodeState.UP, cluster.node("host1").resume(FailbackType.NONE).state());
    }
}
