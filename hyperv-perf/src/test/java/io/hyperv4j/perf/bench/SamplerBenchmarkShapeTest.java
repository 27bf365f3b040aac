package io.hyperv4j.perf.bench;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.perf.sampler.SampleView;
import org.junit.jupiter.api.Test;

/** The benchmark measures what docs/perf.md says it does: over 10,000 counters, with real values. */
class SamplerBenchmarkShapeTest {
    @Test
    void theBenchmarkSamplesMoreThanTenThousandCounters() {
        SamplerBenchmark b = new SamplerBenchmark();
        b.setUp();
        assertEquals(12_732, b.simulated.counters().size());
        assertEquals(10_000, b.bare.counters().size());
        b.tickSimulatedHosts();
        b.clock.advance(1000);
        SampleView v = b.simulated.tick();
        int valid = 0;
        for (int i = 0; i < v.size(); i++) if (v.status(i) == 0) valid++;
        assertTrue(valid > 9_000, "valid values: " + valid);
    }
}
