package io.hyperv4j.examples;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.cluster.GroupInfo;
import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.cluster.sim.MigrationRecord;
import io.hyperv4j.job.Operation;
import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.export.AtomicFiles;
import io.hyperv4j.perf.export.Series;
import io.hyperv4j.perf.export.SvgReport;
import io.hyperv4j.perf.judge.HostFacts;
import io.hyperv4j.perf.judge.ThresholdRules;
import io.hyperv4j.perf.sampler.CounterSampler;
import io.hyperv4j.perf.sampler.SamplingClock;
import io.hyperv4j.perf.sampler.Statistics;
import io.hyperv4j.perf.sim.LabCounterSource;
import io.hyperv4j.perf.sim.Seed000Workloads;
import io.hyperv4j.sim.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Seed 000's measurement: the 6 GB SQL Server VM live-migrates from host1 to host2 as a job (an
 * {@link Operation}) while both hosts' counters are sampled once a second until it ends; then the
 * means over the move, console start to end, are set beside the paper's Tables 4-2 (source) and 4-3
 * (destination), and everything sampled is charted in an SVG report. Writes
 * {@code seed000-live-migration.svg} and {@code seed000-tables.txt} into the directory given as the
 * first argument (default: a new temporary directory). The same run from the command line:
 * {@code hyperv cluster group move 'SQL Server' --node host2 --as-job}, then {@code hyperv counter
 * report ...}.
 */
public final class Seed000MigrationReportExample {
    static final String SVG = "seed000-live-migration.svg";
    static final String TABLES = "seed000-tables.txt";

    private Seed000MigrationReportExample() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Path out = args.length > 0 ? Files.createDirectories(Path.of(args[0])) : Files.createTempDirectory("seed000-");
        try (Lab lab = Lab.fromTemplate("seed000-cluster"); HyperVHost node = lab.connect("host1")) {
            LabCounterSource host1 = Seed000Workloads.labHost(lab, "host1", true);
            LabCounterSource host2 = Seed000Workloads.labHost(lab, "host2", false);
            List<CounterPath> paths = new ArrayList<>(Seed000Workloads.paperCounters("host1"));
            paths.addAll(Seed000Workloads.paperCounters("host2"));
            paths.add(CounterPath.parse("\\\\host1\\Network Interface(" + Seed000Workloads.MIGRATION_NIC + ")\\Bytes Sent/sec"));
            paths.add(CounterPath.parse("\\\\host2\\Network Interface(" + Seed000Workloads.MIGRATION_NIC + ")\\Bytes Received/sec"));
            SamplingClock clock = host1.clock();
            try (CounterSampler sampler = CounterSampler.builder().source(host1).source(host2).counters(paths)
                    .interval(Duration.ofSeconds(1)).continuous().clock(clock).build()) {
                sampler.prime();
                Operation<GroupInfo> job = node.capability(FailoverCluster.class).group("SQL Server").liveMigrate("host2");
                int[] shown = {0};
                job.onProgress(p -> {
                    if (p >= shown[0] + 25) System.out.println("  live migration job: " + (shown[0] = p / 25 * 25) + "%");
                });
                for (int s = 0; s < 600 && !job.isDone(); s++) { // a second of lab time, then one collection
                    clock.sleepUntil(clock.millis() + 1000);
                    sampler.tick();
                }
                System.out.println("SQL Server now runs on " + job.await(Duration.ofSeconds(30)).ownerNode());
                MigrationRecord move = ClusterLab.of(lab).history("hv-cluster").get(0); // the console's start and end
                Map<CounterPath, Statistics> window = sampler.statistics(move.started().toEpochMilli(), move.ended().toEpochMilli());
                String tables = "Live migration, " + move.duration().toMillis() / 1000.0 + " s, outage " + move.outage().toMillis() / 1000.0 + " s\n"
                        + "Table 4-2 (host1, source):" + table(window, "host1", Seed000Workloads.TABLE_4_2) + "\n"
                        + "Table 4-3 (host2, destination):" + table(window, "host2", Seed000Workloads.TABLE_4_3) + "\n";
                System.out.print(tables);
                AtomicFiles.write(out.resolve(TABLES), tables);
                AtomicFiles.write(out.resolve(SVG), SvgReport.render("Seed 000: live migration of SQL Server, host1 to host2",
                        Series.of(sampler), ThresholdRules.seed000(), host -> new HostFacts(host, Seed000Workloads.PHYSICAL_MEMORY_MB,
                                4_000_000_000L), ZoneOffset.UTC));
                System.out.println("Wrote " + out.resolve(SVG) + " and " + out.resolve(TABLES));
            }
        }
    }

    /** The host's means over the window in the paper's units, beside the paper's values. */
    private static String table(Map<CounterPath, Statistics> window, String host, List<Double> paper) {
        List<CounterPath> rows = Seed000Workloads.paperCounters(host);
        double[] measured = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) measured[i] = Seed000Workloads.inPaperUnit(i, window.get(rows.get(i)).mean());
        List<String> labels = rows.stream().map(p -> p.withMachine(null).toString()).toList();
        return Seed000Workloads.tableReport(paper.stream().mapToDouble(Double::doubleValue).toArray(), measured, labels);
    }
}
