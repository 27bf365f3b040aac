package io.hyperv4j.backup.vss;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.backup.BackupKind;
import io.hyperv4j.backup.BackupPath;
import io.hyperv4j.backup.DataProtection;
import io.hyperv4j.backup.RecoveryPoint;
import io.hyperv4j.backup.sim.BackupTemplates;
import io.hyperv4j.backup.vss.internal.WindowsVssRequester;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The Backup Components Document a simulated recovery point keeps, given to the real VSS of a Windows
 * host (run elevated, {@code -Dhyperv4j.vss.volume=C:\}): vssapi.dll's InitializeForRestore takes it
 * (its element and attribute names are VSS's) and lists the writers taking part, as the simulator's
 * requester does with the same document.
 */
@EnabledOnOs(OS.WINDOWS)
@EnabledIfSystemProperty(named = WindowsVssRequesterContractTest.VOLUME, matches = ".+")
class WindowsPointDocumentTest {
    @Test
    void vssapiInitializesARestoreFromAPointsOwnDocument() throws Exception {
        String document;
        try (Lab lab = BackupTemplates.seed004(1, SimClock.virtual(Lab.DEFAULT_START), false)) {
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            dpm.createGroup("g", LocalTime.of(23, 0), Duration.ofDays(5));
            dpm.addMember("g", "GUEST1");
            dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK).await(Duration.ofHours(4));
            RecoveryPoint p = dpm.recoveryPoints("GUEST1").get(0);
            document = Files.readString(p.files().get(p.files().size() - 2), StandardCharsets.UTF_8);
            try (VssRequester sim = dpm.vssRequester(Duration.ofMinutes(5))) {
                assertFalse(sim.initializeForRestore(document).isEmpty());
            }
        }
        try (VssRequester r = WindowsVssRequester.open(Duration.ofMinutes(5))) {
            List<VssWriter> writers = r.initializeForRestore(document);
            assertFalse(writers.isEmpty(), "InitializeForRestore took the point's document and gathered the writers");
        }
    }
}
