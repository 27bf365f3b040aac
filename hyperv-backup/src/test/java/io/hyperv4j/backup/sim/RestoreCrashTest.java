package io.hyperv4j.backup.sim;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.backup.BackupKind;
import io.hyperv4j.backup.BackupPath;
import io.hyperv4j.backup.DataProtection;
import io.hyperv4j.backup.RestoreTarget;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.vhd.OpenMode;
import io.hyperv4j.vhd.VirtualDisk;
import io.hyperv4j.vhd.VirtualDisks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore to the original location is crash-atomic: at every step of it, what a restarted process
 * would load (the saved lab and the files it names) is the VM before the restore; once the lab is
 * saved it is the complete restore, configuration included. No file the saved lab names is written.
 */
class RestoreCrashTest {
    @TempDir Path tmp;

    /** The VM's disk (its SHA-256) and processor count. */
    private record State(String disk, int processors) {
        State(byte[] disk, int processors) {
            this(java.util.HexFormat.of().formatHex(sha256(disk)), processors);
        }

        private static byte[] sha256(byte[] b) {
            try {
                return java.security.MessageDigest.getInstance("SHA-256").digest(b);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void atEveryStepTheSavedLabHoldsTheOldVmAndAfterTheSaveTheRestoredOne() throws Exception {
        Path file = tmp.resolve("lab.json");
        try (Lab lab = BackupTemplates.seed004(9, SimClock.virtual(Lab.DEFAULT_START), false)) {
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            BackupLab b = BackupLab.of(lab);
            String point = backUp(dpm, b);
            State atPoint = new State(b.diskBytes("GUEST1", 0), vm(lab).processors());
            b.workload("GUEST1", 0, 2, 30, 80_000, BackupTemplates.DISK_BYTES);
            lab.write(Duration.ofSeconds(5), txn -> {
                txn.touch(vm(lab));
                vm(lab).processors(4);
                return null;
            });
            lab.save(file);
            State before = new State(b.diskBytes("GUEST1", 0), 4);
            assertNotEquals(atPoint.disk(), before.disk(), "the guest wrote since the point");
            List<Path> named = labFiles(file);

            List<String> steps = new ArrayList<>();
            b.writerRestore.crash = step -> {
                steps.add(step);
                assertEquals(before, reload(file), "a kill at '" + step + "' leaves the VM as it was");
                for (Path f : named) assertTrue(Files.exists(f), f + " is still there");
            };
            dpm.restore("GUEST1", point, RestoreTarget.original()).await(Duration.ofHours(4));
            assertTrue(steps.size() >= 3, "the restore's steps were all checked: " + steps);
            lab.saveIfChanged();
            assertEquals(atPoint, new State(b.diskBytes("GUEST1", 0), vm(lab).processors()));
        }
        assertEquals(new State(atPointBytes(file), 2), reload(file), "once the lab is saved, the complete restore");
    }

    /**
     * A kill after the restored lab was saved and before the file it replaced was folded into the
     * new child (the fold of a save that did not get to run; here it fails because the file is
     * held): the next load shows the disk file that stays, not the child the fold removes.
     */
    @Test
    void aLoadAfterAKillBeforeTheFoldShowsTheFileThatStays() throws Exception {
        Path file = tmp.resolve("lab.json");
        byte[] restored;
        try (Lab lab = BackupTemplates.seed004(9, SimClock.virtual(Lab.DEFAULT_START), false)) {
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            BackupLab b = BackupLab.of(lab);
            String point = backUp(dpm, b);
            b.workload("GUEST1", 0, 2, 30, 80_000, BackupTemplates.DISK_BYTES);
            lab.save(file);
            Path old = BackupLab.of(lab).drives(vm(lab)).get(0).current();
            try (VirtualDisk held = VirtualDisks.open(old, OpenMode.READ_WRITE)) { // the fold of the old file into the child fails
                dpm.restore("GUEST1", point, RestoreTarget.original()).await(Duration.ofHours(4)); // saves the lab: it names the child
                lab.saveIfChanged();
            }
            restored = b.diskBytes("GUEST1", 0);
        }
        Path shown;
        try (Lab lab = Lab.load(file)) {
            shown = BackupLab.of(lab).drives(vm(lab)).get(0).current();
            lab.save();
        }
        assertTrue(Files.exists(shown), "the disk a load shows is still there once the lab is saved: " + shown);
        try (Lab lab = Lab.load(file)) {
            assertEquals(shown, BackupLab.of(lab).drives(vm(lab)).get(0).current());
            assertArrayEquals(restored, BackupLab.of(lab).diskBytes("GUEST1", 0), "the restore's bytes");
        }
    }

    /** GUEST1 backed up once after a first write; returns the recovery point's id. */
    private static String backUp(DataProtection dpm, BackupLab b) {
        dpm.createGroup("g", LocalTime.NOON, Duration.ofDays(5));
        dpm.addMember("g", "GUEST1");
        b.workload("GUEST1", 0, 1, 30, 80_000, BackupTemplates.DISK_BYTES);
        return dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK).await(Duration.ofHours(4));
    }

    /** What the point held: the restored VM's disk equals it (checked against the point's own file). */
    private static byte[] atPointBytes(Path file) {
        try (Lab lab = Lab.load(file)) {
            var p = BackupLab.of(lab).pointsOf(vm(lab).id()).get(0);
            return BackupLab.readAll(p.disks().get(0));
        }
    }

    private static State reload(Path file) {
        try (Lab lab = Lab.load(file)) {
            return new State(BackupLab.of(lab).diskBytes("GUEST1", 0), vm(lab).processors());
        }
    }

    private static List<Path> labFiles(Path file) throws Exception {
        try (Stream<Path> s = Files.list(file.resolveSibling(file.getFileName() + ".disks"))) {
            return s.toList();
        }
    }

    private static SimVm vm(Lab lab) {
        return lab.hosts().stream().flatMap(h -> h.vms().stream()).filter(v -> v.name().equals("GUEST1")).findFirst().orElseThrow();
    }
}
