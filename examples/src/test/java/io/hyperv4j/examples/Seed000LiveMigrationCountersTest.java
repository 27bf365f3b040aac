package io.hyperv4j.examples;

import io.hyperv4j.HyperVHost;
import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.cluster.GroupInfo;
import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.cluster.sim.MigrationRecord;
import io.hyperv4j.cluster.sim.PaperClusters;
import io.hyperv4j.job.Operation;
import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.judge.Finding;
import io.hyperv4j.perf.judge.HostFacts;
import io.hyperv4j.perf.judge.ThresholdEvaluator;
import io.hyperv4j.perf.judge.ThresholdRules;
import io.hyperv4j.perf.sampler.CounterSampler;
import io.hyperv4j.perf.sampler.SamplingClock;
import io.hyperv4j.perf.sampler.Statistics;
import io.hyperv4j.perf.sim.LabCounterSource;
import io.hyperv4j.perf.sim.Seed000Workloads;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimActivity;
import io.hyperv4j.sim.SimClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Seed 000's live-migration counter tables (4-2 source, 4-3 destination), reproduced by sampling
 * both simulated hosts every second while the simulated cluster really live-migrates the 6 GB SQL
 * Server VM from host1 to host2, averaged from the console's start to its end as the paper did.
 * The counter model sees the move only through the lab (VM states and the activity log). Tolerance
 * as in hyperv-perf's Seed000TablesTest: 0.1 % of the paper's value, or 0.02 in its display unit.
 */
class Seed000LiveMigrationCountersTest {
    /** Paper order (Seed000Workloads.paperCounters): % Guest, % Hypervisor, % Total, % Committed, Available MB, Pages/sec, sec/Write (ms), sec/Read (ms), NIC Bytes Total/sec, OQL, vNIC received, vNIC sent. */
    static final double[] T4_2 = Seed000Workloads.TABLE_4_2.stream().mapToDouble(Double::doubleValue).toArray();
    static final double[] T4_3 = Seed000Workloads.TABLE_4_3.stream().mapToDouble(Double::doubleValue).toArray();

    static final CounterPath MIGRATION_SENT = CounterPath.parse("\\Network Interface(" + Seed000Workloads.MIGRATION_NIC + ")\\Bytes Sent/sec").withMachine("host1");
    static final CounterPath MIGRATION_RECEIVED = CounterPath.parse("\\Network Interface(" + Seed000Workloads.MIGRATION_NIC + ")\\Bytes Received/sec").withMachine("host2");

    Lab lab;
    HyperVHost node;
    CounterSampler sampler;
    MigrationRecord record;

    @BeforeEach
    void migrateWhileSampling() throws InterruptedException {
        lab = PaperClusters.seed000(0, SimClock.virtual(Lab.DEFAULT_START));
        node = lab.connect("host1");
        LabCounterSource host1 = Seed000Workloads.labHost(lab, "host1", true);
        LabCounterSource host2 = Seed000Workloads.labHost(lab, "host2", false);
        List<CounterPath> paths = new ArrayList<>(Seed000Workloads.paperCounters("host1"));
        paths.addAll(Seed000Workloads.paperCounters("host2"));
        paths.add(MIGRATION_SENT);
        paths.add(MIGRATION_RECEIVED);
        SamplingClock clock = host1.clock();
        sampler = CounterSampler.builder().source(host1).source(host2).counters(paths)
                .interval(Duration.ofSeconds(1)).continuous().clock(clock).build();
        sampler.prime();
        Operation<GroupInfo> move = node.capability(FailoverCluster.class).group("SQL Server").liveMigrate("host2");
        // one collection a second on the lab's virtual clock, which runs the migration as it goes
        for (int s = 0; s < 300 && ClusterLab.of(lab).history("hv-cluster").isEmpty(); s++) {
            clock.sleepUntil(clock.millis() + 1000);
            sampler.tick();
        }
        assertEquals("host2", move.await(Duration.ofSeconds(5)).ownerNode());
        record = ClusterLab.of(lab).history("hv-cluster").get(0);
        assertEquals("COMPLETED", record.outcome());
    }

    @AfterEach
    void close() {
        sampler.close();
        node.close();
        lab.close();
    }

