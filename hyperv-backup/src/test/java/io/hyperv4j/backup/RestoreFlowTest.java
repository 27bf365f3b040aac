package io.hyperv4j.backup;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.backup.sim.BackupLab;
import io.hyperv4j.backup.sim.BackupTemplates;
import io.hyperv4j.job.JobOperation;
import io.hyperv4j.sim.Fabric;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimActivity;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A restore's bytes are a flow on the fabric, like a backup's: alone it keeps the paper's restore
 * time; two restores on one adapter, or a restore beside a pair backup, share the adapters and each
 * takes longer, the bytes conserved; a restore saved with the lab mid-way goes on with the bytes it
 * had left and ends when the never-saved one does, with the point's bytes.
 */
class RestoreFlowTest {
    private static final double RESTORE_MB = 214_356, GIGABIT = 125e6;
    @TempDir Path tmp;

    private static Lab lab(String... vms) {
        Lab lab = BackupTemplates.seed004(4, SimClock.virtual(Lab.DEFAULT_START), false);
        DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
        dpm.createGroup("Exchange", LocalTime.of(23, 0), Duration.ofDays(5));
        for (String vm : vms) {
            dpm.addMember("Exchange", vm);
            // a small replica (quick to make), scenario 3's restore volume
            BackupLab.of(lab).profile(vm, new BackupLab.DataProfile(1_000, 100, 0, RESTORE_MB));
        }
        return lab;
    }

    private static String replica(Lab lab, String vm) {
        return lab.connect("HYPR1").capability(DataProtection.class).backup(vm, BackupKind.REPLICA, BackupPath.NETWORK).await(Duration.ofHours(4));
    }

    private static SimJob job(Lab lab, io.hyperv4j.job.Operation<String> op) {
        return lab.jobs().get(((JobOperation<String>) op).jobId());
    }

    private Path folder(String name) throws Exception {
        return Files.createDirectory(tmp.resolve(name));
    }

    @Test
    void twoRestoresOnOneAdapterShareItEachLongerAndTheirBytesConserved() throws Exception {
        try (Lab lab = lab("GUEST1", "GUEST2")) {
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            String p1 = replica(lab, "GUEST1"), p2 = replica(lab, "GUEST2");
            Instant t0 = lab.clock().now();
            SimJob a = job(lab, dpm.restore("GUEST1", p1, RestoreTarget.folder(folder("a"))));
            SimJob b = job(lab, dpm.restore("GUEST2", p2, RestoreTarget.folder(folder("b"))));
            double[] peak = {0};
            while (a.ended() == null || b.ended() == null) {
                lab.clock().advance(Duration.ofSeconds(30));
                peak[0] = Math.max(peak[0], lab.fabric().load(Fabric.adapter("DPMSV", "Management")));
            }
            assertEquals(io.hyperv4j.cim.JobState.COMPLETED, a.state());
            // alone each takes 43 min (83.08 MB/s); together each gets half the server's gigabit, so both
            // end when both volumes have crossed it: 2 x 214,356 MB / 125 MB/s = 3,429.7 s
            double together = 2 * RESTORE_MB * 1e6 / GIGABIT;
            assertEquals(together, Duration.between(t0, a.ended()).toMillis() / 1e3, 1.0);
            assertEquals(together, Duration.between(t0, b.ended()).toMillis() / 1e3, 1.0);
            assertTrue(together > 43 * 60 * 1.3);
            assertTrue(peak[0] <= GIGABIT + 1, "the server's adapter never carries more than its gigabit: " + peak[0]);
            assertTrue(lab.fabric().running().stream().noneMatch(f -> f.spec().kind().startsWith(SimActivity.BACKUP)), "no flow left");
        }
    }

