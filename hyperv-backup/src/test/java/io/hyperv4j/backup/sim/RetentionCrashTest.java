package io.hyperv4j.backup.sim;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.backup.BackupKind;
import io.hyperv4j.backup.BackupPath;
import io.hyperv4j.backup.DataProtection;
import io.hyperv4j.backup.RecoveryPoint;
import io.hyperv4j.backup.RestoreTarget;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention of a point an express full builds on, killed after each of its steps (the lab not saved
 * since): loading the lab finishes the fold from its journal, the expired point is gone with its
 * files, and every kept point restores to the model's bytes.
 */
class RetentionCrashTest {
    @TempDir Path tmp;

    /** A stand-in for the process dying: nothing after it runs. */
    private static final class Killed extends Error {
        Killed(String step) {
            super("killed after " + step);
        }
    }

    @ParameterizedTest(name = "killed after {0}")
    @ValueSource(strings = {"journal", "merged disk0", "renamed disk0", "re-pointed disk0", "configuration deleted", "document deleted"})
    void aKilledFoldIsFinishedWhenTheLabLoads(String step) throws Exception {
        Path file = tmp.resolve("lab.json");
        Map<String, byte[]> model = new HashMap<>();
        String vmId;
        try (Lab lab = BackupTemplates.seed004(8, SimClock.virtual(Lab.DEFAULT_START), false)) {
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            BackupLab b = BackupLab.of(lab);
            dpm.createGroup("g", LocalTime.of(23, 30), Duration.ofDays(5));
            dpm.addMember("g", "GUEST1");
            lab.save(file);
            for (int i = 0; i < 3; i++) {
                b.workload("GUEST1", 0, 40 + i, 15, 60_000, BackupTemplates.DISK_BYTES);
                model.put(dpm.backup("GUEST1", i == 0 ? BackupKind.REPLICA : BackupKind.EXPRESS_FULL, BackupPath.NETWORK)
                        .await(Duration.ofHours(4)), b.diskBytes("GUEST1", 0));
            }
            lab.saveIfChanged();
            vmId = dpm.recoveryPoints("GUEST1").get(0).vmId();
            b.store().crash = s -> {
                if (s.equals(step)) throw new Killed(s);
            };
            java.time.Instant cutoff = dpm.recoveryPoints("GUEST1").get(1).representedPointInTime();
            assertThrows(Killed.class, () -> b.change(txn -> b.expire(vmId, cutoff)));
            // the process is gone: the lab file is as saved before the fold
        }
        try (Lab lab = Lab.load(file)) {
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            List<RecoveryPoint> pts = dpm.recoveryPoints("GUEST1");
            assertEquals(List.of("RP0002", "RP0003"), pts.stream().map(RecoveryPoint::id).toList(), "the expired point is gone");
            try (Stream<Path> s = Files.list(pts.get(0).files().get(0).getParent())) {
                List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
                assertEquals(List.of("RP0002.backup-components.xml", "RP0002.disk0.vhdx", "RP0002.vm-config.json",
                        "RP0003.backup-components.xml", "RP0003.disk0.vhdx", "RP0003.vm-config.json"), names, "each kept point with its document");
            }
            for (RecoveryPoint p : pts) {
                Path out = Files.createDirectory(tmp.resolve("out-" + p.id()));
                dpm.restore("GUEST1", p.id(), RestoreTarget.folder(out)).await(Duration.ofHours(4));
                assertArrayEquals(model.get(p.id()), BackupLab.readAll(out.resolve("GUEST1-disk0.vhdx")), p.id());
            }
        }
    }

    /**
     * The retention a manual express full runs when it ends, killed after each step of its fold, the
     * lab last saved before that backup: the load finishes the fold, deletes the files of the point the
     * saved lab never issued, and the next express full (issued that id again) still restores.
     */
    @ParameterizedTest(name = "killed after {0}")
    @ValueSource(strings = {"journal", "merged disk0", "renamed disk0", "re-pointed disk0", "configuration deleted", "document deleted"})
    void aManualBackupsKilledRetentionIsFinishedWhenTheLabLoads(String step) throws Exception {
        Path file = tmp.resolve("lab.json");
        Map<String, byte[]> model = new HashMap<>();
        try (Lab lab = BackupTemplates.seed004(9, SimClock.virtual(Lab.DEFAULT_START), false)) {
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            BackupLab b = BackupLab.of(lab);
            dpm.createGroup("g", LocalTime.of(6, 0), Duration.ofHours(12)); // no scheduled run in the test's day
            dpm.addMember("g", "GUEST1");
            for (int i = 0; i < 2; i++) {
                b.workload("GUEST1", 0, 50 + i, 15, 60_000, BackupTemplates.DISK_BYTES);
                model.put(dpm.backup("GUEST1", i == 0 ? BackupKind.REPLICA : BackupKind.EXPRESS_FULL, BackupPath.NETWORK)
                        .await(Duration.ofHours(4)), b.diskBytes("GUEST1", 0));
                lab.clock().advance(Duration.ofHours(6)); // RP0001 at 09:00, RP0002 at 15:00; on to 21:00
            }
            b.workload("GUEST1", 0, 52, 15, 60_000, BackupTemplates.DISK_BYTES);
            lab.save(file);
            b.store().crash = s -> {
                if (s.equals(step)) throw new Killed(s);
            };
            assertThrows(Killed.class, () -> dpm.backup("GUEST1", BackupKind.EXPRESS_FULL, BackupPath.NETWORK).await(Duration.ofHours(4)),
                    "the express full ends, and its retention folds RP0001 (12 hours old) into RP0002");
        }
        try (Lab lab = Lab.load(file)) {
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            BackupLab b = BackupLab.of(lab);
            assertEquals(List.of("RP0002"), dpm.recoveryPoints("GUEST1").stream().map(RecoveryPoint::id).toList());
            Path folder = dpm.recoveryPoints("GUEST1").get(0).files().get(0).getParent();
            assertEquals(List.of("RP0002.backup-components.xml", "RP0002.disk0.vhdx", "RP0002.vm-config.json"), names(folder),
                    "RP0003 was never issued by the saved lab");
            byte[] now = b.diskBytes("GUEST1", 0);
            String again = dpm.backup("GUEST1", BackupKind.EXPRESS_FULL, BackupPath.NETWORK).await(Duration.ofHours(4));
            assertEquals("RP0003", again);
            model.put(again, now);
            for (RecoveryPoint p : dpm.recoveryPoints("GUEST1")) {
                Path out = Files.createDirectory(tmp.resolve("out-" + p.id()));
                dpm.restore("GUEST1", p.id(), RestoreTarget.folder(out)).await(Duration.ofHours(4));
                assertArrayEquals(model.get(p.id()), BackupLab.readAll(out.resolve("GUEST1-disk0.vhdx")), p.id());
            }
        }
    }

    private static List<String> names(Path folder) throws java.io.IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
