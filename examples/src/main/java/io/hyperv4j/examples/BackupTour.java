package io.hyperv4j.examples;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.backup.BackupKind;
import io.hyperv4j.backup.BackupPath;
import io.hyperv4j.backup.DataProtection;
import io.hyperv4j.backup.RestoreTarget;
import io.hyperv4j.backup.sim.BackupLab;
import io.hyperv4j.backup.sim.BackupTemplates;
import io.hyperv4j.job.Operation;
import io.hyperv4j.sim.Lab;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.util.function.BiConsumer;

/** The tour's backup step: protect GUEST1, back it up, let the guest write, restore the point over the VM. */
final class BackupTour {
    private BackupTour() {
    }

    /** Returns the disk's bytes at the backup and after the restore (they must be equal). */
    static byte[][] backUpChangeRestore(Lab lab, HyperVHost host, BiConsumer<Operation<?>, String> run, PrintStream out) {
        DataProtection dpm = host.capability(DataProtection.class);
        dpm.createGroup("Exchange", LocalTime.of(15, 0), Duration.ofDays(5));
        dpm.addMember("Exchange", "GUEST1");
        BackupLab guest = BackupLab.of(lab);
        guest.workload("GUEST1", 0, 1, 16, 64 * 1024, BackupTemplates.DISK_BYTES);
        byte[] backedUp = guest.diskBytes("GUEST1", 0);
        Operation<String> backup = dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK);
        run.accept(backup, "Backing up");
        String point = backup.await();
        guest.workload("GUEST1", 0, 2, 16, 64 * 1024, BackupTemplates.DISK_BYTES);
        out.println("      recovery point " + point + "; then the guest wrote 16 more blocks");
        run.accept(dpm.restore("GUEST1", point, RestoreTarget.original()), "Restoring");
        dpm.events().forEach(e -> out.println("      event " + e.id() + " (" + e.source() + "): " + e.message()));
        return new byte[][] {backedUp, guest.diskBytes("GUEST1", 0)};
    }
}