    @Test
    void aRestoreBesideAPairBackupSharesTheAdaptersAndBothTakeLonger() throws Exception {
        Duration restoreAlone, backupAlone, restoreShared, backupShared;
        try (Lab lab = lab("GUEST1", "GUEST2")) {
            BackupLab.of(lab).profile("GUEST1", new BackupLab.DataProfile(242_525, 5_495, 0, 242_501));
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            String p2 = replica(lab, "GUEST2");
            Instant t0 = lab.clock().now();
            dpm.restore("GUEST2", p2, RestoreTarget.folder(folder("alone"))).await(Duration.ofHours(4));
            restoreAlone = Duration.between(t0, lab.clock().now());
            t0 = lab.clock().now();
            dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.HARDWARE_PAIR).await(Duration.ofHours(4));
            backupAlone = Duration.between(t0, lab.clock().now());
        }
        try (Lab lab = lab("GUEST1", "GUEST2")) {
            BackupLab.of(lab).profile("GUEST1", new BackupLab.DataProfile(242_525, 5_495, 0, 242_501));
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            String p2 = replica(lab, "GUEST2");
            Instant t0 = lab.clock().now();
            SimJob backup = job(lab, dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.HARDWARE_PAIR));
            SimJob restore = job(lab, dpm.restore("GUEST2", p2, RestoreTarget.folder(folder("shared"))));
            while (backup.ended() == null || restore.ended() == null) lab.clock().advance(Duration.ofSeconds(30));
            backupShared = Duration.between(t0, backup.ended());
            restoreShared = Duration.between(t0, restore.ended());
        }
        assertEquals(43 * 60, restoreAlone.toSeconds(), 0.02 * 43 * 60, "scenario 3's restore alone");
        assertEquals(45 * 60, backupAlone.toSeconds(), 0.02 * 45 * 60, "scenario 4's pair replica alone");
        // 83.08 + 89.82 MB/s want more than the adapters' 125 MB/s: both slow while they overlap
        assertTrue(restoreShared.compareTo(restoreAlone.multipliedBy(11).dividedBy(10)) > 0, restoreShared + " vs " + restoreAlone);
        assertTrue(backupShared.compareTo(backupAlone.multipliedBy(11).dividedBy(10)) > 0, backupShared + " vs " + backupAlone);
    }

    @ParameterizedTest(name = "to {0}")
    @EnumSource(value = RestoreTarget.Kind.class, names = {"FOLDER", "ORIGINAL"})
    void aRestoreSavedWithTheLabMidwayEndsWhenTheNeverSavedOneDoesWithThePointsBytes(RestoreTarget.Kind kind) throws Exception {
        Instant unsavedEnd;
        try (Lab lab = lab("GUEST1", "GUEST2")) {
            String p = prepare(lab).id();
            SimJob j = job(lab, lab.connect("HYPR1").capability(DataProtection.class).restore("GUEST1", p, target(kind, "unsaved")));
            // a second restore shares the adapters for the first 30 min, so the rate changes during the run
            lab.connect("HYPR1").capability(DataProtection.class).restore("GUEST2", replica(lab, "GUEST2"), RestoreTarget.folder(folder("other-unsaved")));
            while (j.ended() == null) lab.clock().advance(Duration.ofSeconds(10));
            assertEquals(io.hyperv4j.cim.JobState.COMPLETED, j.state());
            unsavedEnd = j.ended();
        }
        Path file = tmp.resolve("lab.json");
        String jobId;
        byte[] atPoint;
        try (Lab lab = lab("GUEST1", "GUEST2")) {
            Prepared p0 = prepare(lab);
            String p = p0.id();
            atPoint = p0.bytes();
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            jobId = ((JobOperation<String>) dpm.restore("GUEST1", p, target(kind, "saved"))).jobId();
            dpm.restore("GUEST2", replica(lab, "GUEST2"), RestoreTarget.folder(folder("other-saved")));
            lab.clock().advance(Duration.ofMinutes(20));
            lab.save(file);
        }
        try (Lab lab = Lab.load(file)) {
            SimJob j = lab.jobs().get(jobId);
            assertNull(j.ended(), "the restore was under way when the lab was saved");
            assertTrue(lab.fabric().running().stream().anyMatch(f -> f.spec().kind().equals(SimActivity.BACKUP + "RESTORE/NETWORK")),
                    "its bytes left flow again");
            while (j.ended() == null) lab.clock().advance(Duration.ofSeconds(10));
            assertEquals(io.hyperv4j.cim.JobState.COMPLETED, j.state(), j.toString());
            assertEquals(0, Duration.between(unsavedEnd, j.ended()).toMillis() / 1e3, 1.0, "ends within a second of the never-saved run");
            byte[] restored = kind == RestoreTarget.Kind.FOLDER ? Seed004ScenariosTest.readDisk(tmp.resolve("saved").resolve("GUEST1-disk0.vhdx"))
                    : BackupLab.of(lab).diskBytes("GUEST1", 0);
            assertArrayEquals(atPoint, restored, "the restored disk holds the point's bytes");
        }
    }

    private record Prepared(String id, byte[] bytes) {
    }

    /** GUEST1 written, a replica, written again: the replica's id and the disk's bytes at it. */
    private static Prepared prepare(Lab lab) {
        BackupLab b = BackupLab.of(lab);
        b.workload("GUEST1", 0, 1, 20, 60_000, BackupTemplates.DISK_BYTES);
        String p = replica(lab, "GUEST1");
        byte[] at = b.diskBytes("GUEST1", 0);
        b.workload("GUEST1", 0, 2, 20, 60_000, BackupTemplates.DISK_BYTES);
        return new Prepared(p, at);
    }

    private RestoreTarget target(RestoreTarget.Kind kind, String name) throws Exception {
        return kind == RestoreTarget.Kind.FOLDER ? RestoreTarget.folder(folder(name)) : RestoreTarget.original();
    }
}
