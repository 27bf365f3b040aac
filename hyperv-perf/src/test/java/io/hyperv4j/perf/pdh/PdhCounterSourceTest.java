package io.hyperv4j.perf.pdh;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.PdhStatus;
import io.hyperv4j.perf.PerfException;
import io.hyperv4j.perf.sampler.CounterSampler;
import io.hyperv4j.perf.sampler.SampleView;
import io.hyperv4j.perf.sampler.SamplingClock;
import io.hyperv4j.wmi.WithoutJna;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class PdhCounterSourceTest {

    @Test
    void pathsForPdhAddEnglishCounter() {
        CounterPath p = CounterPath.parse("\\PhysicalDisk(0 C:)\\Avg. Disk sec/Read");
        assertEquals("\\PhysicalDisk(0 C:)\\Avg. Disk sec/Read", PdhPaths.englishPath(p, "."));
        assertEquals("\\PhysicalDisk(0 C:)\\Avg. Disk sec/Read", PdhPaths.englishPath(p, "localhost"));
        assertEquals("\\\\HV1\\PhysicalDisk(0 C:)\\Avg. Disk sec/Read", PdhPaths.englishPath(p, "HV1"));
        assertTrue(PdhPaths.isHostUnreachable(PdhStatus.NO_MACHINE));
        assertTrue(PdhPaths.isHostUnreachable(PdhStatus.CANNOT_CONNECT_MACHINE));
        assertFalse(PdhPaths.isHostUnreachable(PdhStatus.NO_INSTANCE));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void elsewhereItLoadsButRefusesToOpen() {
        PdhCounterSource s = new PdhCounterSource("HV1");
        assertEquals("HV1", s.host());
        PerfException e = assertThrows(PerfException.class, () -> s.open(List.of()));
        assertTrue(e.getMessage().contains("only available on Windows"));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void withoutJnaItStillLoadsAndRefusesClearly() throws Exception {
        try (WithoutJna loader = new WithoutJna()) {
            Throwable e = loader.thrownBy(PdhCounterSourceTest.class.getName(), "openOn", new Class<?>[]{String.class}, "HV1");
            assertNotNull(e);
            assertEquals(PerfException.class.getName(), e.getClass().getName(), String.valueOf(e));
            assertTrue(e.getMessage().contains("only available on Windows"), e.getMessage());
        }
    }

    /** Runs inside {@link WithoutJna}: constructs and opens a source the way an application would. */
    static void openOn(String host) {
        new PdhCounterSource(host).open(List.of());
    }

    @Test
    @EnabledOnOs(OS.WINDOWS)
    void readsThisComputersCounters() {
        CounterSampler sampler = CounterSampler.builder().source(new PdhCounterSource("."))
                .counters("\\Processor(_Total)\\% Processor Time", "\\Memory\\Available MBytes")
                .interval(Duration.ofMillis(200)).samples(2).clock(SamplingClock.system()).build();
        sampler.prime();
        SampleView v = sampler.tick();
        assertEquals(0, v.status(1));
        assertTrue(v.value(1) > 0);
    }
}
