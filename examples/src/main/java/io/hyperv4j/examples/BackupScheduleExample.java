package io.hyperv4j.examples;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.backup.BackupKind;
import io.hyperv4j.backup.BackupPath;
import io.hyperv4j.backup.DataProtection;
import io.hyperv4j.backup.ProtectionSchedule;
import io.hyperv4j.backup.RecoveryPoint;
import io.hyperv4j.backup.RestoreTarget;
import io.hyperv4j.backup.sim.BackupLab;
import io.hyperv4j.backup.sim.BackupTemplates;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.vhd.OpenMode;
import io.hyperv4j.vhd.VirtualDisk;
import io.hyperv4j.vhd.VirtualDisks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * A protection group that runs by itself on seed 004's lab: a replica of GUEST1, then a week on the
 * virtual clock with the guest writing every morning, the group's express full at 15:00 each day and
 * a retention range of two days; each evening the points kept and the store's files. At the end the
 * oldest kept point (whose expired predecessors were folded into it) is restored to a folder and its
 * bytes compared with what the guest's disk held at 15:00 that day. {@code ./hyperv example BackupScheduleExample}.
 */
public final class BackupScheduleExample {
    private BackupScheduleExample() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Files.createTempDirectory("hyperv4j-schedule-example");
        try (Lab lab = BackupTemplates.seed004(1, SimClock.virtual(Lab.DEFAULT_START), false); HyperVHost hypr1 = lab.connect("HYPR1")) {
            DataProtection dpm = hypr1.capability(DataProtection.class);
            BackupLab guest = BackupLab.of(lab);
            dpm.createGroup("Exchange", LocalTime.of(15, 0), Duration.ofDays(2));
            dpm.setSchedule("Exchange", new ProtectionSchedule(List.of(LocalTime.of(15, 0)), null));
            dpm.addMember("Exchange", "GUEST1");
            dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK).await();
            java.util.Map<String, byte[]> at1500 = new java.util.HashMap<>();
            for (int day = 1; day <= 7; day++) {
                lab.clock().advance(Duration.between(lab.clock().now(), Lab.DEFAULT_START.plus(Duration.ofDays(day))));
                guest.workload("GUEST1", 0, day, 12, 64 * 1024, BackupTemplates.DISK_BYTES); // the morning's mail
                byte[] disk = guest.diskBytes("GUEST1", 0);
                lab.clock().advance(Duration.ofHours(12)); // 21:00: the 15:00 express full has run
                List<RecoveryPoint> points = dpm.recoveryPoints("GUEST1");
                at1500.put(points.get(points.size() - 1).id(), disk);
                long files;
                try (Stream<Path> s = Files.list(points.get(0).files().get(0).getParent())) {
                    files = s.count();
                }
                System.out.printf("day %d: %d points kept (%s), %d files in the store%n", day, points.size(),
                        String.join(", ", points.stream().map(p -> p.id() + " " + p.kind()).toList()), files);
            }
            List<RecoveryPoint> points = dpm.recoveryPoints("GUEST1");
            RecoveryPoint oldest = points.get(0);
            dpm.restore("GUEST1", oldest.id(), RestoreTarget.folder(out)).await();
            System.out.println("restored " + oldest.id() + " (" + oldest.representedPointInTime() + ") equals the disk at 15:00 that day: "
                    + Arrays.equals(at1500.get(oldest.id()), read(out.resolve("GUEST1-disk0.vhdx"))));
        } finally {
            try (Stream<Path> s = Files.walk(out)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    private static byte[] read(Path disk) {
        try (VirtualDisk d = VirtualDisks.open(disk, OpenMode.READ_ONLY)) {
            byte[] b = new byte[(int) d.size()];
            d.read(0, b, 0, b.length);
            return b;
        }
    }
}
