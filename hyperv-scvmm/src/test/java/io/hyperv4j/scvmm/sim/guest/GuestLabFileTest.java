package io.hyperv4j.scvmm.sim.guest;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.HyperVException;
import io.hyperv4j.scvmm.monitor.MonitorAction;
import io.hyperv4j.scvmm.monitor.MonitorEvent;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guests and the monitoring station in the lab file: a lab saved at any moment and loaded again
 * goes on exactly as the lab that was never saved (same history, same guest states, same failovers).
 */
class GuestLabFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    /** How many saves caught a bound action in the middle of a step. */
    private int savedMidStep;

    private static Lab monitored() {
        Lab lab = Seed001.monitoredHostCluster(1, SimClock.manual(Lab.DEFAULT_START)).lab();
        MonitorStation s = MonitorStation.of(lab);
        s.addProbe("PD_DD", Seed001.VM, MonitorStation.POLL, MonitorStation.CONNECT_TIMEOUT);
        s.table().bind("PD_DD", Seed001.VM, MonitorAction.seed001Script(Seed001.SERVICE), true);
        return lab;
    }

    private static List<String> history(Lab lab) {
        return MonitorStation.of(lab).table().history().stream().map(MonitorEvent::toString).toList();
    }

    /** Saves and loads the lab, then runs both for {@code after}; returns the loaded one. */
    private Lab saveLoadAndRunBoth(Lab original, Duration after) {
        Path f = dir.resolve("lab.json");
        original.save(f);
        try {
            if (Files.readString(f).matches("(?s).*\"running\"\\s*:\\s*true.*")) savedMidStep++;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Lab loaded = Lab.load(f);
        assertEquals(history(original), history(loaded), "the history comes back");
        assertEquals(MonitorStation.of(original).table().alarms(), MonitorStation.of(loaded).table().alarms());
        assertEquals(MonitorStation.of(original).table().bindings(), MonitorStation.of(loaded).table().bindings());
        original.clock().advance(after);
        loaded.clock().advance(after);
        return loaded;
    }

    @Test
    void aLabSavedWhileTheMonitorFailsTheVmOverGoesOnAsIfNeverSaved() {
        for (int cut : new int[] {100, 131, 140, 160, 200}) {
            Lab original = monitored();
            original.clock().advance(Duration.ofSeconds(30));
            MonitorStation.of(original).faults().injectVm(FaultLocation.APPLICATION, Seed001.VM);
            original.clock().advance(Duration.ofSeconds(cut)); // before the firing, at the dispatch, during the quick migration, after
            try (Lab loaded = saveLoadAndRunBoth(original, Duration.ofMinutes(8))) {
                assertEquals(history(original), history(loaded), "cut at +" + cut + " s");
                assertTrue(history(loaded).stream().anyMatch(e -> e.contains("ACTION_SUCCEEDED")), history(loaded).toString());
                GuestWorld a = MonitorStation.of(original).guests(), b = MonitorStation.of(loaded).guests();
                assertEquals(a.serviceState(Seed001.VM), b.serviceState(Seed001.VM));
                assertEquals(a.eventLog(), b.eventLog());
                assertEquals(MonitorStation.of(original).server().owner(Seed001.VM), MonitorStation.of(loaded).server().owner(Seed001.VM));
            } finally {
                original.close();
            }
        }
        assertTrue(savedMidStep > 0, "some cut fell inside the failover step");
    }

    @Test
    void aPowerOffSavedBeforeTheClusterNoticedItStillFailsOverAndTheGuardStillSkips() {
        Lab original = monitored();
        original.clock().advance(Duration.ofSeconds(150));
        MonitorStation.of(original).faults().injectHost(FaultLocation.POWER_OFF, "host1");
        original.clock().advance(Duration.ofSeconds(5));
        try (Lab loaded = saveLoadAndRunBoth(original, Duration.ofMinutes(10))) {
            assertEquals(history(original), history(loaded));
            assertEquals("host2", MonitorStation.of(loaded).server().owner(Seed001.VM).orElseThrow());
            assertEquals(ServiceState.RUNNING, MonitorStation.of(loaded).guests().serviceState(Seed001.VM));
            assertTrue(history(loaded).stream().anyMatch(e -> e.contains("ACTION_SKIPPED")), history(loaded).toString());
        } finally {
            original.close();
        }
    }

    @Test
    void aGuestClusterSavedMidFailoverFinishesIt() {
        Seed001.GuestClusterLab g = Seed001.guestCluster(1, SimClock.manual(Lab.DEFAULT_START));
        Lab original = g.lab();
        original.clock().advance(Duration.ofSeconds(10));
        MonitorStation.of(original).faults().injectVm(FaultLocation.APPLICATION, Seed001.VM1);
        original.clock().advance(Duration.ofSeconds(20));
        try (Lab loaded = saveLoadAndRunBoth(original, Duration.ofMinutes(2))) {
            GuestCluster a = g.cluster(), b = MonitorStation.of(loaded).guests().clusters().get(0);
            assertEquals(a.failovers(), b.failovers());
            assertEquals(1, b.failovers().size());
            assertEquals(Seed001.VM2, b.activeNode());
            assertEquals(ServiceState.RUNNING, MonitorStation.of(loaded).guests().serviceState(Seed001.VM2));
        } finally {
            original.close();
        }
    }

    @Test
    void aBadMonitorSectionIsRefusedNamingItsPath() throws Exception {
        Lab lab = monitored();
        Path f = dir.resolve("lab.json");
        lab.save(f);
        lab.close();
        ObjectNode root = (ObjectNode) JSON.readTree(f.toFile());
        ObjectNode section = (ObjectNode) root.path("providers").path(GuestProvider.class.getName());
        ((ObjectNode) section.path("monitor").path("bindings").get(0)).put("alarm", "GHOST");
        Files.writeString(f, JSON.writeValueAsString(root));
        HyperVException e = assertThrows(HyperVException.class, () -> Lab.load(f));
        assertTrue(e.getMessage().contains("monitor.bindings[0].alarm") && e.getMessage().contains("no alarm GHOST"), e.getMessage());
    }
}
