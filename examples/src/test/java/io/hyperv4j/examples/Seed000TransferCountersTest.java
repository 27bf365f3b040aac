package io.hyperv4j.examples;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.job.Operation;
import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.sampler.CounterSampler;
import io.hyperv4j.perf.sampler.SamplingClock;
import io.hyperv4j.perf.sampler.Statistics;
import io.hyperv4j.perf.sim.LabCounterSource;
import io.hyperv4j.perf.sim.Seed000Workloads;
import io.hyperv4j.scvmm.MigrationMethod;
import io.hyperv4j.scvmm.MoveResult;
import io.hyperv4j.scvmm.VirtualMachineManager;
import io.hyperv4j.scvmm.sim.VmmTemplates;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimActivity;
import io.hyperv4j.sim.SimClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seed 000's SAN-transfer (Tables 4-5 source, 4-6 destination) and network-transfer (4-8, 4-9)
 * counter tables, reproduced by sampling both simulated hosts every second while the simulated
 * management server really moves the 6 GB SQL Server VM from host1 to host2, averaged from the
 * console's start to its end as the paper did. The counter model sees the move only through the lab
 * (VM states and the transfer phases on the activity log, at the rates the lab's storage model and
 * fabric give them). Tolerance: 0.1 % of the paper's value, or 0.02 in its display unit
 * ({@code Seed000Workloads.tableMismatch}). The default thresholds raise the alarms the paper
 * reports (§5.4) over the same windows.
 */
class Seed000TransferCountersTest {
    /** Paper order (Seed000Workloads.paperCounters). */
    static final double[] T4_5 = Seed000Workloads.TABLE_4_5.stream().mapToDouble(Double::doubleValue).toArray();
    static final double[] T4_6 = Seed000Workloads.TABLE_4_6.stream().mapToDouble(Double::doubleValue).toArray();
    static final double[] T4_8 = Seed000Workloads.TABLE_4_8.stream().mapToDouble(Double::doubleValue).toArray();
    static final double[] T4_9 = Seed000Workloads.TABLE_4_9.stream().mapToDouble(Double::doubleValue).toArray();

    /** Where the save's writes and the restore's reads land: the LU, which the paper did not measure. */
    static final CounterPath LU_WRITES = CounterPath.parse("\\PhysicalDisk(" + Seed000Workloads.SHARED_DISK + ")\\Disk Write Bytes/sec").withMachine("host1");
    static final CounterPath LU_READS = CounterPath.parse("\\PhysicalDisk(" + Seed000Workloads.SHARED_DISK + ")\\Disk Read Bytes/sec").withMachine("host2");
    static final CounterPath COPY_SENT = CounterPath.parse("\\Network Interface(Management Network)\\Bytes Sent/sec").withMachine("host1");
    static final CounterPath COPY_RECEIVED = CounterPath.parse("\\Network Interface(Management Network)\\Bytes Received/sec").withMachine("host2");

    /** One sampled move: the console's result and each counter's statistics over its start to end. */
    record Sampled(MoveResult result, Map<CounterPath, Statistics> window, double copiedBytes) {
        double[] table(String host) {
            return paperTable(window, host);
        }
    }

    /** The paper's twelve counters of {@code host} in its display units, each with a value every sample. */
    static double[] paperTable(Map<CounterPath, Statistics> window, String host) {
        List<CounterPath> order = Seed000Workloads.paperCounters(host);
        double[] out = new double[12];
        for (int i = 0; i < 12; i++) {
            Statistics st = window.get(order.get(i));
            assertTrue(st.hasValues(), order.get(i) + " has no values");
            assertEquals(0, st.unavailable(), order.get(i) + " had unavailable samples");
            out[i] = Seed000Workloads.inPaperUnit(i, st.mean());
        }
        return out;
    }

    static Sampled move(MigrationMethod method) throws InterruptedException {
        boolean san = method == MigrationMethod.SAN;
        try (Lab lab = VmmTemplates.seed000(0, SimClock.virtual(Lab.DEFAULT_START)); HyperVHost host1 = lab.connect("host1")) {
            LabCounterSource source = Seed000Workloads.transferHost(lab, "host1", san, true);
            LabCounterSource destination = Seed000Workloads.transferHost(lab, "host2", san, false);
            List<CounterPath> paths = new ArrayList<>(Seed000Workloads.paperCounters("host1"));
            paths.addAll(Seed000Workloads.paperCounters("host2"));
            paths.addAll(List.of(LU_WRITES, LU_READS, COPY_SENT, COPY_RECEIVED));
            SamplingClock clock = source.clock();
            try (CounterSampler sampler = CounterSampler.builder().source(source).source(destination).counters(paths)
                    .interval(Duration.ofSeconds(1)).continuous().clock(clock).build()) {
                sampler.prime();
                Operation<MoveResult> op = host1.capability(VirtualMachineManager.class).move(VmmTemplates.VM, "host2", method);
                // one collection a second on the lab's virtual clock, which runs the transfer as it goes
                for (int s = 0; s < 2_000 && !op.isDone(); s++) {
                    clock.sleepUntil(clock.millis() + 1000);
                    sampler.tick();
                }
                MoveResult r = op.await(Duration.ofSeconds(5));
                // what the published copies carried, at the rates the lab's fabric gave them
                double copied = lab.activities().activeFrom(r.started()).stream()
                        .filter(a -> a.kind().startsWith(SimActivity.NETWORK_TRANSFER))
                        .mapToDouble(a -> a.bytesPerSecond() * Duration.between(a.start(), a.end()).toNanos() / 1e9).sum();
                return new Sampled(r, sampler.statistics(r.started().toEpochMilli(), r.ended().toEpochMilli()), copied);
            }
        }
    }

