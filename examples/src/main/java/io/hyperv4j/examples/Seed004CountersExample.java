package io.hyperv4j.examples;

import io.hyperv4j.backup.BackupKind;
import io.hyperv4j.backup.BackupPath;
import io.hyperv4j.backup.DataProtection;
import io.hyperv4j.backup.sim.BackupLab;
import io.hyperv4j.backup.sim.BackupTemplates;
import io.hyperv4j.job.Operation;
import io.hyperv4j.job.OperationState;
import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.sampler.CounterSampler;
import io.hyperv4j.perf.sampler.Statistics;
import io.hyperv4j.perf.sim.Seed004Guests;
import io.hyperv4j.perf.sim.Seed004Workloads;
import io.hyperv4j.perf.source.CounterSource;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Seed 004's counters as a client reads them: a {@link CounterSource} per host of seed 004's cluster,
 * sampled every 10 s. Scenario 1's steady state (hours 2 to 7 of the 8-hour load) beside section
 * 5.1's values, then what each protection job and the CSV's redirection do to the counters, as
 * multipliers over a 20-minute baseline beside section 7.5's. The counter model sees the jobs only
 * through the lab: their transfers at the fabric's rate, their tails, the redirection.
 * {@code ./hyperv example Seed004CountersExample}.
 */
public final class Seed004CountersExample {
    private static final Duration EVERY = Duration.ofSeconds(10);
    private static final List<String> GUESTS = List.of("GUEST1", "GUEST2", "GUEST3", "GUEST4");

    private Seed004CountersExample() {
    }

    /** One figure: what it is, the paper's words, the simulated value and the range the paper allows. */
    public record Row(String scenario, String what, String paper, double simulated, double low, double high) {
        /** Whether the simulated value is within the paper's range. */
        public boolean within() {
            return simulated >= low && simulated <= high;
        }
    }

    public static void main(String[] args) {
        List<Row> rows = new ArrayList<>(scenario1());
        rows.addAll(guestsScenario1());
        rows.addAll(jobs());
        rows.addAll(guestJobs());
        rows.addAll(inGuestRpc());
        rows.addAll(table12_6());
        rows.addAll(sendMail());
        String scenario = "";
        for (Row r : rows) {
            if (!r.scenario().equals(scenario)) {
                scenario = r.scenario();
                System.out.printf(Locale.ROOT, "%n%s%n  %-52s %-22s %10s%n", scenario, "Counter", "Paper", "Simulated");
            }
            System.out.printf(Locale.ROOT, "  %-52s %-22s %10.3f%s%n", r.what(), r.paper(), r.simulated(), r.within() ? "" : "  <-- off");
        }
    }

    /** A sampled lab: the sampler over both hosts' counters, and a way to sample a while. */
    private static final class Sampled implements AutoCloseable {
        final Lab lab;
        final CounterSampler sampler;
        final DataProtection dpm;

        Sampled(boolean redirect, String backupHost, List<CounterPath> paths) {
            lab = BackupTemplates.seed004(4, SimClock.virtual(Lab.DEFAULT_START), redirect);
            List<CounterSource> sources = new ArrayList<>(List.of(Seed004Workloads.host(lab, "HYPR1"), Seed004Workloads.host(lab, "HYPR2")));
            for (String g : GUESTS) sources.add(Seed004Guests.counters(lab, g)); // the guests' own Memory and MSExchangeIS counters
            CounterSampler.Builder b = CounterSampler.builder().counters(paths).interval(EVERY).continuous().windowCapacity(5_000)
                    .clock(sources.get(0).clock());
            sources.forEach(b::source);
            sampler = b.build();
            sampler.prime();
            dpm = lab.connect(backupHost).capability(DataProtection.class);
            dpm.createGroup("Exchange", LocalTime.of(15, 0), Duration.ofDays(5));
            for (String g : List.of("GUEST1", "GUEST2", "GUEST3", "GUEST4")) dpm.addMember("Exchange", g);
        }

        /** Samples every 10 s for {@code length}; the means of those samples. */
        Map<CounterPath, Statistics> sample(Duration length) {
            sampler.tick(); // the sample since the last one may cover a job's end: start afresh
            long from = lab.clock().now().toEpochMilli() + 1;
            for (long i = length.dividedBy(EVERY); i > 0; i--) {
                lab.clock().advance(EVERY);
                sampler.tick();
            }
            return sampler.statistics(from, lab.clock().now().toEpochMilli());
        }

