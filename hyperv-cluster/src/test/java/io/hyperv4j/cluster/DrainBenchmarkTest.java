package io.hyperv4j.cluster;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cluster.bench.DrainBenchmark;
import io.hyperv4j.cluster.migration.Workload;
import io.hyperv4j.cluster.sim.ClusterProfile;
import io.hyperv4j.cluster.sim.MigrationRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draining a node with 50 VMs: every VM leaves by live migration within the per-node limit. The wall
 * time is logged, not asserted (figures: {@code DrainBenchmark}'s main, in the module's docs).
 */
class DrainBenchmarkTest {
    private static final Logger LOG = LoggerFactory.getLogger(DrainBenchmarkTest.class);

    @Test
    void drainFiftyVmsOnTheOldProfileOneAtATime() {
        DrainBenchmark.Result r = DrainBenchmark.run(ClusterProfile.WS2008R2, 50, 2, 1, 4096, Workload.SQL_LONG_TRANSACTION);
        LOG.info("drain benchmark {}", r.line());
        assertEquals(50, r.moves().size());
        assertTrue(r.moves().stream().allMatch(m -> m.outcome().equals("COMPLETED") && m.kind().equals("LIVE") && m.destination().equals("N2")));
        assertEquals(1, r.maxConcurrentPerNode(), "one live migration per node at a time on 2008 R2");
        double one = r.moves().get(0).duration().toMillis() / 1000.0;
        assertEquals(50 * one, r.totalVirtual().toMillis() / 1000.0, 50 * one * 0.05, "serial: 50 times one migration");
        assertTrue(r.maxOutage().toMillis() < 2000, "each VM pauses briefly: " + r.maxOutage());
    }

    @Test
    void drainFiftyVmsOnTheNewProfileTwoAtATime() {
        DrainBenchmark.Result r = DrainBenchmark.run(ClusterProfile.WS2012, 50, 3, 10, 4096, Workload.SQL_LONG_TRANSACTION);
        LOG.info("drain benchmark {}", r.line());
        assertEquals(50, r.moves().size());
        assertEquals(2, r.maxConcurrentPerNode(), "two live migrations per node by default");
        assertTrue(r.progress().size() > 10 && r.progress().get(r.progress().size() - 1) == 100, "drain progress " + r.progress());
        for (int i = 1; i < r.progress().size(); i++) assertTrue(r.progress().get(i) >= r.progress().get(i - 1));
        assertTrue(r.moves().stream().anyMatch(m -> m.destination().equals("N2")) && r.moves().stream().anyMatch(m -> m.destination().equals("N3")));
        for (MigrationRecord m : r.moves()) assertEquals(m.sourceDigest(), m.destinationDigest());
    }
}