    /** Both hosts' tables against the paper's, every row reported when one is off. */
    static void assertTables(String source, double[] sourcePaper, double[] sourceMeasured, String destination, double[] destinationPaper,
                             double[] destinationMeasured) {
        String report = Seed000Workloads.tableMismatch(sourcePaper, sourceMeasured).map(r -> source + r + "\n").orElse("")
                + Seed000Workloads.tableMismatch(destinationPaper, destinationMeasured).map(r -> destination + r).orElse("");
        if (!report.isEmpty()) fail(report);
        assertEquals(sourceMeasured[0] + sourceMeasured[1], sourceMeasured[2], 1e-6, source + " run-time invariant");
        assertEquals(destinationMeasured[0] + destinationMeasured[1], destinationMeasured[2], 1e-6, destination + " run-time invariant");
    }

    /** What the default (seed 000) thresholds raise over the paper's counters of both hosts: "source RULE" or "destination RULE" (§5.4). */
    static java.util.Set<String> alarms(Sampled m) {
        io.hyperv4j.perf.judge.ThresholdEvaluator judge = new io.hyperv4j.perf.judge.ThresholdEvaluator(io.hyperv4j.perf.judge.ThresholdRules.seed000(),
                host -> new io.hyperv4j.perf.judge.HostFacts(host, 8192, 4_000_000_000L));
        Map<CounterPath, Statistics> paper = new java.util.LinkedHashMap<>();
        for (String host : List.of("host1", "host2")) for (CounterPath p : Seed000Workloads.paperCounters(host)) paper.put(p, m.window().get(p));
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (io.hyperv4j.perf.judge.Finding f : judge.evaluate(paper))
            out.add((f.counter().machine().equalsIgnoreCase("host1") ? "source " : "destination ") + f.rule().id());
        return out;
    }

    static double bytes(Statistics st) {
        return st.mean() * st.count(); // each sample is the rate over its second
    }

    @Test
    void theSimulatedSanTransferReproducesTables4_5And4_6() throws InterruptedException {
        Sampled m = move(MigrationMethod.SAN);
        assertEquals(MigrationMethod.SAN, m.result().method());
        assertEquals(105.3, m.result().total().toMillis() / 1000.0, 105.3 * 0.02, "console start to end, as the paper's 105.3 s");
        double state = 6144.0 * 1048576;
        assertEquals(state, bytes(m.window().get(LU_WRITES)), state * 0.01, "host1 saved the VM's memory to the LU");
        assertEquals(state, bytes(m.window().get(LU_READS)), state * 0.01, "host2 restored it from the LU");
        assertTables("Table 4-5 (host1, source)", T4_5, m.table("host1"), "Table 4-6 (host2, destination)", T4_6, m.table("host2"));
        assertEquals(java.util.Set.of(), alarms(m), "the paper's SAN transfer raises no alarm");
    }

    @Test
    void theSimulatedNetworkTransferReproducesTables4_8And4_9() throws InterruptedException {
        Sampled m = move(MigrationMethod.NETWORK);
        assertEquals(945.7, m.result().total().toMillis() / 1000.0, 945.7 * 0.02, "console start to end, as the paper's 945.7 s");
        double sent = bytes(m.window().get(COPY_SENT)), received = bytes(m.window().get(COPY_RECEIVED));
        assertTrue(m.copiedBytes() > 17e9, "the VHD and snapshot crossed: " + m.copiedBytes());
        assertEquals(m.copiedBytes(), sent, m.copiedBytes() * 0.001, "host1 sent what the copies carried");
        assertEquals(m.copiedBytes(), received, m.copiedBytes() * 0.001, "host2 received it");
        assertTables("Table 4-8 (host1, source)", T4_8, m.table("host1"), "Table 4-9 (host2, destination)", T4_9, m.table("host2"));
        assertEquals(java.util.Set.of("source memory.pages", "source disk.read-latency", "destination disk.write-latency"), alarms(m),
                "the paper's network transfer pages and reads slowly on the source, writes slowly on the destination");
    }
}