        /** Samples every 10 s from now until {@code job} ends (at most a day); the means of those samples. */
        Map<CounterPath, Statistics> sampleWhile(Operation<?> job) {
            sampler.tick();
            long from = lab.clock().now().toEpochMilli() + 1;
            for (long i = Duration.ofDays(1).dividedBy(EVERY); job.state() == OperationState.RUNNING; i--) {
                if (i == 0) throw new IllegalStateException(job.description() + " still runs after a day");
                lab.clock().advance(EVERY);
                sampler.tick();
            }
            job.await(Duration.ofMinutes(1)); // a failed job says why
            return sampler.statistics(from, lab.clock().now().toEpochMilli());
        }

        /** Runs a replica of {@code vm} first when {@code kind} needs one, then the job, sampled until it ends. */
        Map<CounterPath, Statistics> overJob(String vm, BackupKind kind, BackupPath via) {
            if (kind != BackupKind.REPLICA) dpm.backup(vm, BackupKind.REPLICA, via).await(Duration.ofHours(6));
            sample(Duration.ofMinutes(20)); // the replica's tail and the pair's resync are over
            return sampleWhile(dpm.backup(vm, kind, via));
        }

        @Override
        public void close() {
            sampler.close();
            lab.close();
        }
    }

    private static CounterPath path(String host, String text) {
        return CounterPath.parse(text).withMachine(host);
    }

    private static CounterPath disk(String host, String disk, String counter) {
        return path(host, "\\PhysicalDisk(" + disk + ")\\" + counter);
    }

    private static CounterPath sent(String host, String network) {
        return path(host, "\\Network Interface(" + network + " Network)\\Bytes Sent/sec");
    }

    private static double mean(Map<CounterPath, Statistics> s, CounterPath p) {
        Statistics st = s.get(p);
        if (st == null || !st.hasValues()) throw new IllegalStateException(p + " has no values");
        return st.mean();
    }

    /** A value within 1 % of the paper's. */
    private static Row near(String what, double paper, double simulated) {
        double slack = Math.max(Math.abs(paper) * 0.01, 0.005);
        return new Row("Scenario 1: steady state, hours 2 to 7 (section 5.1)", what, String.format(Locale.ROOT, "%.2f", paper), simulated,
                paper - slack, paper + slack);
    }

    /** Scenario 1: GUEST1-4 on HYPR1 under the 4,000-user load, 8 hours, the steady state's means. */
    public static List<Row> scenario1() {
        List<CounterPath> cpu = new ArrayList<>();
        for (String vm : List.of("GUEST1", "GUEST2", "GUEST3", "GUEST4"))
            cpu.add(path("HYPR1", "\\Hyper-V Hypervisor Virtual Processor(" + vm + ":Hv VP 0)\\% Guest Run Time"));
        String db = Seed004Workloads.SYS_DB, log = Seed004Workloads.LOG, queue = "Avg. Disk Queue Length";
        List<CounterPath> paths = new ArrayList<>(cpu);
        for (String host : List.of("HYPR1", "HYPR2")) paths.addAll(List.of(disk(host, db, queue), disk(host, log, queue)));
        paths.addAll(List.of(disk("HYPR1", db, "Disk Reads/sec"), disk("HYPR1", db, "Disk Writes/sec"), disk("HYPR1", log, "Disk Writes/sec")));
        try (Sampled s = new Sampled(false, "HYPR1", paths)) {
            s.sample(Duration.ofHours(2)); // the login storm's hours, left out as the paper did
            Map<CounterPath, Statistics> steady = s.sample(Duration.ofHours(5));
            s.sample(Duration.ofHours(1));
            List<Row> rows = new ArrayList<>();
            double[] paper = {66.9, 60.1, 56.4, 60.3};
            for (int i = 0; i < 4; i++) rows.add(near("GUEST" + (i + 1) + " % Guest Run Time", paper[i], mean(steady, cpu.get(i))));
            rows.add(near("HYPR1 SYS&DB Avg. Disk Queue Length", 6.02, mean(steady, disk("HYPR1", db, queue))));
            rows.add(near("HYPR1 LOG Avg. Disk Queue Length", 0.17, mean(steady, disk("HYPR1", log, queue))));
            rows.add(near("HYPR2 SYS&DB Avg. Disk Queue Length", 0.00, mean(steady, disk("HYPR2", db, queue))));
            rows.add(near("HYPR2 LOG Avg. Disk Queue Length", 0.00, mean(steady, disk("HYPR2", log, queue))));
            rows.add(near("SYS&DB Disk Reads/sec", 524.7, mean(steady, disk("HYPR1", db, "Disk Reads/sec"))));
            rows.add(near("SYS&DB Disk Writes/sec", 223.7, mean(steady, disk("HYPR1", db, "Disk Writes/sec"))));
            rows.add(near("LOG Disk Writes/sec", 187.1, mean(steady, disk("HYPR1", log, "Disk Writes/sec"))));
            return rows;
        }
    }

