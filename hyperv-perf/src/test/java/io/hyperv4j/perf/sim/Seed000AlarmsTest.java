package io.hyperv4j.perf.sim;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.judge.Finding;
import io.hyperv4j.perf.judge.HostFacts;
import io.hyperv4j.perf.judge.ThresholdEvaluator;
import io.hyperv4j.perf.judge.ThresholdRules;
import io.hyperv4j.perf.sampler.CounterSampler;
import io.hyperv4j.perf.sampler.SamplingClock;
import io.hyperv4j.perf.sampler.Statistics;
import io.hyperv4j.perf.sampler.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Alarms raised as samples stream in (the AlarmManager and its listeners) over the standalone
 * model's network transfer. Which alarms the default (seed 000) thresholds raise for each move, as
 * the paper reports (§5.4), is checked on the simulator's real moves: examples'
 * {@code Seed000TransferCountersTest} and {@code Seed000LiveMigrationCountersTest}.
 */
class Seed000AlarmsTest {
    static final long T0 = Seed000TablesTest.T0;

    @Test
    void liveAlarmsOverTheStreamRaiseTheSameAndListenersSeeThem() {
        Seed000Workloads.Scenario s = Seed000Workloads.networkTransfer(T0);
        VirtualClock clock = SamplingClock.virtual(s.startMillis());
        List<CounterPath> paths = new ArrayList<>(Seed000Workloads.paperCounters(s.source().name()));
        paths.addAll(Seed000Workloads.paperCounters(s.destination().name()));
        io.hyperv4j.perf.judge.AlarmManager alarms = new io.hyperv4j.perf.judge.AlarmManager(ThresholdRules.seed000(),
                host -> new HostFacts(host, 8192, 4_000_000_000L), 5, 5, 0.1);
        List<String> raised = new ArrayList<>();
        alarms.addListener(e -> raised.add(e.kind() + " " + e.counter().machine() + " " + e.rule().id() + " at +"
                + (e.time().toEpochMilli() - s.startMillis()) / 1000 + "s"));
        try (CounterSampler sampler = CounterSampler.builder()
                .source(new SimulatedCounterSource(s.source(), clock))
                .source(new SimulatedCounterSource(s.destination(), clock))
                .counters(paths).interval(Duration.ofSeconds(1)).duration(s.window()).clock(clock).build()) {
            assertTrue(sampler.stream(alarms).await(Duration.ofSeconds(30)));
        }
        // sustained for 5 samples: raised at the fifth second, and the copy never lets up
        assertEquals(List.of("RAISED HOST1 memory.pages at +5s", "RAISED HOST1 disk.read-latency at +5s",
                "RAISED HOST4 disk.write-latency at +5s"), raised);
        assertEquals(3, alarms.active().size());
    }
}
