package io.hyperv4j.cluster.sim;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cluster.Clusters;
import io.hyperv4j.cluster.GroupInfo;
import io.hyperv4j.cluster.GroupState;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimActivity;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimVm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A move in flight is saved with its lab and goes on when the lab is loaded: seed 000's live
 * migration saved in its second pre-copy round ends as the same migration run without a save does
 * (same end, same pages copied), and can still be cancelled after the load, the VM staying on its
 * source.
 */
class MovesInFlightPersistTest {
    private static final String GROUP = "SQL Server";

    @TempDir
    Path dir;

    /** The uninterrupted migration, to compare with. */
    private static MigrationRecord uninterrupted() {
        try (Lab lab = PaperClusters.seed000(0, SimClock.virtual(Lab.DEFAULT_START)); CimSession s = lab.session("host1")) {
            Clusters.of(s).group(GROUP).liveMigrate("host2").await(Duration.ofMinutes(5));
            return ClusterLab.of(lab).history("hv-cluster").get(0);
        }
    }

    private Path savedMidMove(Duration after) {
        Path file = dir.resolve("mid.json");
        try (Lab lab = PaperClusters.seed000(0, SimClock.virtual(Lab.DEFAULT_START)); CimSession s = lab.session("host1")) {
            Clusters.of(s).group(GROUP).liveMigrate("host2");
            lab.clock().advance(after);
            GroupInfo g = Clusters.of(s).group(GROUP).info();
            assertTrue(g.isMigrating(), g.toString());
            lab.save(file);
        }
        return file;
    }

    @Test
    void aLiveMigrationSavedInItsSecondRoundEndsAsIfTheLabHadNeverClosed() {
        MigrationRecord reference = uninterrupted();
        Path file = savedMidMove(Duration.ofSeconds(45));
        try (Lab lab = Lab.load(file); CimSession s = lab.session("host1")) {
            GroupInfo g = Clusters.of(s).group(GROUP).info();
            assertTrue(g.isMigrating(), "still moving after the load: " + g);
            assertEquals("host1", g.ownerNode());
            assertEquals("COPYING", g.migrationState());
            assertTrue(g.migrationProgress() > 50 && g.migrationProgress() < 99, g.toString());
            // the hardware's current phase is published again, so counters sampled now see the copy
            List<SimActivity> now = lab.activities().activeFrom(lab.clock().now());
            assertEquals(SimActivity.LIVE_MIGRATION_COPY, now.get(0).kind(), now.toString());
            assertEquals("host1", now.get(0).fromHost());

            GroupInfo done = Clusters.of(s).group(GROUP).moveInProgress("host2").await(Duration.ofMinutes(5));
            assertEquals("host2", done.ownerNode());
            assertEquals(GroupState.ONLINE, done.state());
            MigrationRecord r = ClusterLab.of(lab).history("hv-cluster").get(0);
            assertEquals("COMPLETED", r.outcome());
            assertEquals(reference.started(), r.started());
            assertEquals(reference.ended().toEpochMilli(), r.ended().toEpochMilli(), 1000, "ends when the uninterrupted one did");
            assertEquals(reference.outage(), r.outage());
            assertEquals(r.sourceDigest(), r.destinationDigest(), "every page the guest wrote reached the destination");
            assertEquals(reference.destinationDigest(), r.destinationDigest(), "the same pages as without the save");
            SimVm vm = lab.host("host2").vms().iterator().next();
            assertEquals(PowerState.RUNNING, vm.state());
            assertTrue(lab.host("host1").vms().isEmpty());
        }
    }

    @Test
    void aMoveSavedMidFlightCanBeCancelledAfterTheLoadAndTheVmStaysOnItsSource() {
        Path file = savedMidMove(Duration.ofSeconds(20));
        try (Lab lab = Lab.load(file); CimSession s = lab.session("host1")) {
            assertTrue(Clusters.of(s).group(GROUP).cancelMigration());
            GroupInfo g = Clusters.of(s).group(GROUP).info();
            assertFalse(g.isMigrating());
            assertEquals("host1", g.ownerNode());
            assertEquals(GroupState.ONLINE, g.state());
            SimVm vm = lab.host("host1").vms().iterator().next();
            assertEquals(PowerState.RUNNING, vm.state());
            assertTrue(lab.activities().activeFrom(lab.clock().now()).isEmpty(), "the copy stopped");
            lab.clock().advance(Duration.ofMinutes(2));
            assertEquals("host1", Clusters.of(s).group(GROUP).info().ownerNode(), "nothing of the move is left to run");
            assertEquals("CANCELLED", ClusterLab.of(lab).history("hv-cluster").get(0).outcome());
        }
    }

    @Test
    void aMoveSavedTwiceGoesOnAcrossBothLoads() {
        Path file = savedMidMove(Duration.ofSeconds(10));
        try (Lab lab = Lab.load(file)) {
            lab.clock().advance(Duration.ofSeconds(62)); // into the pause and switch-over, before the cleanup ends
            lab.save(file);
        }
        try (Lab lab = Lab.load(file); CimSession s = lab.session("host2")) {
            GroupInfo g = Clusters.of(s).group(GROUP).moveInProgress("host2").await(Duration.ofMinutes(5));
            assertEquals("host2", g.ownerNode());
            MigrationRecord r = ClusterLab.of(lab).history("hv-cluster").get(0);
            assertEquals("COMPLETED", r.outcome());
            assertEquals(r.sourceDigest(), r.destinationDigest());
        }
    }
}