    /** A job's window against the baseline before it. */
    private record Compared(Map<CounterPath, Statistics> baseline, Map<CounterPath, Statistics> job, Map<CounterPath, Statistics> after) {
        double ratio(CounterPath p) {
            return mean(job, p) / mean(baseline, p);
        }

        double added(CounterPath p) {
            return mean(job, p) - mean(baseline, p);
        }
    }

    private static Compared compare(boolean redirect, String host, String vm, BackupKind kind, BackupPath via, Duration window, List<CounterPath> paths) {
        return compare(redirect, host, vm, SCENARIO2, kind, via, window, paths);
    }

    private static Compared compare(boolean redirect, String host, String vm, BackupLab.DataProfile profile, BackupKind kind, BackupPath via,
                                    Duration window, List<CounterPath> paths) {
        try (Sampled s = new Sampled(redirect, host, paths)) {
            BackupLab.of(s.lab).profile(vm, profile);
            if (kind != BackupKind.REPLICA) s.dpm.backup(vm, BackupKind.REPLICA, via).await(Duration.ofHours(6));
            Map<CounterPath, Statistics> baseline = s.sample(Duration.ofMinutes(20));
            var job = s.dpm.backup(vm, kind, via);
            s.sample(Duration.ofMinutes(2)); // the snapshot
            Map<CounterPath, Statistics> during = s.sample(window);
            job.await(Duration.ofHours(6));
            return new Compared(baseline, during, s.sample(Duration.ofMinutes(20)));
        }
    }

    /** Section 7.5's multipliers: a network replica and express full, a pair replica, and a redirecting placement. */
    public static List<Row> jobs() {
        String db = Seed004Workloads.SYS_DB;
        CounterPath q1 = disk("HYPR1", db, "Avg. Disk Queue Length"), r1 = disk("HYPR1", db, "Disk Reads/sec");
        CounterPath out = sent("HYPR1", "Management"), memory = path("HYPR1", "\\Memory\\Available MBytes");
        List<Row> rows = new ArrayList<>();
        String t = "Network replica of GUEST1 from HYPR1 (section 7.5), during the transfer";
        Compared c = compare(false, "HYPR1", "GUEST1", BackupKind.REPLICA, BackupPath.NETWORK, Duration.ofMinutes(60), List.of(q1, r1, out, memory));
        rows.add(new Row(t, "HYPR1 SYS&DB queue, x baseline", "x1.5", c.ratio(q1), 1.425, 1.575));
        rows.add(new Row(t, "SYS&DB Disk Reads/sec added (256 KiB reads)", "x2+ (text; Table 12-6 wins)", c.added(r1),
                29.54e6 / Seed004Workloads.JOB_IO * 0.98, 29.54e6 / Seed004Workloads.JOB_IO * 1.02));
        rows.add(new Row(t, "HYPR1 Management Bytes Sent/sec added, MB/s", "29.5 (239,298 MB / 2 h 15 min)", c.added(out) / 1e6, 29.5 * 0.98, 29.5 * 1.02 + 0.05));
        rows.add(new Row(t, "HYPR1 Available MBytes lost", "a few hundred MB", -c.added(memory), 100, 400));
        t = "Network express full of GUEST1 from HYPR1, over 80 minutes of the job";
        c = compare(false, "HYPR1", "GUEST1", BackupKind.EXPRESS_FULL, BackupPath.NETWORK, Duration.ofMinutes(80), List.of(q1, r1));
        rows.add(new Row(t, "HYPR1 SYS&DB queue, x baseline", "x1.4", c.ratio(q1), 1.33, 1.47));
        rows.add(new Row(t, "SYS&DB Disk Reads/sec, x baseline (1 MiB scan)", "x<2 (text); T12-6 x0.90", c.ratio(r1), 1, 1.1));
        t = "ShadowImage replica of GUEST1 from HYPR1";
        CounterPath secondary = disk("HYPR1", Seed004Workloads.SECONDARY, "Disk Reads/sec");
        c = compare(false, "HYPR1", "GUEST1", BackupKind.REPLICA, BackupPath.HARDWARE_PAIR, Duration.ofMinutes(30), List.of(q1, secondary));
        rows.add(new Row(t, "HYPR1 SYS&DB queue, x baseline", "x~1.0", c.ratio(q1), 0.98, 1.02));
        rows.add(new Row(t, "S-VOL Disk Reads/sec (the split secondary is read)", "> 0", mean(c.job(), secondary), 1, Double.POSITIVE_INFINITY));
        t = "Network replica of GUEST3 from HYPR2, GUEST1-2 on HYPR1: the CSV redirected for the job";
        CounterPath q2 = disk("HYPR2", db, "Avg. Disk Queue Length"), business = sent("HYPR1", "Business");
        c = compare(true, "HYPR2", "GUEST3", BackupKind.REPLICA, BackupPath.NETWORK, Duration.ofMinutes(60), List.of(q2, business));
        rows.add(new Row(t, "HYPR2 (owner) SYS&DB queue, x baseline", "x2+", c.ratio(q2), 2, Double.POSITIVE_INFINITY));
        rows.add(new Row(t, "HYPR1 Business Bytes Sent/sec added, MB/s", "extra business traffic", c.added(business) / 1e6, 0.5, Double.POSITIVE_INFINITY));
        rows.add(new Row(t, "HYPR2 SYS&DB queue after the job, x baseline", "x1.0 (direct again)", mean(c.after(), q2) / mean(c.baseline(), q2), 0.99, 1.01));
        return rows;
    }

