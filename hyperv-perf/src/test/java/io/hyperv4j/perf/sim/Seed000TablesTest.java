package io.hyperv4j.perf.sim;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.sampler.CounterSampler;
import io.hyperv4j.perf.sampler.SamplingClock;
import io.hyperv4j.perf.sampler.Statistics;
import io.hyperv4j.perf.sampler.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seed 000's SAN- and network-transfer tables from the standalone model ({@link Seed000Workloads}'s
 * scenarios, which the exports, alarms and examples use without a lab), sampled every second over
 * each move (console start to end) and averaged, as the paper did. The tables' acceptance is on the
 * simulator's real moves: examples' {@code Seed000LiveMigrationCountersTest} (Tables 4-2, 4-3) and
 * {@code Seed000TransferCountersTest} (4-5, 4-6, 4-8, 4-9) sample the lab's hosts through
 * {@link LabCounterSource} while the cluster or the management server moves the VM. Tolerance: 0.1 %
 * of the paper's value, or 0.02 in the paper's display unit (%, MB, ms, bytes/s) for values near zero.
 */
class Seed000TablesTest {
    static final long T0 = 1_277_942_400_000L; // 2010-07-01T00:00:00Z

    /** Paper order: % Guest, % Hypervisor, % Total, % Committed, Available MB, Pages/sec, sec/Write (ms), sec/Read (ms), NIC Bytes Total/sec, OQL, vNIC received, vNIC sent. */
    static final double[] T4_5 = Seed000Workloads.TABLE_4_5.stream().mapToDouble(Double::doubleValue).toArray();
    static final double[] T4_6 = Seed000Workloads.TABLE_4_6.stream().mapToDouble(Double::doubleValue).toArray();
    static final double[] T4_8 = Seed000Workloads.TABLE_4_8.stream().mapToDouble(Double::doubleValue).toArray();
    static final double[] T4_9 = Seed000Workloads.TABLE_4_9.stream().mapToDouble(Double::doubleValue).toArray();

    static List<double[]> sampleMeans(Seed000Workloads.Scenario s) {
        VirtualClock clock = SamplingClock.virtual(s.startMillis());
        List<CounterPath> paths = new ArrayList<>(Seed000Workloads.paperCounters(s.source().name()));
        paths.addAll(Seed000Workloads.paperCounters(s.destination().name()));
        try (CounterSampler sampler = CounterSampler.builder()
                .source(new SimulatedCounterSource(s.source(), clock))
                .source(new SimulatedCounterSource(s.destination(), clock))
                .counters(paths).interval(Duration.ofSeconds(1)).duration(s.window()).clock(clock).build()) {
            assertEquals(s.window().toSeconds(), sampler.run().size());
            Map<CounterPath, Statistics> stats = sampler.statistics();
            double[] src = new double[12], dst = new double[12];
            List<CounterPath> order = sampler.counters();
            for (int i = 0; i < 12; i++) {
                src[i] = display(i, stats.get(order.get(i)));
                dst[i] = display(i, stats.get(order.get(12 + i)));
            }
            return List.of(src, dst);
        }
    }

    static double display(int row, Statistics st) {
        assertTrue(st.hasValues(), "row " + row + " has no values");
        assertEquals(0, st.unavailable(), "row " + row + " had unavailable samples");
        return Seed000Workloads.inPaperUnit(row, st.mean());
    }

    static void assertTable(String name, double[] paper, double[] measured) {
        Seed000Workloads.tableMismatch(paper, measured).ifPresent(report -> fail(name + report));
        // the paper's invariant: % Total Run Time = % Guest Run Time + % Hypervisor Run Time
        assertEquals(measured[0] + measured[1], measured[2], 1e-6, name + " run-time invariant");
    }

    @Test
    void sanTransferReproducesTables4_5And4_6() {
        List<double[]> m = sampleMeans(Seed000Workloads.sanTransfer(T0));
        assertTable("Table 4-5", T4_5, m.get(0));
        assertTable("Table 4-6", T4_6, m.get(1));
    }

    @Test
    void networkTransferReproducesTables4_8And4_9() {
        List<double[]> m = sampleMeans(Seed000Workloads.networkTransfer(T0));
        assertTable("Table 4-8", T4_8, m.get(0));
        assertTable("Table 4-9", T4_9, m.get(1));
    }

    @Test
    void theToleranceIsATenthOfAPercentOrTwoHundredthsNearZero() {
        assertTrue(Seed000Workloads.tableMismatch(new double[] {1000, 0}, new double[] {1001, 0.02}).isEmpty());
        String report = Seed000Workloads.tableMismatch(new double[] {1000, 0}, new double[] {1001.5, 0.03}).orElseThrow();
        assertEquals(2, report.split("<-- off", -1).length - 1, report);
        assertThrows(IllegalArgumentException.class, () -> Seed000Workloads.tableMismatch(new double[2], new double[3]));
    }

    @Test
    void theMovesTakeThePapersTimes() {
        assertEquals(73_000, Seed000Workloads.liveMigration(T0).window().toMillis());
        assertEquals(1_000, Seed000Workloads.liveMigration(T0).outage().toMillis());
        assertEquals(105_300, Seed000Workloads.sanTransfer(T0).window().toMillis());
        assertEquals(26_000, Seed000Workloads.sanTransfer(T0).outage().toMillis());
        assertEquals(945_700, Seed000Workloads.networkTransfer(T0).window().toMillis());
        assertEquals(45_700, Seed000Workloads.networkTransfer(T0).outage().toMillis());
    }
}
