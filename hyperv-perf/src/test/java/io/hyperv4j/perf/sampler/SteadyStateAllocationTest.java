package io.hyperv4j.perf.sampler;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.management.ThreadMXBean;
import io.hyperv4j.perf.sim.Seed000Workloads;
import io.hyperv4j.perf.sim.SimulatedCounterSource;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** A sampler tick in steady state allocates nothing: measured with the JVM's per-thread allocation counter. */
class SteadyStateAllocationTest {

    static long allocatedBy(Runnable r) {
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        r.run();
        return mx.getThreadAllocatedBytes(id) - before;
    }

    @Test
    void tickingSimulatedHostsAllocatesNothing() {
        Seed000Workloads.Scenario s = Seed000Workloads.networkTransfer(1_277_942_400_000L);
        VirtualClock clock = SamplingClock.virtual(s.startMillis());
        CounterSampler sampler = CounterSampler.builder().clock(clock).windowCapacity(16)
                .source(new SimulatedCounterSource(s.source(), clock)).source(new SimulatedCounterSource(s.destination(), clock))
                .counters("\\*(*)\\*", "\\Memory\\*").build();
        assertTrue(sampler.counters().size() > 300, "counters: " + sampler.counters().size());
        sampler.prime();
        Runnable hundredTicks = () -> {
            for (int i = 0; i < 100; i++) {
                clock.advance(1000);
                sampler.tick();
            }
        };
        hundredTicks.run();
        hundredTicks.run();
        long baseline = allocatedBy(() -> { });
        baseline = allocatedBy(() -> { }); // what measuring itself costs
        long bytes = allocatedBy(hundredTicks) - baseline;
        assertEquals(0, bytes, "bytes allocated by 100 ticks of " + sampler.counters().size() + " counters");
    }
}
