package io.hyperv4j.backup;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.backup.sim.BackupLab;
import io.hyperv4j.backup.sim.BackupTemplates;
import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.sampler.CounterSampler;
import io.hyperv4j.perf.sampler.Statistics;
import io.hyperv4j.perf.sim.Seed004Workloads;
import io.hyperv4j.perf.source.CounterSource;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Seed 004's counters read as a client reads them (a {@link CounterSource} per host, a
 * {@link CounterSampler} every 10 s): scenario 1's steady state, and what each protection job and
 * the CSV's redirection add to it, as the multipliers of section 7.5. The counter model sees the
 * jobs only through the lab (their transfers at the fabric's rate, their tails, the redirection).
 */
class Seed004CountersTest {
    private static final Duration EVERY = Duration.ofSeconds(10);
    private Lab lab;
    private CounterSampler sampler;

    @AfterEach
    void close() {
        if (sampler != null) sampler.close();
        if (lab != null) lab.close();
    }

    private static CounterPath path(String host, String text) {
        return CounterPath.parse(text).withMachine(host);
    }

    private static CounterPath queue(String host, String disk) {
        return path(host, "\\PhysicalDisk(" + disk + ")\\Avg. Disk Queue Length");
    }

    private static CounterPath reads(String host, String disk) {
        return path(host, "\\PhysicalDisk(" + disk + ")\\Disk Reads/sec");
    }

    private static CounterPath sent(String host, String adapter) {
        return path(host, "\\Network Interface(" + adapter + " Network)\\Bytes Sent/sec");
    }

    private static CounterPath available(String host) {
        return path(host, "\\Memory\\Available MBytes");
    }

    private DataProtection open(boolean redirect, String backupHost, List<CounterPath> paths) {
        lab = BackupTemplates.seed004(4, SimClock.virtual(Lab.DEFAULT_START), redirect);
        List<CounterSource> sources = List.of(Seed004Workloads.host(lab, "HYPR1"), Seed004Workloads.host(lab, "HYPR2"));
        CounterSampler.Builder b = CounterSampler.builder().counters(paths).interval(EVERY).continuous().windowCapacity(5_000).clock(sources.get(0).clock());
        sources.forEach(b::source);
        sampler = b.build();
        sampler.prime();
        DataProtection dpm = lab.connect(backupHost).capability(DataProtection.class);
        dpm.createGroup("Exchange", LocalTime.of(15, 0), Duration.ofDays(5));
        for (String g : List.of("GUEST1", "GUEST2", "GUEST3", "GUEST4")) dpm.addMember("Exchange", g);
        return dpm;
    }

    /** Samples every 10 s for {@code length}; the statistics of those samples. */
    private Map<CounterPath, Statistics> sample(Duration length) {
        long from = lab.clock().now().toEpochMilli() + 1;
        for (long i = length.dividedBy(EVERY); i > 0; i--) {
            lab.clock().advance(EVERY);
            sampler.tick();
        }
        return sampler.statistics(from, lab.clock().now().toEpochMilli());
    }

    private static double mean(Map<CounterPath, Statistics> s, CounterPath p) {
        Statistics st = s.get(p);
        assertNotNull(st, p + " was not sampled");
        assertTrue(st.hasValues(), p + " has no values");
        return st.mean();
    }

    private static void near(double expected, double actual, double tolerance, String what) {
        assertEquals(expected, actual, Math.abs(expected) * tolerance + 1e-9, what);
    }

    @Test
    void scenario1BaselineSteadyStateOverHoursTwoToSeven() {
        List<CounterPath> paths = new ArrayList<>();
        for (String vm : List.of("GUEST1", "GUEST2", "GUEST3", "GUEST4"))
            paths.add(path("HYPR1", "\\Hyper-V Hypervisor Virtual Processor(" + vm + ":Hv VP 0)\\% Guest Run Time"));
        for (String host : List.of("HYPR1", "HYPR2"))
            for (String disk : List.of(Seed004Workloads.SYS_DB, Seed004Workloads.LOG)) paths.add(queue(host, disk));
        CounterPath dbReads = reads("HYPR1", Seed004Workloads.SYS_DB), dbWrites = path("HYPR1", "\\PhysicalDisk(" + Seed004Workloads.SYS_DB + ")\\Disk Writes/sec");
        CounterPath logWrites = path("HYPR1", "\\PhysicalDisk(" + Seed004Workloads.LOG + ")\\Disk Writes/sec");
        paths.addAll(List.of(dbReads, dbWrites, logWrites));
        open(false, "HYPR1", paths);
        sample(Duration.ofHours(2)); // the login storm's hours, left out as the paper did
        Map<CounterPath, Statistics> steady = sample(Duration.ofHours(5));
        assertEquals(5 * 360, steady.get(dbReads).count());
        double[] cpu = {66.9, 60.1, 56.4, 60.3};
        for (int i = 0; i < 4; i++) near(cpu[i], mean(steady, paths.get(i)), 0.01, "GUEST" + (i + 1) + " CPU");
        near(6.02, mean(steady, queue("HYPR1", Seed004Workloads.SYS_DB)), 0.01, "HYPR1 SYS&DB queue");
        near(0.17, mean(steady, queue("HYPR1", Seed004Workloads.LOG)), 0.01, "HYPR1 LOG queue");
        assertEquals(0.00, mean(steady, queue("HYPR2", Seed004Workloads.SYS_DB)), 0.005, "HYPR2 runs no VM");
        assertEquals(0.00, mean(steady, queue("HYPR2", Seed004Workloads.LOG)), 0.005);
        near(524.7, mean(steady, dbReads), 0.01, "DB reads");
        near(223.7, mean(steady, dbWrites), 0.01, "DB writes");
        near(187.1, mean(steady, logWrites), 0.01, "LOG writes");
        sample(Duration.ofHours(1));
    }

    /** Baseline, then the job: the means of each, and the job's operation. */
    private record Compared(Map<CounterPath, Statistics> baseline, Map<CounterPath, Statistics> job) {
        double ratio(CounterPath p) {
            return mean(job, p) / mean(baseline, p);
        }
    }

    private Compared compare(boolean redirect, String backupHost, String vm, BackupKind kind, BackupPath via, Duration window, List<CounterPath> paths) {
        DataProtection dpm = open(redirect, backupHost, paths);
        BackupLab.of(lab).profile(vm, new BackupLab.DataProfile(239_298, 7_503, 0, 214_356));
        if (kind != BackupKind.REPLICA) dpm.backup(vm, BackupKind.REPLICA, via).await(Duration.ofHours(6));
        Map<CounterPath, Statistics> baseline = sample(Duration.ofMinutes(20));
        var job = dpm.backup(vm, kind, via);
        sample(Duration.ofMinutes(2)); // the snapshot
        Map<CounterPath, Statistics> during = sample(window);
        job.await(Duration.ofHours(6));
        return new Compared(baseline, during);
    }

    @Test
    void aNetworkReplicaDoublesTheLusReadsRaisesItsQueueHalfAndSendsOnTheBackupNetwork() {
        CounterPath q = queue("HYPR1", Seed004Workloads.SYS_DB), r = reads("HYPR1", Seed004Workloads.SYS_DB), out = sent("HYPR1", "Management");
        Compared c = compare(false, "HYPR1", "GUEST1", BackupKind.REPLICA, BackupPath.NETWORK, Duration.ofMinutes(60), List.of(q, r, out, available("HYPR1")));
        near(1.5, c.ratio(q), 0.05, "host SYS&DB queue x~1.5");
        assertTrue(c.ratio(r) >= 2, "DB reads x2+: " + c.ratio(r));
        near(239_298e6 / Duration.ofMinutes(135).toSeconds(), mean(c.job(), out) - mean(c.baseline(), out), 0.02, "the replica's bytes on HYPR1's management adapter");
        double memory = mean(c.baseline(), available("HYPR1")) - mean(c.job(), available("HYPR1"));
        assertTrue(memory >= 100 && memory <= 400, "a few hundred MB less available: " + memory);
    }

    @Test
    void aNetworkExpressFullRaisesTheQueueByAboutTwoFifthsAndReadsJustUnderTwice() {
        CounterPath q = queue("HYPR1", Seed004Workloads.SYS_DB), r = reads("HYPR1", Seed004Workloads.SYS_DB);
        Compared c = compare(false, "HYPR1", "GUEST1", BackupKind.EXPRESS_FULL, BackupPath.NETWORK, Duration.ofMinutes(80), List.of(q, r));
        near(1.4, c.ratio(q), 0.05, "host SYS&DB queue x~1.4 over the job");
        assertTrue(c.ratio(r) > 1.8 && c.ratio(r) < 2, "DB reads just under x2: " + c.ratio(r));
    }

    @Test
    void aPairReplicaReadsTheSecondarySoTheHostsLuQueueStaysAsItWas() {
        CounterPath q = queue("HYPR1", Seed004Workloads.SYS_DB), s = reads("HYPR1", Seed004Workloads.SECONDARY), out = sent("HYPR1", "Management");
        Compared c = compare(false, "HYPR1", "GUEST1", BackupKind.REPLICA, BackupPath.HARDWARE_PAIR, Duration.ofMinutes(30), List.of(q, s, out));
        near(1.0, c.ratio(q), 0.02, "host SYS&DB queue x~1.0");
        assertTrue(mean(c.job(), s) > 1_000, "the split secondary is what is read: " + mean(c.job(), s));
        assertTrue(mean(c.job(), out) > 2.5 * 239_298e6 / Duration.ofMinutes(135).toSeconds(), "a pair backup sends about three times the network one's rate");
    }

    @Test
    void whileTheCsvIsRedirectedTheCoordinatorsQueueMoreThanDoublesAndTheOtherNodesBusinessTrafficRises() {
        CounterPath q = queue("HYPR2", Seed004Workloads.SYS_DB), business = sent("HYPR1", "Business");
        Compared c = compare(true, "HYPR2", "GUEST3", BackupKind.REPLICA, BackupPath.NETWORK, Duration.ofMinutes(60), List.of(q, business));
        assertTrue(c.ratio(q) >= 2, "the coordinator's SYS&DB queue x2+: " + c.ratio(q));
        assertTrue(mean(c.job(), business) - mean(c.baseline(), business) > 1e6, "HYPR1's redirected I/O crosses its business adapter");
        sampler.tick(); // the sample since the last one covers the job's end: start afresh
        Map<CounterPath, Statistics> after = sample(Duration.ofMinutes(20));
        near(mean(c.baseline(), q), mean(after, q), 0.01, "back to direct access: the queue as before");
    }
}
