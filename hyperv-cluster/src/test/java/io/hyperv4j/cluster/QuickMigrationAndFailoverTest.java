package io.hyperv4j.cluster;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.cluster.sim.MigrationRecord;
import io.hyperv4j.cluster.sim.PaperClusters;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimVm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Quick migration (save, move, restore; seeds 001 and 003) and failover policy. */
class QuickMigrationAndFailoverTest {

    /**
     * Seed 001: the 8 GB VM quick-migrates in 45 s (on 16 GB hosts: seed 001's 8 GB hosts cannot run
     * an 8 GB VM); seed 003: phases Saving, Saved, Resuming; memory preserved; bigger is slower.
     */
    @Test
    void quickMigrationSavesMovesAndRestores() {
        try (Lab lab = PaperClusters.seed000(0, SimClock.virtual(Lab.DEFAULT_START), 16384); CimSession s = lab.session("host1")) {
            SimVm vm = lab.host("host1").vms().iterator().next();
            lab.write(Duration.ofSeconds(5), txn -> { txn.touch(vm); vm.memoryMb(8192); return null; });
            FailoverCluster c = Clusters.of(s);
            c.group("SQL Server").refreshConfiguration();
            long digest = ClusterLab.of(lab).read(e -> e.memoryOf(vm).digest());
            List<PowerState> phases = new ArrayList<>();
            var op = c.group("SQL Server").quickMigrate("host2");
            for (int i = 0; i < 60 && !op.isDone(); i++) {
                PowerState p = vm.state();
                if (phases.isEmpty() || phases.get(phases.size() - 1) != p) phases.add(p);
                lab.clock().advance(Duration.ofSeconds(1));
            }
            GroupInfo g = op.await(Duration.ofMinutes(5));
            assertEquals("host2", g.ownerNode());
            assertEquals(List.of(PowerState.RUNNING, PowerState.SAVING, PowerState.SAVED, PowerState.RESUMING, PowerState.RUNNING),
                    phases.subList(0, 5), phases.toString());
            MigrationRecord r = ClusterLab.of(lab).history("hv-cluster").get(0);
            assertEquals(45.0, r.duration().toMillis() / 1000.0, 45 * 0.02);
            assertEquals(15.0, r.outage().toMillis() / 1000.0, 15 * 0.02, "seed 001's ping loss: down from the save to the restore");
            long after = ClusterLab.of(lab).read(e -> e.memoryOf(vm).digest());
            assertEquals(digest, after, "saved state restored: memory preserved");

            lab.write(Duration.ofSeconds(5), txn -> { txn.touch(vm); vm.memoryMb(2048); return null; });
            c.group("SQL Server").quickMigrate("host1").await(Duration.ofMinutes(5));
            MigrationRecord small = ClusterLab.of(lab).history("hv-cluster").get(1);
            assertTrue(small.duration().compareTo(r.duration()) < 0);
            assertTrue(small.duration().toSeconds() >= 15);
        }
    }

    /** A caller that drives the clock itself (a sampler, a UI) sees the move end through isDone(), without awaiting. */
    @Test
    void isDoneTurnsTrueWhenTheMoveEndsWithoutAnAwait() {
        try (Lab lab = PaperClusters.seed000(0, SimClock.virtual(Lab.DEFAULT_START)); CimSession s = lab.session("host1")) {
            var op = Clusters.of(s).group("SQL Server").liveMigrate("host2");
            int seconds = 0;
            while (!op.isDone() && seconds < 300) {
                lab.clock().advance(Duration.ofSeconds(1));
                seconds++;
            }
            assertTrue(op.isDone(), "still running after " + seconds + " s");
            assertEquals(io.hyperv4j.job.OperationState.SUCCEEDED, op.state());
            assertEquals(73, seconds, 2, "seed 000's live migration takes 73 s");
            assertEquals("host2", op.await(Duration.ZERO).ownerNode());
        }
    }

    /** FailoverThreshold 1 per 6 hours: the second failure in the period leaves the role Failed. */
    @Test
    void failoverThresholdStopsRepeatedFailovers() {
        try (Lab lab = PaperClusters.seed002(0, SimClock.virtual(Lab.DEFAULT_START)); CimSession s = lab.session("umbriel")) {
            FailoverCluster c = Clusters.of(s);
            ClusterGroup vm = c.group("ws2003r2-lm");
            vm.setFailoverPolicy(1, 6, false);
            assertEquals(1, vm.info().failoverThreshold());
            ClusterLab sim = ClusterLab.of(lab);
            sim.powerOff("ARIEL");
            lab.clock().advance(Duration.ofMinutes(3));
            assertEquals("umbriel", vm.info().ownerNode());
            assertEquals(GroupState.ONLINE, vm.info().state());
            sim.recover("ARIEL");
            lab.clock().advance(Duration.ofMinutes(1));
            assertEquals(NodeState.UP, c.node("ARIEL").info().state());
            assertEquals("umbriel", vm.info().ownerNode(), "no failback: AutoFailbackType 0");
            try (CimSession a = lab.session("ARIEL")) {
                FailoverCluster fromAriel = Clusters.of(a);
                sim.powerOff("umbriel");
                lab.clock().advance(Duration.ofMinutes(3));
                assertEquals(GroupState.FAILED, fromAriel.group("ws2003r2-lm").info().state(), "threshold reached");
            }
        }
    }

    /** A stale configuration is what the cluster restarts the VM with after a failover. */
    @Test
    void failoverStartsTheVmWithTheClustersConfiguration() {
        try (Lab lab = PaperClusters.seed002(0, SimClock.virtual(Lab.DEFAULT_START)); CimSession s = lab.session("umbriel")) {
            SimVm vm = lab.host("ARIEL").vms().iterator().next();
            lab.write(Duration.ofSeconds(5), txn -> { txn.touch(vm); vm.memoryMb(4096); return null; });
            assertTrue(Clusters.of(s).group("ws2003r2-lm").info().configurationStale());
            ClusterLab.of(lab).powerOff("ARIEL");
            lab.clock().advance(Duration.ofMinutes(3));
            assertEquals(1024, vm.memoryMb(), "the change made outside the cluster was lost");
            assertFalse(Clusters.of(s).group("ws2003r2-lm").info().configurationStale());
            Instant now = lab.clock().now();
            assertTrue(vm.startedAt().isAfter(now.minus(Duration.ofMinutes(3))), "booted after the failure");
        }
    }
}
