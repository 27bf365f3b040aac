package io.hyperv4j.perf;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.perf.sampler.CounterSample;
import io.hyperv4j.perf.sampler.CounterSampleSet;
import io.hyperv4j.perf.sampler.CounterSampler;
import io.hyperv4j.perf.source.CounterSource;
import io.hyperv4j.sim.Lab;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every host has counters, the source chosen for it: here a simulated host's, on its lab's clock. */
class CounterCapabilityTest {

    @Test
    void aSimulatedHostsCountersSampleOnTheLabsClock() {
        try (Lab lab = Lab.fromTemplate("standalone"); HyperVHost host = lab.connect(Lab.DEFAULT_HOST)) {
            CounterSource counters = host.capability(CounterSource.class);
            assertSame(counters, host.capability(CounterSource.class), "one source per host");
            assertEquals(host.name(), counters.host());
            Instant start = lab.clock().now();
            List<CounterSampleSet> sets = CounterSampler.builder().source(counters)
                    .counters("\\Memory\\Available MBytes", "\\Hyper-V Hypervisor Logical Processor(_Total)\\% Total Run Time")
                    .interval(Duration.ofSeconds(1)).samples(10).build().run();
            assertEquals(10, sets.size());
            long installed = lab.read(Duration.ofSeconds(5), () -> lab.host(Lab.DEFAULT_HOST).memoryMb());
            for (CounterSampleSet set : sets) {
                CounterSample memory = set.counterSamples().get(0), cpu = set.counterSamples().get(1);
                assertTrue(memory.isValid() && memory.cookedValue() > 0 && memory.cookedValue() < installed, memory.toString());
                assertTrue(cpu.isValid() && cpu.cookedValue() > 0 && cpu.cookedValue() <= 100, cpu.toString());
            }
            assertTrue(Duration.between(start, lab.clock().now()).compareTo(Duration.ofSeconds(10)) >= 0,
                    "ten one-second samples passed ten seconds of the lab's time, not the wall clock's");
        }
    }
}
