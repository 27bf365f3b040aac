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

    private static final String VP = "Hyper-V Hypervisor Virtual Processor";

    @Test
    void machineNamesCarryTheirLeadingBackslashesAndLocalNamesNone() {
        assertNull(PdhPaths.machineName(null));
        assertNull(PdhPaths.machineName("."));
        assertNull(PdhPaths.machineName("LocalHost"));
        assertEquals("\\\\HV1", PdhPaths.machineName("HV1"));
        assertEquals("\\\\HV1", PdhPaths.machineName("\\\\HV1"), "not doubled");
        assertEquals(List.of("vm1:Hv VP 0", "_Total"), PdhPaths.multiSz("vm1:Hv VP 0\0_Total\0\0junk".toCharArray(), 22));
    }

    @Test
    void aRemoteHostIsEnumeratedByItsBackslashedName() {
        FakePdh pdh = new FakePdh();
        pdh.set("\\\\HV1", VP, "vm1:Hv VP 0", "_Total");
        assertEquals(List.of("vm1:Hv VP 0", "_Total"), new PdhCounterSource("HV1", pdh).instances(VP));
        assertTrue(pdh.calls.contains("PdhEnumObjectItemsW \\\\HV1 " + VP), pdh.calls.toString());
    }

    @Test
    void localhostIsThisComputerForEnumerationToo() {
        FakePdh pdh = new FakePdh();
        pdh.set(null, VP, "vm1:Hv VP 0");
        assertEquals(List.of("vm1:Hv VP 0"), new PdhCounterSource("localhost", pdh).instances(VP));
        assertEquals(List.of("vm1:Hv VP 0"), new PdhCounterSource(".", pdh).instances(VP));
    }

    @Test
    void aLongRunningSourceSeesInstancesCreatedAfterItsFirstEnumeration() {
        FakePdh pdh = new FakePdh();
        pdh.set("\\\\HV1", VP, "vm1:Hv VP 0");
        PdhCounterSource source = new PdhCounterSource("HV1", pdh);
        assertEquals(List.of("vm1:Hv VP 0"), source.instances(VP));
        pdh.set("\\\\HV1", VP, "vm1:Hv VP 0", "vm2:Hv VP 0"); // a VM started since
        assertEquals(List.of("vm1:Hv VP 0", "vm2:Hv VP 0"), source.instances(VP));
        assertEquals(2, pdh.calls.stream().filter(c -> c.equals("PdhEnumObjectsW \\\\HV1 refresh=1")).count(),
                "each enumeration refreshes PDH's object cache first: " + pdh.calls);
    }

    @Test
    void anUnreachableHostIsTypedAsSuch() {
        FakePdh pdh = new FakePdh();
        assertThrows(io.hyperv4j.perf.source.HostUnavailableException.class, () -> new PdhCounterSource("HV9", pdh).instances(VP));
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
            Throwable e = loader.thrownBy(AsAnApplication.class.getName(), "openOn", new Class<?>[]{String.class}, "HV1");
            assertNotNull(e);
            assertEquals(PerfException.class.getName(), e.getClass().getName(), String.valueOf(e));
            assertTrue(e.getMessage().contains("only available on Windows"), e.getMessage());
        }
    }

    /**
     * Runs inside {@link WithoutJna}: a class of its own, because loading this test class there
     * would make the verifier load the fakes, which implement JNA interfaces.
     */
    static final class AsAnApplication {
        /** Constructs and opens a source the way an application would. */
        static void openOn(String host) {
            new PdhCounterSource(host).open(List.of());
        }
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

    @Test
    @EnabledOnOs(OS.WINDOWS)
    void listsThisComputersProcessorInstancesByLocalhost() {
        List<String> instances = new PdhCounterSource("localhost").instances("Processor");
        assertTrue(instances.contains("_Total"), instances.toString());
        assertEquals(instances, new PdhCounterSource(".").instances("Processor"));
    }
}
