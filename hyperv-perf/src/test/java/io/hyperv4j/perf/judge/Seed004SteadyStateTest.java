package io.hyperv4j.perf.judge;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.sampler.CounterSampler;
import io.hyperv4j.perf.sampler.SamplingClock;
import io.hyperv4j.perf.sampler.Statistics;
import io.hyperv4j.perf.sampler.VirtualClock;
import io.hyperv4j.perf.sim.Background;
import io.hyperv4j.perf.sim.Seed000Workloads;
import io.hyperv4j.perf.sim.HostModel;
import io.hyperv4j.perf.sim.SimulatedCounterSource;
import io.hyperv4j.perf.sim.Transfer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seed 004's way of judging: sample every 10 s over an 8-hour load, drop the first 2 hours (the
 * login storm) and the last hour, and judge the 5-hour steady state against its thresholds.
 */
class Seed004SteadyStateTest {
    static final long T0 = 1_300_000_000_000L;
    static final long HOUR = 3_600_000;

    @Test
    void theLoginStormBreachesOnlyWhenTheSteadyStateIsNotSeparated() {
        HostModel host = new HostModel(Seed000Workloads.paperHost("HYPR1"), T0 - HOUR);
        int db = host.spec().diskIndex(Seed000Workloads.SHARED_DISK);
        // steady state: 300 IOPS at 15 ms keep 4.5 requests queued; the storm adds 400 IOPS at 40 ms (16 more)
        host.add(new Background().cpu(1.2, 0.1).memory(4096, 3000, 20).disk(db, 200, 0.015, 100, 0.015));
        host.add(new Transfer("login storm", T0, T0 + 2 * HOUR).read(db, 400, 8192, 0.040));
        VirtualClock clock = SamplingClock.virtual(T0);
        CounterSampler s = CounterSampler.builder().source(new SimulatedCounterSource(host, clock)).clock(clock)
                .counters("\\PhysicalDisk(1 E:)\\Avg. Disk Queue Length", "\\Memory\\Available MBytes")
                .interval(Duration.ofSeconds(10)).duration(Duration.ofHours(8)).windowCapacity(3000).build();
        assertEquals(8 * 360, s.run().size());
        ThresholdEvaluator judge = new ThresholdEvaluator(ThresholdRules.seed004(Map.of("1 E:", 6, "0 C:", 4)),
                h -> new HostFacts(h, 8192, 4_000_000_000L));

        Map<CounterPath, Statistics> whole = s.statistics();
        Map<CounterPath, Statistics> steady = s.statistics(T0 + 2 * HOUR + 1, T0 + 7 * HOUR);
        Statistics q = steady.get(s.counters().get(0));
        assertEquals(5 * 360, q.count());
        assertEquals(4.5, q.mean(), 1e-9);
        assertEquals((2 * 20.5 + 6 * 4.5) / 8, whole.get(s.counters().get(0)).mean(), 1e-9);

        List<Finding> all = judge.evaluate(whole);
        assertEquals(List.of("disk.queue.1 E:"), all.stream().map(f -> f.rule().id()).toList());
        assertEquals(8.0, all.get(0).limit());
        assertTrue(judge.evaluate(steady).isEmpty());
        assertThrows(io.hyperv4j.perf.PerfException.class, () -> s.statistics(T0 + HOUR, T0));
    }
}
