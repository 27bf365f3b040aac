package io.hyperv4j.backup;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.backup.sim.BackupLab;
import io.hyperv4j.backup.sim.BackupTemplates;
import io.hyperv4j.job.JobOperation;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup job saved with the lab while it runs (what {@code --as-job} leaves) resumes when the lab is
 * loaded: before the snapshot its phases still run, after it the staged files are committed; the
 * point holds the disk's bytes at the shadow copy, and the job ends Completed with nothing staged left.
 */
class BackupResumeTest {
    @TempDir Path tmp;

    @ParameterizedTest(name = "saved {0} s into the job")
    @ValueSource(ints = {30, 90, 1800})
    void aRunningBackupSavedWithTheLabFinishesAfterTheLoad(int seconds) throws Exception {
        Path file = tmp.resolve("lab.json");
        String jobId;
        byte[] atSnapshot;
        try (Lab lab = BackupTemplates.seed004(7, SimClock.virtual(Lab.DEFAULT_START), false)) {
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            BackupLab b = BackupLab.of(lab);
            dpm.createGroup("g", LocalTime.of(23, 0), Duration.ofDays(5));
            dpm.addMember("g", "GUEST1");
            dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK).await(Duration.ofHours(4));
            lab.save(file);
            b.workload("GUEST1", 0, 2, 20, 60_000, BackupTemplates.DISK_BYTES);
            atSnapshot = b.diskBytes("GUEST1", 0);
            var op = (JobOperation<String>) dpm.backup("GUEST1", BackupKind.EXPRESS_FULL, BackupPath.NETWORK);
            jobId = op.jobId();
            lab.clock().advance(Duration.ofSeconds(seconds));
            if (seconds > 60) b.workload("GUEST1", 0, 3, 20, 60_000, BackupTemplates.DISK_BYTES); // after the snapshot: not in the point
            else atSnapshot = b.diskBytes("GUEST1", 0);
            lab.save();
        }
        try (Lab lab = Lab.load(file)) {
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            assertEquals(1, dpm.recoveryPoints("GUEST1").size(), "the running job's point is not one yet");
            SimJob job = lab.jobs().get(jobId);
            assertNotNull(job, "the job was saved with the lab");
            for (int m = 0; m < 300 && job.ended() == null; m++) lab.clock().advance(Duration.ofMinutes(1));
            assertEquals(io.hyperv4j.cim.JobState.COMPLETED, job.state(), job.toString());
            List<RecoveryPoint> pts = dpm.recoveryPoints("GUEST1");
            assertEquals(2, pts.size());
            assertTrue(dpm.shadowCopies().isEmpty(), "the shadow copy ended with its job");
            assertEquals(List.of("GATHER_WRITER_METADATA", "PREPARE_FOR_BACKUP", "FREEZE", "COMMIT", "THAW", "POST_SNAPSHOT", "BACKUP_COMPLETE"),
                    BackupLab.of(lab).phases(jobId));
            try (Stream<Path> s = Files.list(pts.get(1).files().get(0).getParent())) {
                assertTrue(s.noneMatch(f -> f.getFileName().toString().startsWith(".")), "nothing staged is left");
            }
            Path out = Files.createDirectory(tmp.resolve("out"));
            dpm.restore("GUEST1", pts.get(1).id(), RestoreTarget.folder(out)).await(Duration.ofHours(4));
            assertArrayEquals(atSnapshot, Seed004ScenariosTest.readDisk(out.resolve("GUEST1-disk0.vhdx")));
        }
    }
}
