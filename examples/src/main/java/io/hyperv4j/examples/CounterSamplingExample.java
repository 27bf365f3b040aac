package io.hyperv4j.examples;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.cluster.GroupInfo;
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
import io.hyperv4j.sim.SimClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Samples performance counters on both nodes of seed 000's simulated cluster, once a second,
 * while its 6 GB VM live-migrates from host1 to host2; prints each counter's window statistics and
 * what the paper's threshold rules say about them. On Windows, a {@code PdhCounterSource} or a
 * {@code WmiRawCounterSource} takes the place of the simulated sources.
 */
public final class CounterSamplingExample {
    private CounterSamplingExample() {}

    public static void main(String[] args) throws InterruptedException {
        try (Lab lab = PaperClusters.seed000(0, SimClock.virtual(Lab.DEFAULT_START)); HyperVHost node = lab.connect("host1")) {
            LabCounterSource host1 = Seed000Workloads.labHost(lab, "host1", true);
            LabCounterSource host2 = Seed000Workloads.labHost(lab, "host2", false);
            SamplingClock clock = host1.clock();
            try (CounterSampler sampler = CounterSampler.builder().source(host1).source(host2)
                    .counters("\\Hyper-V Hypervisor Logical Processor(_Total)\\% Total Run Time",
                            "\\Memory\\Available MBytes", "\\Memory\\Pages/sec",
                            "\\Network Interface(*)\\Bytes Total/sec")
                    .interval(Duration.ofSeconds(1)).continuous().clock(clock).build()) {
                sampler.prime();
                Operation<GroupInfo> move = node.capability(FailoverCluster.class).group("SQL Server").liveMigrate("host2");
                // One collection a second of simulated time (the lab's clock moves on with each) until the
                // move is done; bounded in case it never ends.
                for (int s = 0; s < 600 && !move.isDone(); s++) {
                    clock.sleepUntil(clock.millis() + 1000);
                    sampler.tick();
                }
                System.out.println("SQL Server moved to " + move.await(Duration.ofSeconds(30)).ownerNode() + "; counters over the move:");
                Map<CounterPath, Statistics> window = sampler.statistics();
                window.forEach((path, s) -> System.out.printf("  %-75s mean %12.2f  max %12.2f  (%d samples)%n",
                        path, s.mean(), s.max(), s.count()));
                List<Finding> findings = new ThresholdEvaluator(ThresholdRules.seed000(),
                        host -> new HostFacts(host, 8192, 1_000_000_000L)).evaluate(window);
                System.out.println(findings.isEmpty() ? "No threshold of seed 000's rules was crossed."
                        : "Thresholds crossed: " + findings);
            }
        }
    }
}