    private static CounterPath guestCpu(String vm) {
        return path(vm.startsWith("GUEST") ? "HYPR1" : vm, "\\Hyper-V Hypervisor Virtual Processor(" + vm + ":Hv VP 0)\\% Guest Run Time");
    }

    private static CounterPath available(String vm) {
        return path(vm, "\\Memory\\Available MBytes");
    }

    private static CounterPath rpc(String vm) {
        return path(vm, "\\MSExchangeIS Mailbox(_Total)\\RPC Averaged Latency");
    }

    /** A value within 2 % of the paper's (the guests' side). */
    private static Row within2(String scenario, String what, double paper, double simulated) {
        return new Row(scenario, what, String.format(Locale.ROOT, "%.1f", paper), simulated, paper * 0.98, paper * 1.02);
    }

    /** Scenario 1 from inside the guests: each one's Available MBytes and its store's RPC latency over the steady state. */
    public static List<Row> guestsScenario1() {
        List<CounterPath> paths = new ArrayList<>();
        for (String g : GUESTS) paths.addAll(List.of(available(g), rpc(g)));
        try (Sampled s = new Sampled(false, "HYPR1", paths)) {
            s.sample(Duration.ofHours(2));
            Map<CounterPath, Statistics> steady = s.sample(Duration.ofHours(5));
            String t = "Scenario 1 inside the guests: steady state, hours 2 to 7 (section 5.1 items 4 and 7)";
            List<Row> rows = new ArrayList<>();
            for (String g : GUESTS) rows.add(within2(t, g + " Memory\\Available MBytes", Seed004Guests.AVAILABLE_MB.get(g), mean(steady, available(g))));
            for (String g : GUESTS) rows.add(within2(t, g + " RPC Averaged Latency, ms", Seed004Guests.RPC_MS.get(g), mean(steady, rpc(g))));
            return rows;
        }
    }

