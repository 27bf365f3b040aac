package io.hyperv4j.vhd;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.backup.BackupKind;
import io.hyperv4j.backup.BackupPath;
import io.hyperv4j.backup.DataProtection;
import io.hyperv4j.backup.RecoveryPoint;
import io.hyperv4j.backup.sim.BackupLab;
import io.hyperv4j.backup.sim.BackupTemplates;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

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
}
