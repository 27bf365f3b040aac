package io.hyperv4j.examples.monitor;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.scvmm.monitor.MonitorEvent;
import io.hyperv4j.scvmm.sim.guest.Seed001;
import io.hyperv4j.scvmm.sim.guest.ServiceState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seed 001's acceptance scenarios 1, 2, 3, 6 and 7 (digest section 7.3) on the virtual clock. */
class MonitoredHostClusterTest {

    @Test
    void scenario1_guestClusterTable41() {
        Trials.GuestClusterRun r = Trials.guestClusterSqlStop();
        assertEquals(60, r.failover(), 1);
        assertEquals(22, r.pingLoss(), 1);
        assertEquals(55, r.outage(), 1);
        assertTrue(r.pingLoss() < r.outage() && r.outage() < r.failover(), "22 < 55 < 60");
    }

    @Test
    void scenario2_sqlStopIsDetectedFailedOverAndRecoveredAsInTable42() {
        List<Trials.MonitoredRun> runs = Trials.paperRuns();
        for (Trials.MonitoredRun t : runs) {
            assertEquals("host2", t.owner(), "the VM ends on the other node");
            assertEquals(45, t.quickMigration(), 45 * 0.02, "the quick migration");
            assertEquals(15, t.pingLoss(), 1, "ping is lost only during the quick migration's blackout");
            assertEquals(126, t.recovery(), 1, "detection to recovery detection");
            assertEquals(t.detection() + t.recovery(), t.outage(), 0.01, "outage = detection + recovery detection, as 66 + 126 = 192");
        }
        assertEquals(66, runs.stream().mapToDouble(Trials.MonitoredRun::detection).average().orElseThrow(), 2, "fault to detection, mean of three");
        assertEquals(192, runs.stream().mapToDouble(Trials.MonitoredRun::outage).average().orElseThrow(), 2, "outage, mean of three");
    }

    @Test
    void scenario3_pollPhaseSweepOf100TrialsStaysInThePapersRangeWithMeanNear192() {
        List<Trials.MonitoredRun> runs = Trials.sweep(100, 42);
        for (Trials.MonitoredRun t : runs) {
            assertTrue(t.detection() >= 20 && t.detection() <= 120, "detection within tens of seconds to 2 min: " + t);
            assertTrue(t.outage() >= 130 && t.outage() <= 240, "outage within 2 min and some tens of seconds to 4 min: " + t);
        }
        var stats = runs.stream().mapToDouble(Trials.MonitoredRun::outage).summaryStatistics();
        assertEquals(192, stats.getAverage(), 8, "mean outage");
        assertTrue(stats.getMax() - stats.getMin() > 45, "the poll phase spreads the outage: " + stats);
    }

    @Test
    void scenario6_hostPowerOffWithoutTheGuardFailsOverTwiceAndTheSecondFails() {
        try (MonitoredCluster m = powerOffUnder(false)) {
            assertEquals(1, m.clusterFailovers(), "the cluster's own failover");
            assertEquals(1, m.events(MonitorEvent.Kind.ACTION_STARTED).size(), "the script's failover is the second attempt");
            assertEquals(1, m.events(MonitorEvent.Kind.ACTION_FAILED).size(), "and it fails: " + m.table().history());
            assertEquals(ServiceState.RUNNING, m.guests().serviceState(Seed001.VM), "SQL Server still ends up running");
            assertEquals("host2", m.server().owner(Seed001.VM).orElseThrow());
        }
    }

    @Test
    void scenario7_hostPowerOffWithTheGuardFailsOverOnceAndLogsTheSkip() {
        try (MonitoredCluster m = powerOffUnder(true)) {
            assertEquals(1, m.clusterFailovers());
            assertTrue(m.events(MonitorEvent.Kind.ACTION_STARTED).isEmpty(), m.table().history().toString());
            MonitorEvent skip = m.events(MonitorEvent.Kind.ACTION_SKIPPED).get(0);
            assertNotNull(skip.skip());
            assertFalse(skip.detail().isEmpty());
            assertEquals(ServiceState.RUNNING, m.guests().serviceState(Seed001.VM));
            assertEquals("host2", m.server().owner(Seed001.VM).orElseThrow());
        }
    }

    /** Section 5's experiment: host1's power button, 150 s into the run, then 10 minutes. */
    private static MonitoredCluster powerOffUnder(boolean guarded) {
        MonitoredCluster m = new MonitoredCluster(7, true, guarded);
        m.run(Duration.ofSeconds(150));
        ClusterLab.of(m.lab()).powerOff("host1");
        m.run(Duration.ofMinutes(10));
        return m;
    }
}
