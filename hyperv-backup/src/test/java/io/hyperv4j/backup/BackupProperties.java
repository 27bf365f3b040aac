package io.hyperv4j.backup;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.backup.sim.BackupLab;
import io.hyperv4j.backup.sim.BackupTemplates;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.cluster.sim.ClusterProfile;
import io.hyperv4j.scvmm.sim.PairState;
import io.hyperv4j.scvmm.sim.SanLab;
import io.hyperv4j.sim.SimActivity;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimVm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sequences of guest writes, replicas, express fulls, live migrations, user checkpoints (made,
 * then applied), restores in place and state changes in the snapshot window: every recovery point
 * restores to the model's bytes at that point (in place during the sequence, to a folder at its end); a failed job
 * leaves no point, no shadow copy and no file; after every job the CSV is Direct with no backup in
 * progress, no flow of the job is left on the fabric and the SAN pair is not split; on every cluster
 * version and over the network or a hardware pair. A job saved with the lab while it runs (at a
 * random moment of its first quarter hour) and loaded again keeps all of this.
 */
class BackupProperties {
    enum Step { WRITE, REPLICA, EXPRESS_FULL, MIGRATE, PAUSE_IN_WINDOW, SAVED_WHILE_RUNNING, CHECKPOINT, RESTORE_IN_PLACE }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Arbitraries.of(Step.class).list().ofMinSize(2).ofMaxSize(9);
    }

    @Provide
    Arbitrary<ClusterProfile> profiles() {
        return Arbitraries.of(ClusterProfile.WS2008R2, ClusterProfile.WS2012, ClusterProfile.WS2012R2, ClusterProfile.WS2016);
    }

    @Property(tries = 16)
    void everyPointRestoresToTheModelsBytes(@ForAll("steps") List<Step> steps, @ForAll long seed, @ForAll("profiles") ClusterProfile profile,
                                            @ForAll boolean pair) throws Exception {
        Path out = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "backup-prop"); // not /tmp: a killed run leaves nothing there
        BackupPath via = pair ? BackupPath.HARDWARE_PAIR : BackupPath.NETWORK;
        Lab lab = BackupTemplates.seed004(seed, SimClock.virtual(Lab.DEFAULT_START), true, profile);
        try {
            Path file = out.resolve("lab.json");
            lab.save(file); // the store and the disks beside the file: what a load finds
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            // the group's own express full (its schedule runs) falls after every step: the model holds the test's jobs only
            dpm.createGroup("g", LocalTime.of(23, 30), Duration.ofDays(5));
            dpm.addMember("g", "GUEST1");
            BackupLab b = BackupLab.of(lab);
            Map<String, byte[]> model = new HashMap<>();
            int n = 0;
            for (Step s : steps) {
                n++;
                switch (s) {
                    case WRITE -> b.workload("GUEST1", 0, seed + n, 8, 100_000, BackupTemplates.DISK_BYTES);
                    case MIGRATE -> {
                        Lab l = lab;
                        l.write(Duration.ofSeconds(5), txn -> {
                            SimVm v = vm(l);
                            l.moveVm(txn, v, l.host(v.host().name().equals("HYPR1") ? "HYPR2" : "HYPR1"));
                            return null;
                        });
                    }
                    case CHECKPOINT -> { // a user checkpoint; when there is one, applying it instead (change tracking starts a new series)
                        SimVm v = vm(lab);
                        var vmApi = lab.connect(v.host().name()).vms().getById(v.id());
                        var cps = vmApi.checkpoints().list();
                        if (cps.isEmpty()) vmApi.checkpoints().create("cp" + n).await();
                        else {
                            state(lab, PowerState.OFF); // Hyper-V applies a checkpoint to a VM that is off
                            vmApi.checkpoints().apply(cps.get(cps.size() - 1)).await();
                        }
                        state(lab, PowerState.RUNNING);
                    }
                    case RESTORE_IN_PLACE -> { // a restore to the original location mid-sequence gives the point's bytes back
                        List<RecoveryPoint> pts = dpm.recoveryPoints("GUEST1");
                        if (pts.isEmpty()) continue;
                        RecoveryPoint p = pts.get(Math.floorMod(seed + n, pts.size()));
                        try {
                            dpm.restore("GUEST1", p.id(), RestoreTarget.original()).await(Duration.ofHours(4));
                        } catch (BackupRefusedException e) {
                            assertEquals(BackupRefusal.INVALID_PARAMETER, e.reason(), e.getMessage()); // the VM's disks changed since
                            continue;
                        }
                        assertArrayEquals(model.get(p.id()), b.diskBytes("GUEST1", 0), "restored in place: " + p.id());
                        state(lab, PowerState.RUNNING);
                    }
                    case SAVED_WHILE_RUNNING -> {
                        if (dpm.recoveryPoints("GUEST1").isEmpty()) continue;
                        List<String> before = dpm.recoveryPoints("GUEST1").stream().map(RecoveryPoint::id).toList();
                        byte[] bytes = b.diskBytes("GUEST1", 0);
                        String jobId;
                        try {
                            jobId = ((io.hyperv4j.job.JobOperation<String>) dpm.backup("GUEST1", BackupKind.EXPRESS_FULL, via)).jobId();
                        } catch (BackupRefusedException e) {
                            assertEquals(BackupRefusal.REPLICA_INCONSISTENT, e.reason(), e.getMessage());
                            continue;
                        }
                        lab.clock().advance(Duration.ofSeconds(Math.floorMod(seed + n, 900)));
                        lab.save();
                        lab.close();
                        lab = Lab.load(file);
                        dpm = lab.connect("HYPR1").capability(DataProtection.class);
                        b = BackupLab.of(lab);
                        io.hyperv4j.sim.SimJob job = lab.jobs().get(jobId);
                        for (int m = 0; m < 600 && job.ended() == null; m++) lab.clock().advance(Duration.ofMinutes(1));
                        assertEquals(io.hyperv4j.cim.JobState.COMPLETED, job.state(), job.toString());
                        List<RecoveryPoint> after = dpm.recoveryPoints("GUEST1");
                        assertEquals(before.size() + 1, after.size(), "the resumed job made its point");
                        model.put(after.get(after.size() - 1).id(), bytes);
                        afterJob(lab, dpm);
                    }
                    default -> {
                        boolean replica = s == Step.REPLICA || dpm.recoveryPoints("GUEST1").isEmpty();
                        int before = dpm.recoveryPoints("GUEST1").size();
                        byte[] bytes = b.diskBytes("GUEST1", 0);
                        Lab l = lab;
                        var pause = s == Step.PAUSE_IN_WINDOW ? lab.clock().schedule(Duration.ofSeconds(57), at -> state(l, PowerState.PAUSED)) : null;
                        try {
                            String id = dpm.backup("GUEST1", replica ? BackupKind.REPLICA : BackupKind.EXPRESS_FULL, via)
                                    .await(Duration.ofHours(4));
                            assertNotEquals(Step.PAUSE_IN_WINDOW, s, "a pause in the snapshot window fails the job");
                            model.put(id, bytes);
                        } catch (BackupRefusedException e) {
                            assertEquals(BackupRefusal.REPLICA_INCONSISTENT, e.reason(), e.getMessage());
                        } catch (BackupFailedException e) {
                            assertEquals(before, dpm.recoveryPoints("GUEST1").size(), "a failed job leaves no recovery point");
                            try (var files = Files.list(b.storeRoot().resolve("GUEST1"))) {
                                assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".")), "no staged file stays");
                            }
                        }
                        if (pause != null) {
                            pause.cancel(); // a refused backup never reached its window
                            state(lab, PowerState.RUNNING);
                        }
                        afterJob(lab, dpm);
                    }
                }
            }
            for (RecoveryPoint p : dpm.recoveryPoints("GUEST1")) {
                Path folder = Files.createDirectory(out.resolve(p.id()));
                dpm.restore("GUEST1", p.id(), RestoreTarget.folder(folder)).await(Duration.ofHours(4));
                assertArrayEquals(model.get(p.id()), Seed004ScenariosTest.readDisk(folder.resolve("GUEST1-disk0.vhdx")), p.id());
            }
            assertEquals(model.keySet(), new java.util.HashSet<>(dpm.recoveryPoints("GUEST1").stream().map(RecoveryPoint::id).toList()));
        } finally {
            lab.close();
            try (var s = Files.walk(out)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    /** What no job leaves behind. */
    private static void afterJob(Lab lab, DataProtection dpm) {
        Instant now = lab.clock().now();
        assertTrue(dpm.shadowCopies().isEmpty(), "no shadow copy outlives its job");
        assertFalse(lab.connect("HYPR1").capability(FailoverCluster.class).sharedVolumes().stream()
                .anyMatch(v -> v.info().redirectedAccess() || v.info().backupInProgress()), "the CSV is Direct, no backup in progress, after the job");
        assertTrue(lab.fabric().running().stream().noneMatch(f -> f.spec().kind().startsWith(SimActivity.BACKUP)), "no job's flow outlives it");
        assertTrue(lab.activities().activeFrom(now).stream().noneMatch(a -> a.kind().equals(SimActivity.CSV_REDIRECTED) && a.end().isAfter(now)),
                "no redirected CSV I/O outlives the job");
        assertNotEquals(PairState.SPLIT, SanLab.of(lab).pairState(BackupTemplates.ARRAY, BackupTemplates.SI_PAIR), "the pair is resynced after the job");
    }

    private static SimVm vm(Lab lab) {
        return lab.hosts().stream().flatMap(h -> h.vms().stream()).filter(v -> v.name().equals("GUEST1")).findFirst().orElseThrow();
    }

    private static void state(Lab lab, PowerState s) {
        lab.write(Duration.ofSeconds(5), txn -> {
            SimVm v = vm(lab);
            txn.touch(v);
            v.state(s, txn.now());
            return null;
        });
    }
}
