package io.hyperv4j.backup;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.backup.sim.BackupLab;
import io.hyperv4j.backup.sim.BackupTemplates;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.cluster.sim.ClusterProfile;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a host-level backup does to the CSV on each Windows Server version, seen through the
 * cluster API (MSCluster_ClusterSharedVolume's FaultState and BackupState, the coordinator):
 * scenario 4's placement (GUEST1-2 on HYPR1, GUEST3-4 on HYPR2), GUEST3 backed up from HYPR2.
 */
class CsvAccessByVersionTest {
    /** What the volume showed at a few moments of the job, and the job's length. */
    private record Seen(List<Boolean> redirected, List<Boolean> inBackup, List<String> owner, Duration took, int changes) {
    }

    /** Samples at 30 s (gathering, preparing), 58 s (frozen: the snapshot), 65 s (transferring) and 20 min. */
    private static final List<Duration> AT = List.of(Duration.ofSeconds(30), Duration.ofSeconds(58), Duration.ofSeconds(65), Duration.ofMinutes(20));

    private static Seen run(ClusterProfile profile, BackupPath path) {
        try (Lab lab = BackupTemplates.seed004(4, SimClock.virtual(Lab.DEFAULT_START), true, profile)) {
            DataProtection dpm = lab.connect("HYPR2").capability(DataProtection.class);
            dpm.createGroup("Exchange", LocalTime.of(15, 0), Duration.ofDays(5));
            dpm.addMember("Exchange", "GUEST3");
            BackupLab.of(lab).profile("GUEST3", new BackupLab.DataProfile(161_371.00, 7_089.86, 0, 214_356));
            FailoverCluster cluster = lab.connect("HYPR1").capability(FailoverCluster.class);
            String ownerBefore = cluster.sharedVolumes().get(0).info().ownerNode();
            List<Boolean> redirected = new ArrayList<>(), inBackup = new ArrayList<>();
            List<String> owner = new ArrayList<>();
            Instant t0 = lab.clock().now();
            var job = dpm.backup("GUEST3", BackupKind.REPLICA, path);
            for (Duration d : AT) {
                lab.clock().advance(Duration.between(lab.clock().now(), t0.plus(d)));
                var info = cluster.sharedVolumes().get(0).info();
                redirected.add(info.redirectedAccess());
                inBackup.add(info.backupInProgress());
                owner.add(info.ownerNode());
            }
            job.await(Duration.ofHours(6));
            var after = cluster.sharedVolumes().get(0).info();
            assertFalse(after.redirectedAccess() || after.backupInProgress(), "the volume is back to direct access, no backup in progress");
            owner.add(0, ownerBefore);
            return new Seen(redirected, inBackup, owner, Duration.between(t0, lab.clock().now()), BackupLab.of(lab).redirects().size());
        }
    }

    @Test
    void on2008R2TheBackingUpNodeOwnsTheVolumeAndRedirectsTheOtherForTheWholeNetworkBackupOrUntilTheSplit() {
        Seen network = run(ClusterProfile.WS2008R2, BackupPath.NETWORK);
        assertEquals(List.of(true, true, true, true), network.redirected());
        assertEquals(List.of(true, true, true, true), network.inBackup());
        assertEquals("HYPR2", network.owner().get(1), "pinned to the backing-up node");
        assertEquals(Duration.ofMinutes(137).toMillis(), network.took().toMillis(), 0.02 * Duration.ofMinutes(137).toMillis(), "scenario 7's redirected replica");
        Seen pair = run(ClusterProfile.WS2008R2, BackupPath.HARDWARE_PAIR);
        assertEquals(List.of(true, true, false, false), pair.redirected(), "redirected until the pair split, about a minute");
    }

    @Test
    void on2012And2012R2TheVolumeIsRedirectedOnlyWhileTheCsvSnapshotIsTaken() {
        for (ClusterProfile p : List.of(ClusterProfile.WS2012, ClusterProfile.WS2012R2))
            for (BackupPath path : List.of(BackupPath.NETWORK, BackupPath.HARDWARE_PAIR)) {
                Seen s = run(p, path);
                String what = p.name() + " over " + path;
                assertEquals(List.of(false, true, false, false), s.redirected(), what + ": file-system redirection only while the snapshot is taken");
                assertEquals(List.of(true, true, true, true), s.inBackup(), what + ": BackupState In Progress for the whole job");
                assertTrue(s.owner().stream().allMatch(o -> o.equals(s.owner().get(0))), what + ": the coordinator stays " + s.owner());
                assertEquals(2, s.changes(), what + ": one redirection, on then off");
                if (path == BackupPath.NETWORK) // no redirection slows the transfer: scenario 2's rate, 161,371 MB at 239,298 MB / 135 min
                    assertEquals(161_371.00 / 239_298 * 135 * 60_000, s.took().toMillis(), 0.02 * 91 * 60_000, what);
            }
    }

    @Test
    void from2016AHostLevelBackupLeavesTheVolumeAlone() {
        for (BackupPath path : List.of(BackupPath.NETWORK, BackupPath.HARDWARE_PAIR)) {
            Seen s = run(ClusterProfile.WS2016, path);
            assertEquals(List.of(false, false, false, false), s.redirected(), path.name());
            assertEquals(List.of(false, false, false, false), s.inBackup(), path + ": no VSS snapshot of the volume, no backup state");
            assertEquals(0, s.changes());
        }
    }
}