    /** One job's effect inside the guests, as rows: processor points added, memory lost, RPC latency's factor, and the processor after the job. */
    private static List<Row> guestRows(String t, String vm, Compared c, double[] cpu, double[] memory, double[] rpcFactor, String[] paper) {
        CounterPath p = guestCpu(vm);
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(t, vm + " % Guest Run Time added, points", paper[0], c.added(p), cpu[0], cpu[1]));
        rows.add(new Row(t, vm + " Available MBytes lost", paper[1], -c.added(available(vm)), memory[0], memory[1]));
        rows.add(new Row(t, vm + " RPC Averaged Latency, x baseline", paper[2], c.ratio(rpc(vm)), rpcFactor[0], rpcFactor[1]));
        rows.add(new Row(t, vm + " % Guest Run Time after the job, x baseline", "x1.0", mean(c.after(), p) / mean(c.baseline(), p), 0.99, 1.01));
        return rows;
    }

    /**
     * Section 7.5's effects inside the guests (item 1, 4 and 7 of sections 5.2 to 5.4): the extra
     * processor use, the memory the guest's VSS holds and the store's RPC latency during each job.
     * "x~N" is taken as within 15 % of N.
     */
    public static List<Row> guestJobs() {
        List<Row> rows = new ArrayList<>();
        String vm = "GUEST1";
        List<CounterPath> paths = List.of(guestCpu(vm), available(vm), rpc(vm));
        Compared c = compare(false, "HYPR1", vm, BackupKind.REPLICA, BackupPath.NETWORK, Duration.ofMinutes(60), paths);
        rows.addAll(guestRows("Network replica of GUEST1 (sections 5.2, 7.5): inside the guest", vm, c, new double[] {10, 15}, new double[] {100, 400},
                new double[] {10, Double.POSITIVE_INFINITY}, new String[] {"+10-15", "100-400", "x10+"}));
        c = compare(false, "HYPR1", vm, BackupKind.EXPRESS_FULL, BackupPath.NETWORK, Duration.ofMinutes(80), paths);
        rows.addAll(guestRows("Network express full of GUEST1: inside the guest", vm, c, new double[] {5, 10}, new double[] {100, 400},
                new double[] {7 * 0.85, 7 * 1.15}, new String[] {"+5-10", "about the same", "x~7"}));
        c = compare(false, "HYPR1", vm, BackupKind.REPLICA, BackupPath.HARDWARE_PAIR, Duration.ofMinutes(30), paths);
        rows.addAll(guestRows("ShadowImage replica of GUEST1 (section 5.3): inside the guest", vm, c, new double[] {5, 10}, new double[] {100, 300},
                new double[] {6 * 0.85, 6 * 1.15}, new String[] {"+5-10", "100-300", "x~6"}));
        c = compare(false, "HYPR1", vm, BackupKind.EXPRESS_FULL, BackupPath.HARDWARE_PAIR, Duration.ofMinutes(30), paths);
        rows.addAll(guestRows("ShadowImage express full of GUEST1: inside the guest", vm, c, new double[] {4.25, 5.75}, new double[] {100, 300},
                new double[] {5 * 0.85, 5 * 1.15}, new String[] {"+~5", "similar", "x~5"}));
        vm = "GUEST2"; // scenario 3: the in-guest agent's replica of MDB21 (section 5.4); its RPC rows are inGuestRpc()'s
        c = compare(false, "HYPR1", vm, SCENARIO3, BackupKind.REPLICA, BackupPath.GUEST_AGENT, Duration.ofMinutes(60),
                List.of(guestCpu(vm), available(vm), rpc(vm)));
        rows.addAll(guestRows("In-guest replica of GUEST2's mail database (section 5.4): inside the guest", vm, c, new double[] {5, 10},
                new double[] {-1, 1}, new double[] {1, Double.POSITIVE_INFINITY}, new String[] {"+5-10", "about baseline", "rises (see below)"}));
        return rows;
    }

    /** Scenario 2's data (Table 9-3): GUEST1's replica, express full and restore, MB. */
    private static final BackupLab.DataProfile SCENARIO2 = new BackupLab.DataProfile(239_298, 7_503, 0, 214_356);
    /** Scenario 3's data (Table 11-3): MDB21's replica, express full, synchronisation and restore, MB. */
    private static final BackupLab.DataProfile SCENARIO3 = new BackupLab.DataProfile(84_582.06, 3_247.94, 1_840.69, 85_563.31);
    /** Scenario 4's data per VM (Table 12-3): the network jobs' and the pair jobs'. */
    private static final BackupLab.DataProfile SCENARIO4_NETWORK = new BackupLab.DataProfile(161_371.00, 7_089.86, 0, 214_356),
            SCENARIO4_PAIR = new BackupLab.DataProfile(164_357.94, 3_437.49, 0, 242_501);

    /** A value within {@code tolerance} (a fraction) of the paper's, the deviation shown. */
    private static Row within(String scenario, String what, double paper, double simulated, double tolerance) {
        return new Row(scenario, what, String.format(Locale.ROOT, "%.1f (%+.1f %%)", paper, (simulated / paper - 1) * 100), simulated,
                paper * (1 - tolerance), paper * (1 + tolerance));
    }

    /**
     * Scenario 3's RPC Averaged Latency in GUEST2-4 during each in-guest job of GUEST2's MDB21
     * (section 5.4 item 7, Fig 11-5): the mean of the guests' own counter, sampled every 10 s over
     * the job, within 2 % of the paper's (the nine values are the per-guest sensitivities'
     * calibration points, {@code Seed004Guests.IN_GUEST_RPC_MS}), and back at the steady state after.
     */
    public static List<Row> inGuestRpc() {
        List<Row> rows = new ArrayList<>();
        List<String> measured = List.of("GUEST2", "GUEST3", "GUEST4");
        List<CounterPath> paths = measured.stream().map(Seed004CountersExample::rpc).toList();
        for (BackupKind kind : List.of(BackupKind.REPLICA, BackupKind.SYNCHRONIZATION, BackupKind.EXPRESS_FULL)) {
            String t = "In-guest " + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " of GUEST2's MDB21: RPC Averaged Latency, ms (Fig 11-5; calibration points)";
            try (Sampled s = new Sampled(false, "HYPR1", paths)) {
                BackupLab.of(s.lab).profile("GUEST2", SCENARIO3);
                Map<CounterPath, Statistics> job = s.overJob("GUEST2", kind, BackupPath.GUEST_AGENT);
                Map<CounterPath, Statistics> after = s.sample(Duration.ofMinutes(20));
                for (int i = 0; i < measured.size(); i++) {
                    String g = measured.get(i);
                    rows.add(within(t, g + " over the job", Seed004Guests.IN_GUEST_RPC_MS.get(kind.name()).get(g), mean(job, paths.get(i)), 0.02));
                    rows.add(within(t, g + " after the job (the steady state)", Seed004Guests.RPC_MS.get(g), mean(after, paths.get(i)), 0.02));
                }
            }
        }
        return rows;
    }

    /** Table 12-6's rows: LOG Read, LOG Write, DB Read, DB Write. */
    private static final List<String> TABLE_12_6_ROWS = List.of("LOG Read", "LOG Write", "DB Read", "DB Write");

    /** The storage's I/O a second on the LOG and SYS&DB LUs: both hosts' PhysicalDisk counters summed, in Table 12-6's row order. */
    private static List<CounterPath> storagePaths(String host) {
        String db = Seed004Workloads.SYS_DB, log = Seed004Workloads.LOG;
        return List.of(disk(host, log, "Disk Reads/sec"), disk(host, log, "Disk Writes/sec"), disk(host, db, "Disk Reads/sec"), disk(host, db, "Disk Writes/sec"));
    }

    private static double storage(Map<CounterPath, Statistics> s, int row) {
        return mean(s, storagePaths("HYPR1").get(row)) + mean(s, storagePaths("HYPR2").get(row));
    }

    /** One condition of scenario 4 (Table 12-1) as the example runs it: GUEST3 backed up from HYPR2, GUEST1-2 on HYPR1. */
    private record Condition(String name, BackupKind kind, BackupPath via, BackupLab.DataProfile profile, double[] paper) {
    }

    /**
     * Table 12-6, scenario 4's storage IOPS (GUEST1-2 on HYPR1, GUEST3-4 on HYPR2, the backup from
     * HYPR2): the baseline and each condition's means over its job, both hosts' PhysicalDisk
     * counters summed (what the array serves), beside the paper's; and HYPR2's management-network
     * throughput of the pair replica against the network replica's (Table 12-3's volumes over their
     * times, x4.50; the text's "about x3" disagrees). Two replicas ran per condition in the paper,
     * whether together or one after the other it does not say: one VM's job, one after the other,
     * gives the same means. Each cell's tolerance is stated where the row is made.
     */
    public static List<Row> table12_6() {
        List<CounterPath> paths = new ArrayList<>(storagePaths("HYPR1"));
        paths.addAll(storagePaths("HYPR2"));
        CounterPath management = sent("HYPR2", "Management");
        paths.add(management);
        List<Row> rows = new ArrayList<>();
        String t = "Table 12-6: storage IOPS, scenario 4 (GUEST3 backed up from HYPR2; GUEST1-2 redirected while the CSV is)";
        try (Sampled s = new Sampled(true, "HYPR2", paths)) {
            Map<CounterPath, Statistics> baseline = s.sample(Duration.ofMinutes(20));
            double[] paper = {0.0, 187.1, 524.7, 223.8};
            for (int row = 0; row < 4; row++)
                rows.add(table12_6Row(t, "baseline " + TABLE_12_6_ROWS.get(row), row, paper[row], paper[row], storage(baseline, row)));
        }
        double[] replicaThroughput = new double[2];
        for (Condition c : List.of(
                new Condition("condition 1 (pair replica, per VM)", BackupKind.REPLICA, BackupPath.HARDWARE_PAIR, SCENARIO4_PAIR, new double[] {0.7, 174.7, 540.5, 225.3}),
                new Condition("condition 2 (pair express full)", BackupKind.EXPRESS_FULL, BackupPath.HARDWARE_PAIR, SCENARIO4_PAIR, new double[] {0.4, 165.3, 425.9, 218.7}),
                new Condition("condition 3 (network replica, per VM)", BackupKind.REPLICA, BackupPath.NETWORK, SCENARIO4_NETWORK, new double[] {24.9, 170.1, 603.2, 281.4}),
                new Condition("condition 4 (network express full)", BackupKind.EXPRESS_FULL, BackupPath.NETWORK, SCENARIO4_NETWORK, new double[] {3.0, 181.6, 470.0, 280.8}))) {
            try (Sampled s = new Sampled(true, "HYPR2", paths)) {
                BackupLab.of(s.lab).profile("GUEST3", c.profile());
                Map<CounterPath, Statistics> job = s.overJob("GUEST3", c.kind(), c.via());
                double[] baseline = {0.0, 187.1, 524.7, 223.8};
                for (int row = 0; row < 4; row++)
                    rows.add(table12_6Row(t, c.name() + " " + TABLE_12_6_ROWS.get(row), row, c.paper()[row], baseline[row], storage(job, row)));
                if (c.kind() == BackupKind.REPLICA) replicaThroughput[c.via() == BackupPath.NETWORK ? 1 : 0] = mean(job, management);
            }
        }
        double paperRatio = (164_357.94 / 31) / (161_371.00 / 137);
        rows.add(within("Scenario 4: HYPR2's management network (Table 12-3's per-VM volumes over their times; the text says about x3)",
                "Bytes Sent/sec, pair replica x network replica", paperRatio, replicaThroughput[0] / replicaThroughput[1], 0.02));
        return rows;
    }

    /**
     * How close a Table 12-6 cell must be: within 5 %, except where the paper's value lies more than
     * 5 % below its baseline, within 25 %. Those falls (the express fulls' DB reads, -10 % and -19 %,
     * while the job reads another LU or the scan's few reads; the log LU's writes, -7 to -12 %, which
     * no job touches) are less work from the guests than the baseline's, which nothing in the paper
     * explains and a model where jobs only add load cannot give: it keeps the baseline, so the
     * tolerance is the table's own spread. LOG reads (0.0-3.0 a second) within 3 a second, except
     * condition 3's 24.9, which the model does not produce (a network job reads the VM's log VHD
     * from the LOG LU; the model reads only SYS&amp;DB): there the baseline's is checked.
     */
    private static Row table12_6Row(String t, String what, int row, double paper, double baseline, double simulated) {
        if (row == 0) {
            boolean unmodelled = paper > 10;
            double expected = unmodelled ? baseline : paper;
            return new Row(t, what + (unmodelled ? " (not modelled)" : ""), String.format(Locale.ROOT, "%.1f", paper), simulated,
                    expected - 3, expected + 3);
        }
        return within(t, what, paper, simulated, paper < baseline * 0.95 ? 0.25 : 0.05);
    }

    /** The clients' Send Mail latency over a job, its average and 95th, each the mean of a sample every 10 s while the job runs (a pair job's redirection lasts about a minute). */
    private static double[] sendMailOver(boolean redirect, String host, String vm, BackupLab.DataProfile profile, BackupKind kind, BackupPath via) {
        Lab lab = BackupTemplates.seed004(4, SimClock.virtual(Lab.DEFAULT_START), redirect);
        try {
            DataProtection dpm = lab.connect(host).capability(DataProtection.class);
            dpm.createGroup("Exchange", LocalTime.of(15, 0), Duration.ofDays(5));
            for (String g : GUESTS) dpm.addMember("Exchange", g);
            BackupLab.of(lab).profile(vm, profile);
            if (kind != BackupKind.REPLICA) dpm.backup(vm, BackupKind.REPLICA, via).await(Duration.ofHours(6));
            double[] sum = new double[3];
            boolean[] running = {true};
            var job = dpm.backup(vm, kind, via);
            Runnable[] sample = new Runnable[1];
            sample[0] = () -> lab.clock().schedule(EVERY, at -> {
                if (!running[0]) return;
                Seed004Guests.SendMail m = Seed004Guests.sendMail(lab);
                sum[0] += m.averageMs();
                sum[1] += m.p95Ms();
                sum[2]++;
                sample[0].run();
            });
            sample[0].run();
            job.await(Duration.ofHours(6));
            running[0] = false;
            return new double[] {sum[0] / sum[2], sum[1] / sum[2]};
        } finally {
            lab.close();
        }
    }

    /**
     * LoadGen's Send Mail latency over each job of the paper without redirection (Tables 9-2 and
     * 11-2) and during scenario 4's jobs (Table 12-2): the redirected network jobs' figures are the
     * model's inputs, the others are fitted by one line (a level and a rise per MB/s the jobs move,
     * {@code Seed004Guests.JOB_RUN_SEND_MAIL_MS}) through all seven: averages within 5 % (the line's
     * residuals are 0.6-4.4 %; an in-guest job counts from its start, its shadow copy moving nothing)
     * and 95ths within 10 % (residuals to 8.9 %: the paper's 95ths scatter more).
     */
    public static List<Row> sendMail() {
        List<Row> rows = new ArrayList<>();
        String t = "Send Mail latency, ms (Table 12-2, scenario 4; conditions 3 and 4 are inputs)";
        double[] m = sendMailOver(true, "HYPR2", "GUEST3", SCENARIO4_NETWORK, BackupKind.REPLICA, BackupPath.NETWORK);
        rows.add(within(t, "condition 3 (network replica) average", 1323, m[0], 0.02));
        rows.add(within(t, "condition 3 (network replica) 95th", 5438, m[1], 0.02));
        m = sendMailOver(true, "HYPR2", "GUEST3", SCENARIO4_NETWORK, BackupKind.EXPRESS_FULL, BackupPath.NETWORK);
        rows.add(within(t, "condition 4 (network express full) average", 1737, m[0], 0.02));
        rows.add(within(t, "condition 4 (network express full) 95th", 7983, m[1], 0.02));
        sendMailRows(rows, t, "condition 1 (pair replica)", sendMailOver(true, "HYPR2", "GUEST3", SCENARIO4_PAIR, BackupKind.REPLICA, BackupPath.HARDWARE_PAIR), 870, 1941);
        sendMailRows(rows, t, "condition 2 (pair express full)", sendMailOver(true, "HYPR2", "GUEST3", SCENARIO4_PAIR, BackupKind.EXPRESS_FULL, BackupPath.HARDWARE_PAIR), 746, 1830);
        t = "Send Mail latency, ms (Table 9-2, scenario 2: network jobs without redirection)";
        sendMailRows(rows, t, "replica", sendMailOver(false, "HYPR1", "GUEST1", SCENARIO2, BackupKind.REPLICA, BackupPath.NETWORK), 703, 1550);
        sendMailRows(rows, t, "express full", sendMailOver(false, "HYPR1", "GUEST1", SCENARIO2, BackupKind.EXPRESS_FULL, BackupPath.NETWORK), 692, 1618);
        t = "Send Mail latency, ms (Table 11-2, scenario 3: GUEST2's MDB21 from inside the guest)";
        sendMailRows(rows, t, "replica", sendMailOver(false, "HYPR1", "GUEST2", SCENARIO3, BackupKind.REPLICA, BackupPath.GUEST_AGENT), 745, 1830);
        sendMailRows(rows, t, "synchronisation", sendMailOver(false, "HYPR1", "GUEST2", SCENARIO3, BackupKind.SYNCHRONIZATION, BackupPath.GUEST_AGENT), 666, 1688);
        sendMailRows(rows, t, "express full", sendMailOver(false, "HYPR1", "GUEST2", SCENARIO3, BackupKind.EXPRESS_FULL, BackupPath.GUEST_AGENT), 659, 1679);
        return rows;
    }

    /** A job's Send Mail average within 5 % and 95th within 10 % of the paper's. */
    private static void sendMailRows(List<Row> rows, String t, String what, double[] m, double average, double p95) {
        rows.add(within(t, what + " average", average, m[0], 0.05));
        rows.add(within(t, what + " 95th", p95, m[1], 0.10));
    }
}
