package io.hyperv4j.backup;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.backup.sim.BackupLab;
import io.hyperv4j.backup.sim.BackupTemplates;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.sim.Fabric;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimActivity;
import io.hyperv4j.sim.SimClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A protection job's bytes are a flow on the lab's fabric: a backup and a live migration on one
 * network share its adapters, so the backup takes longer beside the migration than alone when the
 * network is what limits it, and no adapter ever carries more than its speed.
 */
class SharedNetworkTest {
    private static final String LINK = Fabric.adapter("HYPR1", "Management");
    private static final double SPEED = 25e6;

    /** What one run saw: the backup's length, the most the adapter carried, the kinds of flow on it. */
    private record Run(Duration backup, double peak, List<String> kindsOnTheAdapter, double backupRateBeside) {
    }

    private static Run run(boolean migrate) {
        // scenario 4's placement: GUEST1-2 on HYPR1, GUEST3-4 on HYPR2, so both runs redirect the CSV alike
        try (Lab lab = BackupTemplates.seed004(4, SimClock.virtual(Lab.DEFAULT_START), true)) {
            // a 200 Mb/s backup network: the replica's 19.6 MB/s fits alone, but not beside a migration's fair share
            ClusterLab.of(lab).configure("HYPR-CL").migrationNetworks("Management").networkSpeed("Management", SPEED * 8, Duration.ofNanos(200_000));
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            dpm.createGroup("Exchange", java.time.LocalTime.of(15, 0), Duration.ofDays(5));
            dpm.addMember("Exchange", "GUEST1");
            BackupLab.of(lab).profile("GUEST1", new BackupLab.DataProfile(161_371.00, 7_089.86, 0, 214_356));
            double[] peak = {0};
            io.hyperv4j.sim.Scheduler.Action[] sample = new io.hyperv4j.sim.Scheduler.Action[1];
            sample[0] = at -> {
                peak[0] = Math.max(peak[0], lab.fabric().load(LINK));
                if (Duration.between(Lab.DEFAULT_START, at).compareTo(Duration.ofMinutes(20)) < 0) lab.clock().schedule(Duration.ofMillis(500), sample[0]);
            };
            lab.clock().schedule(Duration.ofMillis(500), sample[0]);
            Instant t0 = lab.clock().now();
            var backup = dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK);
            List<String> kinds = new ArrayList<>();
            double beside = -1;
            if (migrate) {
                lab.clock().advance(Duration.ofSeconds(50)); // the snapshot is being taken; the transfer starts at 60 s
                var move = lab.connect("HYPR2").capability(FailoverCluster.class).group("GUEST3").liveMigrate("HYPR1");
                lab.clock().advance(Duration.ofSeconds(15));
                for (Fabric.Flow f : lab.fabric().running()) {
                    if (f.spec().links().contains(LINK)) kinds.add(f.spec().kind());
                    if (f.spec().kind().startsWith(SimActivity.BACKUP)) beside = f.rate();
                }
                move.await(Duration.ofMinutes(10));
            }
            backup.await(Duration.ofHours(6));
            return new Run(Duration.between(t0, lab.clock().now()), peak[0], kinds, beside);
        }
    }

    @Test
    void aBackupBesideALiveMigrationOnItsNetworkTakesLongerAndTheAdapterNeverCarriesMoreThanItsSpeed() {
        Run alone = run(false), shared = run(true);
        // alone, the calibration holds: scenario 7's replica, 2 h 17 min
        assertEquals(Duration.ofMinutes(137).toMillis(), alone.backup().toMillis(), 0.02 * Duration.ofMinutes(137).toMillis());
        assertTrue(shared.kindsOnTheAdapter().contains(SimActivity.LIVE_MIGRATION_COPY) && shared.kindsOnTheAdapter().contains("dpm/REPLICA/NETWORK"),
                "the migration's pages and the backup's bytes cross HYPR1's Management adapter together: " + shared.kindsOnTheAdapter());
        assertTrue(shared.backupRateBeside() < 161_371.00e6 / Duration.ofMinutes(137).toSeconds(), "the backup gets less than alone: " + shared.backupRateBeside());
        assertTrue(shared.backup().compareTo(alone.backup()) > 0, "beside the migration " + shared.backup() + ", alone " + alone.backup());
        assertTrue(alone.peak() > 0 && alone.peak() <= SPEED * (1 + 1e-9) && shared.peak() <= SPEED * (1 + 1e-9),
                "the adapter carried at most its speed: alone " + alone.peak() + ", shared " + shared.peak());
    }
}