    Map<CounterPath, Statistics> window() {
        return sampler.statistics(record.started().toEpochMilli(), record.ended().toEpochMilli());
    }

    /** The window's statistics of the paper's 24 counters (both hosts), as the paper judged them. */
    Map<CounterPath, Statistics> paperWindow() {
        Map<CounterPath, Statistics> all = window();
        Map<CounterPath, Statistics> out = new java.util.LinkedHashMap<>();
        for (String host : List.of("host1", "host2")) Seed000Workloads.paperCounters(host).forEach(p -> out.put(p, all.get(p)));
        return out;
    }

    double[] table(String host) {
        return Seed000TransferCountersTest.paperTable(paperWindow(), host);
    }

    static void assertTable(String name, double[] paper, double[] measured) {
        Seed000Workloads.tableMismatch(paper, measured).ifPresent(report -> fail(name + report));
        assertEquals(measured[0] + measured[1], measured[2], 1e-6, name + " run-time invariant");
    }

    @Test
    void theSampledMigrationReproducesTables4_2And4_3() {
        long windowSeconds = Duration.between(record.started(), record.ended()).toSeconds();
        assertEquals(73.0, Duration.between(record.started(), record.ended()).toMillis() / 1000.0, 73 * 0.02, "console start to end, as the paper's 73 s");
        assertEquals(windowSeconds, window().values().iterator().next().count(), "one sample a second, start to end");
        assertTable("Table 4-2 (host1, source)", T4_2, table("host1"));
        assertTable("Table 4-3 (host2, destination)", T4_3, table("host2"));
    }

    @Test
    void theDefaultThresholdsRaiseNoAlarm() {
        ThresholdEvaluator judge = new ThresholdEvaluator(ThresholdRules.seed000(), host -> new HostFacts(host, 8192, 4_000_000_000L));
        Map<CounterPath, Statistics> judged = paperWindow();
        // not vacuous: all 24 counters were judged, each with values
        assertEquals(24, judged.size());
        judged.forEach((p, st) -> assertTrue(st != null && st.hasValues(), p + " has no values to judge"));
        List<Finding> findings = judge.evaluate(judged);
        assertEquals(List.of(), findings);
    }

    @Test
    void thePagesCrossTheLiveMigrationAdapters() {
        // the cluster published its phases; the pages the counters saw cross are the ones it copied
        List<SimActivity> phases = lab.activities().activeFrom(record.started());
        // three rounds and the pause, each its pages on the wire then its tail with nothing sent (synchronisation, the switch)
        assertEquals(List.of(SimActivity.LIVE_MIGRATION_SETUP, SimActivity.LIVE_MIGRATION_COPY, SimActivity.LIVE_MIGRATION_COPY,
                        SimActivity.LIVE_MIGRATION_COPY, SimActivity.LIVE_MIGRATION_COPY, SimActivity.LIVE_MIGRATION_COPY,
                        SimActivity.LIVE_MIGRATION_COPY, SimActivity.LIVE_MIGRATION_BLACKOUT, SimActivity.LIVE_MIGRATION_BLACKOUT,
                        SimActivity.LIVE_MIGRATION_CLEANUP),
                phases.stream().map(SimActivity::kind).toList());
        for (int i = 1; i < 9; i += 2) assertEquals(0, phases.get(i + 1).bytesPerSecond(), "the tail of " + phases.get(i).kind() + " sends nothing");
        double copied = phases.stream().mapToDouble(a -> a.bytesPerSecond() * Duration.between(a.start(), a.end()).toNanos() / 1e9).sum();
        assertTrue(copied > 6144.0 * 1048576, "at least the VM's memory crossed: " + copied);
        Map<CounterPath, Statistics> stats = window();
        Statistics sent = stats.get(MIGRATION_SENT), received = stats.get(MIGRATION_RECEIVED);
        // each sample is the rate over its second, so rate x seconds is the bytes that crossed
        assertEquals(copied, sent.mean() * sent.count(), copied * 0.005, "host1 sent");
        assertEquals(copied, received.mean() * received.count(), copied * 0.005, "host2 received");
        assertTrue(sent.max() > 100e6 && sent.max() < 125e6, "about the 1 GbE line rate: " + sent.max());
    }
}
