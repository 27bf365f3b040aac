package io.hyperv4j.cluster;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.ConnectOptions;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.NotSupportedException;
import io.hyperv4j.cluster.sim.PaperClusters;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The cluster is a host capability: given to cluster nodes only, its default wait the host's. */
class ClusterCapabilityTest {

    @Test
    void aHostInNoClusterSaysSo() {
        try (Lab lab = Lab.standalone(); HyperVHost host = host(lab, Lab.DEFAULT_HOST, ConnectOptions.defaults())) {
            NotSupportedException e = assertThrows(NotSupportedException.class, () -> host.capability(FailoverCluster.class));
            assertTrue(e.getMessage().contains("not a failover cluster node"), e.getMessage());
            assertTrue(host.findCapability(FailoverCluster.class).isEmpty());
        }
    }

    @Test
    void aNodeGivesOneHandleWhoseMovesWaitTheHostsOperationTimeout() {
        try (Lab lab = PaperClusters.seed000(0, SimClock.virtual(Lab.DEFAULT_START));
             HyperVHost host = host(lab, "host1", ConnectOptions.builder().operationTimeout(Duration.ofSeconds(30)).build())) {
            FailoverCluster cluster = host.capability(FailoverCluster.class);
            assertSame(cluster, host.capability(FailoverCluster.class));
            ClusterGroup sql = cluster.group("SQL Server");
            // the 73 s live migration outlasts the host's 30 s: await() gives up, asks the cluster to stop
            assertThrows(ClusterMigrationTimeoutException.class, () -> sql.liveMigrate("host2").await());
            assertEquals("host1", sql.info().ownerNode(), "cancelled while copying: the VM stays");
        }
    }

    @Test
    void aBlackoutLimitMustBePositiveAndIsCheckedBeforeAnyCall() {
        try (Lab lab = PaperClusters.seed000(0, SimClock.virtual(Lab.DEFAULT_START));
             HyperVHost host = host(lab, "host1", ConnectOptions.defaults())) {
            ClusterGroup sql = host.capability(FailoverCluster.class).group("SQL Server");
            assertThrows(IllegalArgumentException.class, () -> sql.move("host2", MigrationType.LIVE, Duration.ZERO));
            assertFalse(sql.info().isMigrating());
        }
    }

    private static HyperVHost host(Lab lab, String name, ConnectOptions options) {
        return new HyperVHost(URI.create("sim://" + name), lab.session(name), options);
    }
}
