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
        int ticks = 1000;
        Runnable manyTicks = () -> {
            for (int i = 0; i < ticks; i++) {
                clock.advance(1000);
                sampler.tick();
            }
        };
        for (int warm = 0; warm < 3; warm++) manyTicks.run(); // let the JIT settle first: its compiles allocate on this thread
        long baseline = allocatedBy(() -> { });
        baseline = allocatedBy(() -> { }); // what measuring itself costs
        long bytes = allocatedBy(manyTicks) - baseline;
        // one object per tick would be at least 16 bytes a tick; under a byte a tick means none
        // (the JVM may allocate a few bytes now and then on this thread, e.g. when it compiles)
        assertTrue(bytes < ticks, bytes + " bytes allocated by " + ticks + " ticks of " + sampler.counters().size() + " counters");
    }
}
