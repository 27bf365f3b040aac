package io.hyperv4j.backup;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.backup.sim.BackupLab;
import io.hyperv4j.backup.sim.BackupTemplates;
import io.hyperv4j.cluster.sim.ClusterProfile;
import io.hyperv4j.job.JobOperation;
import io.hyperv4j.scvmm.sim.PairState;
import io.hyperv4j.scvmm.sim.SanLab;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimActivity;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimJob;
import java.time.Instant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup job saved with the lab while it runs (what {@code --as-job} leaves) resumes when the lab is
 * loaded: before the snapshot its phases still run, after it the staged files are committed; the
 * point holds the disk's bytes at the shadow copy, and the job ends Completed with nothing staged left.
 * What the job holds on the SAN, the fabric and the cluster comes back with it: the pair it split
 * (resynced when it ends), its transfer's bytes not yet through (so it ends when an unsaved run
 * ends), the other nodes' redirected CSV I/O; on every cluster version, over a pair or the network.
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

    @ParameterizedTest(name = "{0} over {1}, saved {2} s into the job")
    @CsvSource({"WS2008R2, HARDWARE_PAIR, 30", "WS2008R2, HARDWARE_PAIR, 59", "WS2008R2, HARDWARE_PAIR, 90", "WS2008R2, NETWORK, 1800",
            "WS2012, HARDWARE_PAIR, 57", "WS2012, HARDWARE_PAIR, 90", "WS2012R2, NETWORK, 57", "WS2012R2, NETWORK, 90", "WS2016, HARDWARE_PAIR, 90"})
    void aResumedJobKeepsItsPairFlowAndRedirection(String version, BackupPath via, int seconds) throws Exception {
        ClusterProfile profile = (ClusterProfile) ClusterProfile.class.getField(version).get(null);
        Instant unsavedEnd;
        try (Lab lab = redirectingLab(profile)) { // the same job, never saved: when it ends
            SimJob job = lab.jobs().get(startExpressFull(lab, via));
            for (int m = 0; m < 300 && job.ended() == null; m++) lab.clock().advance(Duration.ofMinutes(1));
            assertEquals(io.hyperv4j.cim.JobState.COMPLETED, job.state(), job.toString());
            unsavedEnd = job.ended();
        }
        Path file = tmp.resolve("lab.json");
        String jobId;
        byte[] atSnapshot;
        PairState pairAtSave;
        Map<String, Long> flowsAtSave;
        Map<String, List<String>> linksAtSave;
        List<String> redirectedAtSave;
        try (Lab lab = redirectingLab(profile)) {
            lab.save(file);
            jobId = startExpressFull(lab, via);
            atSnapshot = BackupLab.of(lab).diskBytes("GUEST1", 0);
            lab.clock().advance(Duration.ofSeconds(seconds));
            pairAtSave = SanLab.of(lab).pairState(BackupTemplates.ARRAY, BackupTemplates.SI_PAIR);
            flowsAtSave = backupFlows(lab);
            linksAtSave = backupLinks(lab);
            redirectedAtSave = redirectedIo(lab);
            lab.save();
        }
        if (via == BackupPath.HARDWARE_PAIR) assertEquals(seconds >= 58 ? PairState.SPLIT : PairState.PAIRED, pairAtSave, "split at the commit");
        if (seconds > 60 && seconds < 600) assertFalse(flowsAtSave.isEmpty(), "the transfer runs after the thaw");
        try (Lab lab = Lab.load(file)) {
            assertEquals(pairAtSave, SanLab.of(lab).pairState(BackupTemplates.ARRAY, BackupTemplates.SI_PAIR));
            assertEquals(flowsAtSave.keySet(), backupFlows(lab).keySet(), "the transfer is on the fabric again");
            flowsAtSave.forEach((kind, left) -> assertEquals(left, backupFlows(lab).get(kind), 1e-6 * left + 1, "the bytes left of " + kind));
            assertEquals(linksAtSave, backupLinks(lab), "on the links it had (a pair job's read: the secondary LU's too)");
            if (via == BackupPath.HARDWARE_PAIR && !linksAtSave.isEmpty())
                assertTrue(linksAtSave.values().iterator().next().stream().anyMatch(l -> l.startsWith("storage:" + BackupTemplates.ARRAY + "/")), linksAtSave.toString());
            assertEquals(redirectedAtSave, redirectedIo(lab), "the other nodes' redirected CSV I/O");
            SimJob job = lab.jobs().get(jobId);
            for (int m = 0; m < 300 && job.ended() == null; m++) lab.clock().advance(Duration.ofMinutes(1));
            assertEquals(io.hyperv4j.cim.JobState.COMPLETED, job.state(), job.toString());
            assertTrue(Duration.between(unsavedEnd, job.ended()).abs().toMillis() < 1000, "ends as the unsaved job: " + unsavedEnd + " vs " + job.ended());
            assertNotEquals(PairState.SPLIT, SanLab.of(lab).pairState(BackupTemplates.ARRAY, BackupTemplates.SI_PAIR), "resynced when the job ended");
            assertTrue(backupFlows(lab).isEmpty(), "no flow outlives the job");
            assertEquals(List.of(), lab.activities().activeFrom(lab.clock().now()).stream().filter(a -> a.kind().equals(SimActivity.CSV_REDIRECTED)
                    && a.end().isAfter(lab.clock().now())).toList(), "no redirected I/O outlives the job");
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            assertTrue(dpm.shadowCopies().isEmpty());
            Path out = Files.createDirectory(tmp.resolve("out"));
            dpm.restore("GUEST1", dpm.recoveryPoints("GUEST1").get(1).id(), RestoreTarget.folder(out)).await(Duration.ofHours(4));
            assertArrayEquals(atSnapshot, Seed004ScenariosTest.readDisk(out.resolve("GUEST1-disk0.vhdx")));
        }
    }

    /** Seed 004 with GUEST3-4 on HYPR2 (a host-level backup from HYPR1 redirects their I/O on 2008 R2), GUEST1 replicated and written since. */
    private static Lab redirectingLab(ClusterProfile profile) {
        Lab lab = BackupTemplates.seed004(7, SimClock.virtual(Lab.DEFAULT_START), true, profile);
        DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
        dpm.createGroup("g", LocalTime.of(23, 0), Duration.ofDays(5));
        dpm.addMember("g", "GUEST1");
        dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK).await(Duration.ofHours(4));
        BackupLab.of(lab).workload("GUEST1", 0, 2, 20, 60_000, BackupTemplates.DISK_BYTES);
        BackupLab.of(lab).profile("GUEST1", new BackupLab.DataProfile(1, 20_000, 1, 1)); // a 20 GB express full: its transfer runs for minutes
        return lab;
    }

    private static String startExpressFull(Lab lab, BackupPath via) {
        return ((JobOperation<String>) lab.connect("HYPR1").capability(DataProtection.class).backup("GUEST1", BackupKind.EXPRESS_FULL, via)).jobId();
    }

    /** The backup flows on the fabric, kind to bytes not yet through. */
    private static Map<String, Long> backupFlows(Lab lab) {
        return lab.fabric().running().stream().filter(f -> f.spec().kind().startsWith(SimActivity.BACKUP))
                .collect(Collectors.toMap(f -> f.spec().kind(), f -> Math.round(f.spec().bytes() - f.moved()), Long::sum, TreeMap::new));
    }

    /** The backup flows on the fabric, kind to the links it crosses. */
    private static Map<String, List<String>> backupLinks(Lab lab) {
        return lab.fabric().running().stream().filter(f -> f.spec().kind().startsWith(SimActivity.BACKUP))
                .collect(Collectors.toMap(f -> f.spec().kind(), f -> f.spec().links(), (a, b) -> a, TreeMap::new));
    }

    /** The redirected CSV I/O now, as "through<-node". */
    private static List<String> redirectedIo(Lab lab) {
        Instant now = lab.clock().now();
        return lab.activities().activeFrom(now).stream().filter(a -> a.kind().equals(SimActivity.CSV_REDIRECTED) && a.end().isAfter(now))
                .map(a -> a.fromHost() + "<-" + a.toHost()).sorted().toList();
    }
}
