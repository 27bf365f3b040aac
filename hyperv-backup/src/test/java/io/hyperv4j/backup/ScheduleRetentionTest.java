package io.hyperv4j.backup;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.backup.sim.BackupLab;
import io.hyperv4j.backup.sim.BackupTemplates;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.vhd.VhdType;
import io.hyperv4j.vhd.VirtualDisks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A protection group's schedule makes recovery points on the lab clock and its retention range deletes
 * expired points with their files, over simulated days; the express fulls kept still restore to the
 * model's bytes (the expired points they built on were folded into them), and the schedule survives a
 * lab save and load.
 */
class ScheduleRetentionTest {
    @TempDir Path tmp;

    @Test
    void dailyExpressFullsAtTheScheduledTimeAndRetentionKeepsTheChainRestorable() throws Exception {
        Path file = tmp.resolve("lab.json");
        Map<String, byte[]> model = new HashMap<>();
        Instant day0 = Lab.DEFAULT_START; // 09:00 UTC
        try (Lab lab = BackupTemplates.seed004(5, SimClock.virtual(day0), false)) {
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            BackupLab b = BackupLab.of(lab);
            dpm.createGroup("g", LocalTime.of(15, 0), Duration.ofDays(2));
            dpm.addMember("g", "GUEST1");
            lab.clock().advance(Duration.ofHours(7)); // 16:00: the group's first time passed, no replica yet: nothing made
            assertEquals(List.of(), dpm.recoveryPoints("GUEST1"), "a member without a replica is skipped");
            b.workload("GUEST1", 0, 100, 20, 60_000, BackupTemplates.DISK_BYTES);
            model.put(dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK).await(Duration.ofHours(4)), b.diskBytes("GUEST1", 0));
            lab.save(file);
        }
        try (Lab lab = Lab.load(file)) {
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            BackupLab b = BackupLab.of(lab);
            for (int day = 1; day <= 6; day++) {
                at(lab, day0.plus(Duration.ofDays(day)).plus(Duration.ofHours(5))); // 14:00
                b.workload("GUEST1", 0, 100 + day, 20, 60_000, BackupTemplates.DISK_BYTES);
                byte[] at1500 = b.diskBytes("GUEST1", 0);
                int before = dpm.recoveryPoints("GUEST1").size();
                at(lab, day0.plus(Duration.ofDays(day)).plus(Duration.ofHours(11))); // 20:00: the express full has run
                List<RecoveryPoint> pts = dpm.recoveryPoints("GUEST1");
                RecoveryPoint last = pts.get(pts.size() - 1);
                assertEquals(BackupKind.EXPRESS_FULL, last.kind());
                assertEquals(LocalTime.of(15, 0), last.representedPointInTime().atZone(ZoneOffset.UTC).toLocalTime().withSecond(0),
                        "taken at the group's time (its shadow copy a minute in)");
                assertTrue(pts.size() <= before + 1);
                model.put(last.id(), at1500);
            }
            List<RecoveryPoint> pts = dpm.recoveryPoints("GUEST1");
            Instant lastRun = day0.plus(Duration.ofDays(6)).plus(Duration.ofHours(6));
            assertEquals(3, pts.size(), "days 4, 5 and 6 are within two days of the last run: " + pts);
            for (RecoveryPoint p : pts) assertFalse(p.representedPointInTime().isBefore(lastRun.minus(Duration.ofDays(2))), p.toString());
            assertEquals(VhdType.DYNAMIC, VirtualDisks.inspect(pts.get(0).files().get(0)).vhdType(),
                    "the oldest kept point holds the data of the expired ones it built on");
            assertEquals(VhdType.DIFFERENCING, VirtualDisks.inspect(pts.get(1).files().get(0)).vhdType());

            List<Path> expected = new ArrayList<>();
            pts.forEach(p -> expected.addAll(p.files()));
            try (Stream<Path> s = Files.list(pts.get(0).files().get(0).getParent())) {
                assertEquals(expected.stream().sorted().toList(), s.sorted().toList(), "the expired points' files are gone, nothing else");
            }
            for (RecoveryPoint p : pts) {
                Path out = Files.createDirectory(tmp.resolve(p.id()));
                dpm.restore("GUEST1", p.id(), RestoreTarget.folder(out)).await(Duration.ofHours(4));
                assertArrayEquals(model.get(p.id()), Seed004ScenariosTest.readDisk(out.resolve("GUEST1-disk0.vhdx")), p.id());
            }
        }
    }

    @Test
    void retentionAlsoRunsAfterAManualBackupAndTheGroupShowsItsSchedule() throws Exception {
        Instant day0 = Lab.DEFAULT_START; // 09:00 UTC
        try (Lab lab = BackupTemplates.seed004(6, SimClock.virtual(day0), false)) {
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            BackupLab b = BackupLab.of(lab);
            dpm.createGroup("g", LocalTime.of(6, 0), Duration.ofHours(12)); // no scheduled run today
            ProtectionSchedule schedule = new ProtectionSchedule(List.of(LocalTime.of(6, 0), LocalTime.of(5, 0)), Duration.ofMinutes(15));
            dpm.setSchedule("g", schedule);
            dpm.addMember("g", "GUEST1");
            assertEquals(List.of(new ProtectionGroup("g", List.of("GUEST1"), LocalTime.of(6, 0), Duration.ofHours(12), schedule)), dpm.groups());
            assertEquals(List.of(LocalTime.of(5, 0), LocalTime.of(6, 0)), dpm.groups().get(0).schedule().expressFullTimes());
            dpm.setSchedule("g", ProtectionSchedule.daily(LocalTime.of(6, 0)));

            Map<String, byte[]> model = new HashMap<>();
            b.workload("GUEST1", 0, 61, 20, 60_000, BackupTemplates.DISK_BYTES);
            String replica = dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK).await(Duration.ofHours(4));
            at(lab, day0.plus(Duration.ofHours(6))); // 15:00
            b.workload("GUEST1", 0, 62, 20, 60_000, BackupTemplates.DISK_BYTES);
            String first = dpm.backup("GUEST1", BackupKind.EXPRESS_FULL, BackupPath.NETWORK).await(Duration.ofHours(4));
            model.put(first, b.diskBytes("GUEST1", 0));
            assertEquals(2, dpm.recoveryPoints("GUEST1").size(), "nothing is older than 12 hours yet");

            at(lab, day0.plus(Duration.ofHours(13))); // 22:00: the replica is older than the retention range
            b.workload("GUEST1", 0, 63, 20, 60_000, BackupTemplates.DISK_BYTES);
            String second = dpm.backup("GUEST1", BackupKind.EXPRESS_FULL, BackupPath.NETWORK).await(Duration.ofHours(4));
            model.put(second, b.diskBytes("GUEST1", 0));
            List<RecoveryPoint> pts = dpm.recoveryPoints("GUEST1");
            assertEquals(List.of(first, second), pts.stream().map(RecoveryPoint::id).toList(), "the manual run pruned " + replica);
            assertEquals(VhdType.DYNAMIC, VirtualDisks.inspect(pts.get(0).files().get(0)).vhdType(), "the replica was folded into " + first);
            for (RecoveryPoint p : pts) {
                Path out = Files.createDirectory(tmp.resolve("manual-" + p.id()));
                dpm.restore("GUEST1", p.id(), RestoreTarget.folder(out)).await(Duration.ofHours(4));
                assertArrayEquals(model.get(p.id()), Seed004ScenariosTest.readDisk(out.resolve("GUEST1-disk0.vhdx")), p.id());
            }
        }
    }

    @Test
    void aScheduleNeedsATimeAndAnExistingGroup() {
        assertThrows(IllegalArgumentException.class, () -> new ProtectionSchedule(List.of(), null));
        assertThrows(IllegalArgumentException.class, () -> new ProtectionSchedule(List.of(LocalTime.NOON), Duration.ZERO));
        try (Lab lab = BackupTemplates.seed004(5, SimClock.virtual(Lab.DEFAULT_START), false)) {
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            assertEquals(BackupRefusal.NOT_FOUND, assertThrows(BackupRefusedException.class,
                    () -> dpm.setSchedule("nope", ProtectionSchedule.daily(LocalTime.NOON))).reason());
        }
    }

    private static void at(Lab lab, Instant when) {
        lab.clock().advance(Duration.between(lab.clock().now(), when));
    }
}
