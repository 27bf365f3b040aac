package io.hyperv4j.cluster;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.cluster.sim.MigrationRecord;
import io.hyperv4j.cluster.sim.PaperClusters;
import io.hyperv4j.cluster.sim.SimNode;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pause with drain (roles leave by live migration; force drain falls back to quick migration) and resume with failback. */
class NodeDrainTest {
    Lab lab;
    CimSession s;
    FailoverCluster cluster;

    @BeforeEach
    void open() {
        lab = PaperClusters.seed002(0, SimClock.virtual(Lab.DEFAULT_START));
        s = lab.session("umbriel");
        cluster = Clusters.of(s);
    }

    @AfterEach
    void close() {
        s.close();
        lab.close();
    }

    @Test
    void drainMovesRolesByLiveMigrationAndFailbackBringsThemBack() {
        NodeInfo n = cluster.node("ARIEL").pause(DrainType.DRAIN, "umbriel").await(Duration.ofMinutes(10));
        assertEquals(NodeState.PAUSED, n.state());
        assertEquals(DrainStatus.COMPLETED, n.drainStatus());
        assertEquals("umbriel", cluster.group("ws2003r2-lm").info().ownerNode());
        MigrationRecord r = ClusterLab.of(lab).history("satellite").get(0);
        assertEquals("LIVE", r.kind());
        assertTrue(r.outage().toMillis() < 1000);
        ClusterRefusedException e = assertThrows(ClusterRefusedException.class, () -> cluster.group("ws2003r2-lm").liveMigrate("ARIEL"));
        assertEquals(ClusterRefusal.NODE_PAUSED, e.reason());

        assertEquals(NodeState.UP, cluster.node("ARIEL").resume(FailbackType.IMMEDIATE).state());
        assertTrue(cluster.group("ws2003r2-lm").info().isMigrating(), "failing back");
        lab.clock().advance(Duration.ofMinutes(2));
        assertEquals("ARIEL", cluster.group("ws2003r2-lm").info().ownerNode());
    }

    @Test
    void aRoleThatCannotLiveMigrateFailsADrainButForceDrainQuickMigratesIt() {
        ClusterLab.of(lab).configure("satellite").node("umbriel", SimNode.Edition.DATACENTER, "GenuineIntel", "Xeon X5570", "Other-Net");
        assertThrows(ClusterException.class, () -> cluster.node("ARIEL").pause(DrainType.DRAIN, null).await(Duration.ofMinutes(10)));
        assertEquals(DrainStatus.FAILED, cluster.node("ARIEL").info().drainStatus());
        assertEquals("ARIEL", cluster.group("ws2003r2-lm").info().ownerNode());
        cluster.node("ARIEL").resume(FailbackType.NONE);

        NodeInfo n = cluster.node("ARIEL").pause(DrainType.FORCE_DRAIN, null).await(Duration.ofMinutes(10));
        assertEquals(DrainStatus.COMPLETED, n.drainStatus());
        assertEquals("umbriel", cluster.group("ws2003r2-lm").info().ownerNode());
        List<MigrationRecord> h = ClusterLab.of(lab).history("satellite");
        assertEquals("QUICK", h.get(h.size() - 1).kind());
    }

    @Test
    void pausingWithoutDrainKeepsTheRolesAndRefusesNewOnes() {
        NodeInfo n = cluster.node("umbriel").pause(DrainType.NONE, null).await(Duration.ofSeconds(1));
        assertEquals(NodeState.PAUSED, n.state());
        assertEquals(DrainStatus.NOT_INITIATED, n.drainStatus());
        assertEquals("ARIEL", cluster.group("ws2003r2-lm").info().ownerNode());
        assertThrows(ClusterRefusedException.class, () -> cluster.group("ws2003r2-lm").liveMigrate("umbriel"));
    }
}
