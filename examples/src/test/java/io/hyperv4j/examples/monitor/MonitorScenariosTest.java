package io.hyperv4j.examples.monitor;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.InvalidParameterException;
import io.hyperv4j.scvmm.monitor.Alarm;
import io.hyperv4j.scvmm.monitor.MonitorAction;
import io.hyperv4j.scvmm.monitor.MonitorEvent;
import io.hyperv4j.scvmm.sim.guest.FaultLocation;
import io.hyperv4j.scvmm.sim.guest.LoadClient;
import io.hyperv4j.scvmm.sim.guest.Seed001;
import io.hyperv4j.scvmm.sim.guest.ServiceState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seed 001 scenarios 4, 5, 9 (host side) and 10 (monitored), and bad input refused with nothing changed. */
class MonitorScenariosTest {

    @Test
    void scenario4_aPlainHostClusterWithHeartbeatMonitoringDoesNotFailOverOnASqlStop() {
        try (MonitoredCluster m = new MonitoredCluster(3, false, false)) {
            m.guests().monitorHeartbeat(Seed001.VM);
            m.run(Duration.ofSeconds(30));
            m.faults().injectVm(FaultLocation.APPLICATION, Seed001.VM);
            m.run(Duration.ofMinutes(30));
            assertEquals(ServiceState.STOPPED, m.guests().serviceState(Seed001.VM), "the outage lasts until someone acts");
            assertEquals("host1", m.server().owner(Seed001.VM).orElseThrow(), "the VM stays on its node");
            assertEquals(0, m.clusterFailovers());
            assertEquals(0, m.guests().heartbeatRestarts(), "the guest still sends heartbeats");
        }
    }

    @Test
    void scenario5_withHeartbeatMonitoringOffOnlyTheMonitorFailsAStarvedGuestOverOnce() {
        for (FaultLocation l : List.of(FaultLocation.RESOURCE_SHORTAGE, FaultLocation.GUEST_OS)) {
            try (MonitoredCluster m = new MonitoredCluster(4, true, true)) {
                m.run(Duration.ofSeconds(45));
                m.faults().injectVm(l, Seed001.VM);
                m.run(Duration.ofMinutes(10));
                assertEquals(0, m.clusterFailovers(), l + ": the host cluster's path does nothing");
                assertEquals(0, m.guests().heartbeatRestarts());
                assertEquals(1, m.events(MonitorEvent.Kind.ACTION_STARTED).size(), l + ": exactly one failover");
                assertEquals(1, m.events(MonitorEvent.Kind.ACTION_SUCCEEDED).size(), m.table().history().toString());
                assertEquals("host2", m.server().owner(Seed001.VM).orElseThrow());
                assertTrue(m.guests().serviceAnswers(Seed001.VM));
            }
        }
    }

    @Test
    void scenario9_aHostClusterVmLiveMigratesOverFcWithoutLosingAPing() {
        try (MonitoredCluster m = new MonitoredCluster(5, true, true)) {
            m.run(Duration.ofSeconds(30));
            m.cluster().groupOfVm(Seed001.VM).liveMigrate("host2").await();
            m.run(Duration.ofSeconds(30));
            assertEquals("host2", m.server().owner(Seed001.VM).orElseThrow());
            var record = io.hyperv4j.cluster.sim.ClusterLab.of(m.lab()).history("hv-cluster").get(0);
            assertTrue(record.outage().toMillis() < 1000, "the final pause is under a second: " + record);
            assertTrue(m.ping().total(m.now()).compareTo(Duration.ofSeconds(1)) <= 0, "at most the one echo sent in the pause is lost: " + m.ping().losses(m.now()));
            assertTrue(m.events(MonitorEvent.Kind.FIRED).isEmpty(), "and the monitor saw nothing: " + m.table().history());
        }
    }

    @Test
    void scenario10_theMonitoredFailoverRollsBackTheUnitInFlightAndLaterUnitsCommit() {
        try (MonitoredCluster m = new MonitoredCluster(6, true, true)) {
            LoadClient load = m.guests().load(Seed001.VM, Duration.ofMinutes(5));
            m.run(Duration.ofMinutes(7));
            assertEquals(1, load.commits());
            m.faults().injectVm(FaultLocation.APPLICATION, Seed001.VM);
            m.run(Duration.ofMinutes(15));
            assertEquals(1, load.rolledBack());
            assertTrue(load.commits() >= 2, "units commit after the recovery: " + load.commits());
        }
    }

    @Test
    void badInputIsRefusedSayingWhatIsWrongAndChangesNothing() {
        try (MonitoredCluster m = new MonitoredCluster(8, true, true)) {
            List<Alarm> alarms = m.table().alarms();
            List<String> bindings = m.table().bindings();
            IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> m.table().addProbe("p0", Seed001.VM,
                    m.guests().connectionProbe(Seed001.VM), Duration.ZERO, Duration.ofSeconds(6)));
            assertTrue(zero.getMessage().contains("interval must be positive"), zero.getMessage());
            IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> m.table().addProbe("p1", Seed001.VM,
                    m.guests().connectionProbe(Seed001.VM), Duration.ofSeconds(-60), Duration.ofSeconds(6)));
            assertTrue(negative.getMessage().contains("PT-1M"), negative.getMessage());
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                    () -> m.table().bind(MonitoredCluster.ALARM, "No Such VM", new MonitorAction.FailoverRole(), true));
            assertTrue(missing.getMessage().contains("no VM 'No Such VM'"), missing.getMessage());
            IllegalArgumentException noAlarm = assertThrows(IllegalArgumentException.class,
                    () -> m.table().bind("nope", Seed001.VM, new MonitorAction.FailoverRole(), true));
            assertTrue(noAlarm.getMessage().contains("no alarm 'nope'"), noAlarm.getMessage());
            InvalidParameterException location = assertThrows(InvalidParameterException.class, () -> FaultLocation.parse("flux-capacitor"));
            assertTrue(location.getMessage().contains("unknown fault location 'flux-capacitor'") && location.getMessage().contains("lan-board"));
            InvalidParameterException wrongScope = assertThrows(InvalidParameterException.class,
                    () -> m.faults().injectHost(FaultLocation.APPLICATION, "host1"));
            assertTrue(wrongScope.getMessage().contains("--vm"), wrongScope.getMessage());
            assertThrows(InvalidParameterException.class, () -> m.faults().injectHost(FaultLocation.CPU, "host9"));
            assertThrows(IllegalArgumentException.class, () -> MonitorAction.parse("reboot-the-world", Seed001.SERVICE));

            assertEquals(alarms, m.table().alarms());
            assertEquals(bindings, m.table().bindings());
            m.run(Duration.ofMinutes(5));
            assertTrue(m.table().history().isEmpty(), "nothing fired: " + m.table().history());
            assertEquals(ServiceState.RUNNING, m.guests().serviceState(Seed001.VM));
        }
    }
}
