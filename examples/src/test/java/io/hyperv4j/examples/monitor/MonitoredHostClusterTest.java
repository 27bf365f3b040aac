package io.hyperv4j.examples.monitor;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.scvmm.monitor.MonitorEvent;
import io.hyperv4j.scvmm.sim.guest.GuestFault;
import io.hyperv4j.scvmm.sim.guest.Seed001;
import io.hyperv4j.scvmm.sim.guest.ServiceState;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seed 001's acceptance scenarios 2, 3, 6 and 7 (digest section 7.3) on the virtual clock. */
class MonitoredHostClusterTest {

    record Trial(double detection, double recovery, double outage, double pingLoss, String owner) {
    }

    /** SQL Server stops {@code offset} into the poll cycle (polls start at the lab's start). */
    static Trial sqlStop(long seed, Duration offset) {
        try (MonitoredCluster rig = new MonitoredCluster(seed, true, true)) {
            rig.run(Duration.ofSeconds(120).plus(offset));
            Instant fault = rig.now();
            rig.guests().inject(Seed001.VM, GuestFault.APPLICATION);
            rig.run(Duration.ofMinutes(10));
            Instant fired = rig.first(MonitorEvent.Kind.FIRED), recovered = rig.first(MonitorEvent.Kind.RECOVERED);
            assertEquals(1, rig.events(MonitorEvent.Kind.ACTION_SUCCEEDED).size(), rig.table().history().toString());
            assertTrue(rig.events(MonitorEvent.Kind.ACTION_FAILED).isEmpty(), "no spurious errors: " + rig.table().history());
            assertEquals(ServiceState.RUNNING, rig.guests().serviceState(Seed001.VM));
            return new Trial(secs(fault, fired), secs(fired, recovered), secs(fault, recovered), rig.ping().total(rig.now()).toSeconds(),
                    rig.server().owner(Seed001.VM).orElseThrow());
        }
    }

    static double secs(Instant a, Instant b) {
        return Duration.between(a, b).toMillis() / 1000.0;
    }

    @Test
    void scenario2_sqlStopIsDetectedFailedOverAndRecoveredAsInTable42() {
        Random r = new Random(1);
        double d = 0, rec = 0, out = 0;
        for (int i = 0; i < 3; i++) {
            Trial t = sqlStop(i, Duration.ofMillis(r.nextInt(60_000)));
            assertEquals("host2", t.owner(), "the VM ends on the other node");
            assertEquals(15, t.pingLoss(), 1, "ping is lost only during the quick migration's blackout");
            assertEquals(126, t.recovery(), 1, "detection to recovery detection");
            d += t.detection() / 3;
            rec += t.recovery() / 3;
            out += t.outage() / 3;
        }
        assertEquals(66, d, 30, "fault to detection, mean of three");
        assertEquals(192, out, 30, "outage, mean of three");
        assertEquals(d + rec, out, 0.01, "outage = detection + recovery detection, as the paper's 66 + 126 = 192");
    }

    @Test
    void scenario3_pollPhaseSweepOf100TrialsStaysInThePapersRangeWithMeanNear192() {
        Random r = new Random(42);
        double sum = 0, min = Double.MAX_VALUE, max = 0;
        int n = 100;
        for (int i = 0; i < n; i++) {
            Trial t = sqlStop(i, Duration.ofMillis(r.nextInt(60_000)));
            assertTrue(t.detection() >= 20 && t.detection() <= 120, "detection within tens of seconds to 2 min: " + t);
            assertTrue(t.outage() >= 130 && t.outage() <= 240, "outage within 2 min and some tens of seconds to 4 min: " + t);
            sum += t.outage();
            min = Math.min(min, t.outage());
            max = Math.max(max, t.outage());
        }
        assertEquals(192, sum / n, 8, "mean outage");
        assertTrue(max - min > 45, "the poll phase spreads the outage: " + min + " .. " + max);
    }

    @Test
    void scenario6_hostPowerOffWithoutTheGuardFailsOverTwiceAndTheSecondFails() {
        try (MonitoredCluster rig = new MonitoredCluster(7, true, false)) {
            rig.run(Duration.ofSeconds(150));
            ClusterLab.of(rig.lab()).powerOff("host1");
            rig.run(Duration.ofMinutes(10));
            assertEquals(1, ClusterLab.of(rig.lab()).history("hv-cluster").stream().filter(h -> h.kind().equals("FAILOVER")).count(),
                    "the cluster's own failover");
            assertEquals(1, rig.events(MonitorEvent.Kind.ACTION_STARTED).size(), "the script's failover is the second attempt");
            assertEquals(1, rig.events(MonitorEvent.Kind.ACTION_FAILED).size(), "and it fails: " + rig.table().history());
            assertEquals(ServiceState.RUNNING, rig.guests().serviceState(Seed001.VM), "SQL Server still ends up running");
            assertEquals("host2", rig.server().owner(Seed001.VM).orElseThrow());
        }
    }

    @Test
    void scenario7_hostPowerOffWithTheGuardFailsOverOnceAndLogsTheSkip() {
        try (MonitoredCluster rig = new MonitoredCluster(7, true, true)) {
            rig.run(Duration.ofSeconds(150));
            ClusterLab.of(rig.lab()).powerOff("host1");
            rig.run(Duration.ofMinutes(10));
            assertTrue(rig.events(MonitorEvent.Kind.ACTION_STARTED).isEmpty(), rig.table().history().toString());
            MonitorEvent skip = rig.events(MonitorEvent.Kind.ACTION_SKIPPED).get(0);
            assertNotNull(skip.skip());
            assertFalse(skip.detail().isEmpty());
            assertEquals(ServiceState.RUNNING, rig.guests().serviceState(Seed001.VM));
            assertEquals("host2", rig.server().owner(Seed001.VM).orElseThrow());
        }
    }
}
