package io.hyperv4j.vhd;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.backup.BackupKind;
import io.hyperv4j.backup.BackupPath;
import io.hyperv4j.backup.DataProtection;
import io.hyperv4j.backup.RecoveryPoint;
import io.hyperv4j.backup.RestoreTarget;
import io.hyperv4j.backup.sim.BackupLab;
import io.hyperv4j.backup.sim.BackupTemplates;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backup store's files open in other tools: replicas pass qemu-img check, express fulls open in vhdiinfo (fails under CI=true without them). */
class BackupFilesInteropTest {
    @Test
    void replicaPassesQemuImgCheckAndExpressFullOpensInVhdiinfo() {
        try (Lab lab = BackupTemplates.seed004(5, SimClock.virtual(Lab.DEFAULT_START), false)) {
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            dpm.createGroup("g", LocalTime.NOON, Duration.ofDays(5));
            dpm.addMember("g", "GUEST1");
            BackupLab.of(lab).workload("GUEST1", 0, 1, 20, 50_000, BackupTemplates.DISK_BYTES);
            dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK).await(Duration.ofHours(4));
            BackupLab.of(lab).workload("GUEST1", 0, 2, 20, 50_000, BackupTemplates.DISK_BYTES);
            dpm.backup("GUEST1", BackupKind.EXPRESS_FULL, BackupPath.NETWORK).await(Duration.ofHours(4));
            RecoveryPoint full = dpm.recoveryPoints("GUEST1").get(0), incr = dpm.recoveryPoints("GUEST1").get(1);
            ExternalTools.Run check = ExternalTools.run("qemu-img", "check", "-f", "vhdx", full.files().get(0).toString());
            assertEquals(0, check.exitCode(), check.output());
            ExternalTools.Run info = ExternalTools.run("vhdiinfo", incr.files().get(0).toString());
            assertEquals(0, info.exitCode(), info.output());
            assertTrue(info.output().toLowerCase().contains("differential"), info.output());
        }
    }

    /**
     * Every file the store holds after retention folded the replica into the next express full (now a
     * full file), and the file a restore writes: full files pass qemu-img check and open in vhdiinfo,
     * differencing files open in vhdiinfo as differential.
     */
    @Test
    void filesAfterARetentionFoldAndARestoredDiskPassTheToolsToo(@TempDir Path tmp) {
        try (Lab lab = BackupTemplates.seed004(6, SimClock.virtual(Lab.DEFAULT_START), false)) {
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            dpm.createGroup("g", LocalTime.of(6, 0), Duration.ofHours(12)); // no scheduled run in the test's day
            dpm.addMember("g", "GUEST1");
            for (int i = 0; i < 3; i++) { // 09:00 replica, 15:00 and 22:00 express fulls: the last one expires the replica
                BackupLab.of(lab).workload("GUEST1", 0, 10 + i, 20, 50_000, BackupTemplates.DISK_BYTES);
                dpm.backup("GUEST1", i == 0 ? BackupKind.REPLICA : BackupKind.EXPRESS_FULL, BackupPath.NETWORK).await(Duration.ofHours(4));
                lab.clock().advance(Duration.ofHours(i == 0 ? 6 : 7));
            }
            List<RecoveryPoint> pts = dpm.recoveryPoints("GUEST1");
            assertEquals(2, pts.size(), "the replica was folded into the first express full");
            int full = 0, differencing = 0;
            for (RecoveryPoint p : pts) {
                Path disk = p.files().get(0);
                ExternalTools.Run info = ExternalTools.run("vhdiinfo", disk.toString());
                assertEquals(0, info.exitCode(), info.output());
                if (VirtualDisks.inspect(disk).vhdType() == VhdType.DIFFERENCING) {
                    differencing++;
                    assertTrue(info.output().toLowerCase().contains("differential"), info.output());
                } else {
                    full++;
                    ExternalTools.Run check = ExternalTools.run("qemu-img", "check", "-f", "vhdx", disk.toString());
                    assertEquals(0, check.exitCode(), check.output());
                }
            }
            assertEquals(1, full);
            assertEquals(1, differencing);
            dpm.restore("GUEST1", pts.get(1).id(), RestoreTarget.folder(tmp)).await(Duration.ofHours(4));
            ExternalTools.Run restored = ExternalTools.run("qemu-img", "check", "-f", "vhdx", tmp.resolve("GUEST1-disk0.vhdx").toString());
            assertEquals(0, restored.exitCode(), restored.output());
        }
    }
}
