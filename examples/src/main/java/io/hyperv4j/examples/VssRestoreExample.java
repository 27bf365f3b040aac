package io.hyperv4j.examples;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.backup.BackupKind;
import io.hyperv4j.backup.BackupPath;
import io.hyperv4j.backup.DataProtection;
import io.hyperv4j.backup.vss.HyperVWriter;
import io.hyperv4j.backup.vss.VssBackupType;
import io.hyperv4j.backup.vss.VssComponent;
import io.hyperv4j.backup.vss.VssException;
import io.hyperv4j.backup.vss.VssRequester;
import io.hyperv4j.backup.vss.VssSnapshotSet;
import io.hyperv4j.backup.vss.VssWriter;
import io.hyperv4j.backup.sim.BackupLab;
import io.hyperv4j.backup.sim.BackupTemplates;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;

/**
 * Restoring a VM in place through VSS's restore phases, as a backup application does it on Windows:
 * a backup of GUEST1 through the requester (its Backup Components Document kept) with the data copied
 * by the protection server; the guest writes on; then a new requester initialises for restore from the
 * document, selects GUEST1's Hyper-V writer component, PreRestore (the writer stops the VM), the files
 * are put back, PostRestore. The disk then holds the backup's bytes. A PostRestore without the files
 * put back is the writer's typed failure. {@code ./hyperv example VssRestoreExample}.
 */
public final class VssRestoreExample {
    private static final Duration STEP = Duration.ofMinutes(5);

    private VssRestoreExample() {
    }

    public static void main(String[] args) {
        try (Lab lab = BackupTemplates.seed004(1, SimClock.virtual(Lab.DEFAULT_START), false); HyperVHost hypr1 = lab.connect("HYPR1")) {
            DataProtection dpm = hypr1.capability(DataProtection.class);
            BackupLab guest = BackupLab.of(lab);
            dpm.createGroup("Exchange", LocalTime.of(3, 0), Duration.ofDays(5));
            dpm.addMember("Exchange", "GUEST1");
            guest.workload("GUEST1", 0, 1, 20, 64 * 1024, BackupTemplates.DISK_BYTES);

            String document;
            String point;
            try (VssRequester r = dpm.vssRequester(STEP)) {
                VssWriter writer = hyperV(r.gatherWriterMetadata(VssBackupType.FULL));
                VssComponent guest1 = component(writer, "GUEST1");
                r.addComponent(writer, guest1);
                VssSnapshotSet set = r.createSnapshotSet(List.of("C:\\ClusterStorage\\Volume1"));
                point = dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK).await(); // the data, copied
                r.setBackupSucceeded(writer, guest1, true);
                r.backupComplete();
                document = r.backupDocument();
                r.deleteSnapshotSet(set);
            }
            byte[] backedUp = guest.diskBytes("GUEST1", 0);
            System.out.println("backed up GUEST1 as " + point + "; the Backup Components Document is " + document.length() + " characters");
            guest.workload("GUEST1", 0, 2, 20, 64 * 1024, BackupTemplates.DISK_BYTES); // the guest writes on

            try (VssRequester r = dpm.vssRequester(STEP)) { // an application that forgets to put the files back
                VssWriter writer = hyperV(r.initializeForRestore(document));
                r.selectForRestore(writer, component(writer, "GUEST1"));
                r.preRestore();
                r.postRestore();
            } catch (VssException e) {
                System.out.println("PostRestore without the files: " + e.error() + " (retryable " + e.error().retryable() + ")");
            }
            try (VssRequester r = dpm.vssRequester(STEP)) {
                VssWriter writer = hyperV(r.initializeForRestore(document));
                r.selectForRestore(writer, component(writer, "GUEST1"));
                r.preRestore();
                System.out.println("after PreRestore GUEST1 is " + hypr1.vms().get("GUEST1").state());
                guest.putBack("GUEST1", point);
                r.postRestore();
                System.out.println("writer after PostRestore: " + r.writerStatus().get(0).state());
            }
            System.out.println("GUEST1's disk equals the backup: " + Arrays.equals(backedUp, guest.diskBytes("GUEST1", 0)));
            System.out.println("events: " + dpm.events().stream().map(e -> e.id() + " " + e.source()).toList());
        }
    }

    private static VssWriter hyperV(List<VssWriter> writers) {
        return writers.stream().filter(HyperVWriter::is).findFirst().orElseThrow();
    }

    private static VssComponent component(VssWriter writer, String vm) {
        return HyperVWriter.vms(writer).stream().filter(c -> c.vmName().equals(vm)).findFirst().orElseThrow().component();
    }
}
