package io.hyperv4j.perf;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.perf.pdh.PdhCounterSource;
import io.hyperv4j.perf.source.CounterSource;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** On Windows the machine the program runs on gives PDH as its counters, found without the caller choosing. */
@EnabledOnOs(OS.WINDOWS)
class WindowsCounterCapabilityTest {
    @Test
    void theLocalHostsCountersArePdh() {
        try (HyperVHost host = HyperV.connect(URI.create("wmi://localhost"))) {
            CounterSource counters = host.capability(CounterSource.class);
            assertInstanceOf(PdhCounterSource.class, counters);
            assertFalse(counters.expand(CounterPath.parse("\\Processor(_Total)\\% Processor Time")).isEmpty());
        }
    }
}
