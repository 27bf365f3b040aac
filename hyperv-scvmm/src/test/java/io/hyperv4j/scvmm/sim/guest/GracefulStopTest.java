package io.hyperv4j.scvmm.sim.guest;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.InvalidParameterException;
import io.hyperv4j.scvmm.monitor.MonitorAction;
import io.hyperv4j.scvmm.monitor.MonitorEvent;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A graceful stop of the guest's service: Running, Stopping (no connections), Stopped, each step in the guest's event log. */
class GracefulStopTest {
    @TempDir
    Path dir;

    @Test
    void theServiceStopsThroughStoppingWithTheStopControlAndTheStopLogged() {
        try (Lab lab = Seed001.monitoredHostCluster(1, SimClock.manual(Lab.DEFAULT_START)).lab()) {
            MonitorStation s = MonitorStation.of(lab);
            lab.clock().advance(Duration.ofSeconds(10));
            var asked = lab.clock().now();
            s.faults().stopService(Seed001.VM);
            assertEquals(ServiceState.STOPPING, s.guests().serviceState(Seed001.VM));
            assertFalse(s.guests().serviceAnswers(Seed001.VM), "a stopping service accepts no connection");
            Path f = dir.resolve("lab.json");
            lab.save(f); // the transition is part of the lab's state
            try (Lab loaded = Lab.load(f)) {
                assertEquals(ServiceState.STOPPING, MonitorStation.of(loaded).guests().serviceState(Seed001.VM));
                loaded.clock().advance(Duration.ofSeconds(10));
                assertEquals(ServiceState.STOPPED, MonitorStation.of(loaded).guests().serviceState(Seed001.VM));
            }
            lab.clock().advance(Duration.ofSeconds(10));
            assertEquals(ServiceState.STOPPED, s.guests().serviceState(Seed001.VM));
            List<GuestLogEntry> log = s.guests().eventLog();
            GuestLogEntry control = log.get(log.size() - 2), stopped = log.get(log.size() - 1);
            assertEquals(7035, control.eventId());
            assertEquals(asked, control.time());
            assertTrue(control.message().contains("stop control"), control.message());
            assertEquals(7036, stopped.eventId());
            assertTrue(stopped.message().contains("entered the stopped state"), stopped.message());
            assertEquals(GuestWorld.SERVICE_STOP, Duration.between(control.time(), stopped.time()).withNanos(0));
        }
    }

    @Test
    void aStopServiceActionStopsItGracefullyAndTheMonitorSeesItStopped() {
        try (Lab lab = Seed001.monitoredHostCluster(1, SimClock.manual(Lab.DEFAULT_START)).lab()) {
            MonitorStation s = MonitorStation.of(lab);
            s.addProbe("PD_DD", Seed001.VM, MonitorStation.POLL, MonitorStation.CONNECT_TIMEOUT);
            s.guests().inject(Seed001.VM, GuestFault.RESOURCE_SHORTAGE); // a starved guest: the operator's binding stops SQL Server
            s.table().bind("PD_DD", Seed001.VM, MonitorAction.parse("stop-service", Seed001.SERVICE), false);
            lab.clock().advance(Duration.ofMinutes(3));
            assertTrue(s.table().history().stream().anyMatch(e -> e.kind() == MonitorEvent.Kind.ACTION_FAILED
                    && e.detail().contains("cannot be reached to stop")), s.table().history().toString());
        }
        try (Lab lab = Seed001.monitoredHostCluster(1, SimClock.manual(Lab.DEFAULT_START)).lab()) {
            MonitorStation s = MonitorStation.of(lab);
            assertThrows(InvalidParameterException.class, () -> s.guests().stop(Seed001.VM, "NoSuchService"));
            s.guests().stop(Seed001.VM, Seed001.SERVICE);
            lab.clock().advance(Duration.ofSeconds(6));
            assertEquals(ServiceState.STOPPED, s.guests().serviceState(Seed001.VM));
        }
    }
}
