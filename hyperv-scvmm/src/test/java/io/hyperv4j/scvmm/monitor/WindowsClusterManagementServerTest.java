package io.hyperv4j.scvmm.monitor;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.cluster.ClusterGroup;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.scvmm.monitor.spi.MonitorClock;
import io.hyperv4j.scvmm.monitor.spi.ServiceControl;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The contract on a real Windows failover cluster: {@code -Dhyperv4j.test.cluster=NODE} names a node
 * of it (reached as wmi://NODE), and {@code -Dhyperv4j.test.cluster.vm=NAME} optionally a clustered VM
 * (default: the first VM role). It runs one local script and moves the VM's role to another node through
 * an alarm's guarded failover action (a quick migration: the VM is briefly saved), then moves it back.
 */
@EnabledOnOs(OS.WINDOWS)
@EnabledIfSystemProperty(named = WindowsClusterManagementServerTest.CLUSTER, matches = ".+")
class WindowsClusterManagementServerTest extends ClusterManagementServerContract {
    static final String CLUSTER = "hyperv4j.test.cluster";
    private HyperVHost host;
    private FailoverCluster cluster;
    private ScheduledMonitorClock clock;
    private ClusterManagementServer server;
    private String vm;

    @BeforeEach
    void setUp() {
        host = HyperV.connect(URI.create("wmi://" + System.getProperty(CLUSTER)));
        cluster = host.capability(FailoverCluster.class);
        clock = new ScheduledMonitorClock();
        server = new ClusterManagementServer(cluster, new ServiceControl() {
            @Override public void start(String v, String s) { throw new UnsupportedOperationException("the contract starts no service"); }
            @Override public void stop(String v, String s) { throw new UnsupportedOperationException("the contract stops no service"); }
        }, node -> true, clock);
        vm = System.getProperty(CLUSTER + ".vm",
                cluster.virtualMachineGroups().stream().findFirst().map(ClusterGroup::name).orElseThrow(
                        () -> new AssertionError("the cluster of " + System.getProperty(CLUSTER) + " has no VM role")));
    }

    @AfterEach
    void tearDown() {
        server.close();
        clock.close();
        host.close();
    }

    @Override FailoverCluster cluster() { return cluster; }
    @Override ClusterManagementServer server() { return server; }
    @Override MonitorClock clock() { return clock; }
    @Override String vm() { return vm; }

    /** A real cluster moves in real time: it is looked at every second until done or past the limit. */
    @Override
    void awaitUntil(java.util.function.BooleanSupplier done, java.time.Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - end > 0) throw new AssertionError("not done within " + limit);
            java.util.concurrent.locks.LockSupport.parkNanos(java.time.Duration.ofSeconds(1).toNanos());
        }
    }
}
