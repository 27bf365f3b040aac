package io.hyperv4j.backup;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.backup.sim.BackupLab;
import io.hyperv4j.backup.sim.BackupTemplates;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.vhd.ChangedRanges;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Express full reads the VM's resilient change tracking (the journal GetVirtualDiskChanges answers
 * from): it copies exactly the 64 KiB granules the guest wrote since the last point, even a write of
 * the bytes already there (tracking records writes, not differences), and tracking survives a lab
 * save and load; the restore equals the model's bytes.
 */
class ExpressFullChangeTrackingTest {
    @TempDir Path tmp;

    @Test
    void expressFullCopiesExactlyTheTrackedRangesAndRestoresTheModelsBytes() throws Exception {
        Path file = tmp.resolve("lab.json");
        String replica;
        try (Lab lab = BackupTemplates.seed004(3, SimClock.virtual(Lab.DEFAULT_START), false)) {
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            dpm.createGroup("g", LocalTime.NOON, Duration.ofDays(5));
            dpm.addMember("g", "GUEST1");
            BackupLab.of(lab).workload("GUEST1", 0, 1, 30, 50_000, BackupTemplates.DISK_BYTES);
            replica = dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK).await(Duration.ofHours(4));
            lab.save(file);
        }
        try (Lab lab = Lab.load(file)) {
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            BackupLab b = BackupLab.of(lab);
            ChangedRanges expected = new ChangedRanges();
            write(b, expected, 100_000, new byte[] {1, 2, 3});
            write(b, expected, 5L << 20, new byte[200_000]);
            byte[] same = java.util.Arrays.copyOfRange(b.diskBytes("GUEST1", 0), 9 << 20, (9 << 20) + 10);
            write(b, expected, 9L << 20, same); // the same bytes again: no difference, but a tracked write
            byte[] model = b.diskBytes("GUEST1", 0);
            String express = dpm.backup("GUEST1", BackupKind.EXPRESS_FULL, BackupPath.NETWORK).await(Duration.ofHours(4));
            RecoveryPoint p = dpm.recoveryPoints("GUEST1").get(1);
            assertEquals(express, p.id());
            assertEquals(expected.bytes(), p.transferredBytes(), "the express full copies the tracked granules, no more, no less");
            assertEquals(6L * ChangedRanges.GRANULE, expected.bytes(), "1 + 4 + 1 granules");

            Path out = Files.createDirectory(tmp.resolve("restored"));
            dpm.restore("GUEST1", express, RestoreTarget.folder(out)).await(Duration.ofHours(4));
            assertArrayEquals(model, Seed004ScenariosTest.readDisk(out.resolve("GUEST1-disk0.vhdx")));
            assertNotEquals(replica, express);
        }
    }

    private static void write(BackupLab b, ChangedRanges expected, long offset, byte[] data) {
        b.guestWrite("GUEST1", 0, offset, data);
        expected.add(offset, data.length);
    }
}
