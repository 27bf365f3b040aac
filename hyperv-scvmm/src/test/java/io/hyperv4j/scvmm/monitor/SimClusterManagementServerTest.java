package io.hyperv4j.scvmm.monitor;

import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.scvmm.monitor.spi.MonitorClock;
import io.hyperv4j.scvmm.sim.guest.Seed001;
import io.hyperv4j.scvmm.sim.guest.SimMonitorClock;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The contract on seed 001's simulated host cluster. */
class SimClusterManagementServerTest extends ClusterManagementServerContract {
    private Seed001.MonitoredHostCluster mhc;
    private FailoverCluster cluster;
    private MonitorClock clock;
    private ClusterManagementServer server;

    @BeforeEach
    void setUp() {
        mhc = Seed001.monitoredHostCluster(1, SimClock.virtual(Lab.DEFAULT_START));
        cluster = mhc.lab().connect("host2").capability(FailoverCluster.class);
        clock = new SimMonitorClock(mhc.lab().clock());
        server = new ClusterManagementServer(cluster, mhc.guests(), mhc.guests()::reachable, clock);
    }

    @AfterEach
    void tearDown() {
        server.close();
        mhc.close();
    }

    @Override FailoverCluster cluster() { return cluster; }
    @Override ClusterManagementServer server() { return server; }
    @Override MonitorClock clock() { return clock; }
    @Override String vm() { return Seed001.VM; }

    @Override
    void awaitUntil(java.util.function.BooleanSupplier done, java.time.Duration limit) {
        java.time.Instant end = mhc.lab().clock().now().plus(limit);
        while (!done.getAsBoolean()) {
            if (!mhc.lab().clock().now().isBefore(end)) throw new AssertionError("not done within " + limit + " of simulated time");
            mhc.lab().clock().advance(java.time.Duration.ofSeconds(1));
        }
    }
}
