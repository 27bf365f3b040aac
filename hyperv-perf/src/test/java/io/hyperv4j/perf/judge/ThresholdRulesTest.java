package io.hyperv4j.perf.judge;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.PerfException;
import io.hyperv4j.perf.sampler.Statistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdRulesTest {
    static final HostFacts PAPER_HOST = new HostFacts("H", 8192, 4_000_000_000L);

    static List<Finding> judge(String path, double mean) {
        Map<CounterPath, Statistics> w = new LinkedHashMap<>();
        w.put(CounterPath.parse("\\\\H" + path), Statistics.of(mean));
        return new ThresholdEvaluator(ThresholdRules.seed000(), h -> PAPER_HOST).evaluate(w);
    }

    @Test
    void thePapersWorkedNumbers() {
        // digest §7.7 scenario 9
        assertTrue(judge("\\Network Interface(Client)\\Bytes Total/sec", 45568.20).isEmpty()); // 0.0091 % of 4 Gbps
        assertTrue(judge("\\Memory\\Available MBytes", 3291.56).isEmpty()); // 40.18 % free
        assertTrue(judge("\\Memory\\Available MBytes", 1825.69).isEmpty()); // 22.29 % free
        assertEquals("memory.pages", judge("\\Memory\\Pages/sec", 14096.10).get(0).rule().id());
        assertTrue(judge("\\Memory\\Pages/sec", 137.41).isEmpty());
        assertTrue(judge("\\Hyper-V Hypervisor Logical Processor(_Total)\\% Total Run Time", 23.59).isEmpty());
        assertTrue(judge("\\Network Interface(Client)\\Output Queue Length", 0.0).isEmpty());
    }

    @Test
    void limitsAtTheBoundary() {
        assertEquals(1, judge("\\Hyper-V Hypervisor Logical Processor(_Total)\\% Total Run Time", 60).size());
        assertTrue(judge("\\Hyper-V Hypervisor Logical Processor(_Total)\\% Total Run Time", 59.99).isEmpty());
        assertEquals(Severity.CRITICAL, judge("\\Memory\\% Committed Bytes In Use", 90).get(0).severity());
        assertEquals(1, judge("\\Memory\\Available MBytes", 819.2).size()); // 10 % of 8192
        assertTrue(judge("\\Memory\\Available MBytes", 819.3).isEmpty());
        assertEquals(1, judge("\\PhysicalDisk(0 C:)\\Avg. Disk sec/Read", 0.015).size());
        assertTrue(judge("\\PhysicalDisk(0 C:)\\Avg. Disk sec/Write", 0.0149).isEmpty());
        assertEquals(1, judge("\\Network Interface(Client)\\Bytes Total/sec", 205_000_000).size()); // 41 % of 500 MB/s
        assertTrue(judge("\\Network Interface(Client)\\Bytes Total/sec", 204_999_999).isEmpty());
        assertTrue(judge("\\Network Interface(Client)\\Output Queue Length", 1).isEmpty());
        assertEquals(List.of(Severity.WARNING), judge("\\Network Interface(Client)\\Output Queue Length", 1.5).stream().map(Finding::severity).toList());
        assertEquals(List.of(Severity.WARNING, Severity.CRITICAL), judge("\\Network Interface(Client)\\Output Queue Length", 2.5).stream().map(Finding::severity).toList());
    }

    @Test
    void rulesAreConfigurable() {
        ThresholdRules r = ThresholdRules.seed000()
                .with(ThresholdRules.parse("network.utilisation \\Network Interface(*)\\Bytes Total/sec >= 40% bandwidth warning"))
                .with(ThresholdRules.parse("custom.lp \\Hyper-V Hypervisor Logical Processor(*)\\% Total Run Time > 80 critical"))
                .without("memory.pages");
        assertEquals(Limit.fractionOfBandwidthBytesPerSecond(0.40).value(PAPER_HOST),
                r.rules().stream().filter(x -> x.id().equals("network.utilisation")).findFirst().orElseThrow().limit().value(PAPER_HOST));
        assertTrue(r.rules().stream().noneMatch(x -> x.id().equals("memory.pages")));
        ThresholdRule avail = ThresholdRules.parse("low.mem \\Memory\\Available MBytes <= 5% memory warning");
        assertEquals(409.6, avail.limit().value(PAPER_HOST), 1e-9);
        assertEquals(Comparison.AT_MOST, avail.comparison());
    }

    @Test
    void badRulesAreRefusedWithTheReason() {
        assertTrue(assertThrows(PerfException.class, () -> ThresholdRules.parse("x \\Memory\\Pages/sec is 500 warning"))
                .getMessage().contains("no comparison"));
        assertTrue(assertThrows(PerfException.class, () -> ThresholdRules.parse("x \\Memory\\Pages/sec >= lots warning"))
                .getMessage().contains("not a number"));
        assertTrue(assertThrows(PerfException.class, () -> ThresholdRules.parse("x \\Memory\\Pages/sec >= 5 dire"))
                .getMessage().contains("unknown severity"));
        assertThrows(PerfException.class, () -> ThresholdRules.seed000().without("nope"));
        assertThrows(PerfException.class, () -> ThresholdRules.of(List.of(ThresholdRules.parse("a \\Memory\\Pages/sec >= 1 warning"),
                ThresholdRules.parse("a \\Memory\\Pages/sec >= 2 warning"))));
    }

    @Test
    void unavailableCountersAreNotJudgedAsZero() {
        Map<CounterPath, Statistics> w = Map.of(CounterPath.parse("\\\\H\\Memory\\Available MBytes"), Statistics.of(Double.NaN, Double.NaN));
        assertTrue(new ThresholdEvaluator(ThresholdRules.seed000(), h -> PAPER_HOST).evaluate(w).isEmpty());
    }
}
