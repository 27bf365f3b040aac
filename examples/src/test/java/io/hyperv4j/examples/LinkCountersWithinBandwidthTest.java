package io.hyperv4j.examples;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.cluster.sim.PaperClusters;
import io.hyperv4j.perf.sampler.CounterSampler;
import io.hyperv4j.perf.sampler.SampleView;
import io.hyperv4j.perf.sampler.SamplingClock;
import io.hyperv4j.perf.sim.LabCounterSource;
import io.hyperv4j.perf.sim.Seed000Workloads;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 18: with seed 000's live-migration network at 10, 25 or 40 Gb/s, the source's adapter
 * reports that speed as its Current Bandwidth and, sampled every second while the 6 GB VM
 * live-migrates over it, its Bytes Total/sec never exceeds it (it once sent up to 37 times its 1 Gb/s).
 */
class LinkCountersWithinBandwidthTest {

    @ParameterizedTest
    @ValueSource(doubles = {1e9, 10e9, 25e9, 40e9})
    void theMigrationAdaptersBytesTotalNeverExceedItsCurrentBandwidth(double bitsPerSecond) throws InterruptedException {
        String nic = Seed000Workloads.MIGRATION_NIC;
        try (Lab lab = PaperClusters.seed000(0, SimClock.virtual(Lab.DEFAULT_START)); HyperVHost node = lab.connect("host1")) {
            ClusterLab.of(lab).configure("hv-cluster").networkSpeed("LiveMigration", bitsPerSecond, Duration.ofNanos(200_000));
            LabCounterSource host1 = Seed000Workloads.labHost(lab, "host1", true);
            SamplingClock clock = host1.clock();
            try (CounterSampler sampler = CounterSampler.builder().source(host1)
                    .counters("\\\\host1\\Network Interface(" + nic + ")\\Bytes Total/sec", "\\\\host1\\Network Interface(" + nic + ")\\Current Bandwidth")
                    .interval(Duration.ofSeconds(1)).continuous().clock(clock).build()) {
                sampler.prime();
                node.capability(FailoverCluster.class).group("SQL Server").liveMigrate("host2");
                double most = 0;
                for (int s = 0; s < 300 && ClusterLab.of(lab).history("hv-cluster").isEmpty(); s++) {
                    clock.sleepUntil(clock.millis() + 1000);
                    SampleView v = sampler.tick();
                    double total = v.value(0), bandwidth = v.value(1);
                    assertEquals(bitsPerSecond, bandwidth, 1e-6, "Current Bandwidth is the adapter's speed");
                    assertTrue(total * 8 <= bandwidth * (1 + 1e-9), "second " + s + ": " + total * 8 + " b/s on a " + bandwidth + " b/s adapter");
                    most = Math.max(most, total * 8);
                }
                assertEquals("COMPLETED", ClusterLab.of(lab).history("hv-cluster").get(0).outcome());
                assertTrue(most > bitsPerSecond / 2, "the migration used the link: at most " + most + " b/s");
            }
        }
    }
}
