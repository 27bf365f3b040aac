package io.hyperv4j.scvmm.sim.guest;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.cluster.NetworkState;
import io.hyperv4j.cluster.NodeState;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 001's LAN board on the host cluster: the host's client-facing adapter dies; the cluster sees
 * its public network partitioned but keeps the node (heartbeats go on over the cluster network), so
 * the role stays where it is, unreachable (Table 5-1: × in every column).
 */
class LanBoardTest {
    @TempDir
    Path dir;

    @Test
    void theClusterSeesThePublicNetworkPartitionedAndFailsNothingOver() {
        Lab lab = Seed001.monitoredHostCluster(1, SimClock.manual(Lab.DEFAULT_START)).lab();
        try (lab) {
            FailoverCluster cluster = lab.connect("host2").capability(FailoverCluster.class);
            assertEquals(NetworkState.UP, cluster.network("Management").info().state());
            MonitorStation.of(lab).faults().injectHost(FaultLocation.LAN_BOARD, "host1");
            lab.clock().advance(Duration.ofMinutes(15));
            assertEquals(NetworkState.PARTITIONED, cluster.network("Management").info().state(), "host1's interface on it failed");
            assertEquals(NetworkState.UP, cluster.network("CSV").info().state());
            assertEquals(NodeState.UP, cluster.node("host1").info().state(), "heartbeats still cross the cluster network");
            assertEquals("host1", cluster.groupOfVm(Seed001.VM).info().ownerNode(), "nothing failed over");
            assertFalse(MonitorStation.of(lab).guests().answersPing(Seed001.VM), "the VM runs, cut off with its host");
            Path f = dir.resolve("lab.json");
            lab.save(f);
            try (Lab loaded = Lab.load(f)) {
                assertEquals(NetworkState.PARTITIONED, loaded.connect("host2").capability(FailoverCluster.class).network("Management").info().state());
                assertFalse(MonitorStation.of(loaded).guests().reachable("host1"));
            }
        }
    }
}
