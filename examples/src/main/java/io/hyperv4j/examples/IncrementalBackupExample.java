package io.hyperv4j.examples;

import io.hyperv4j.ConnectOptions;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.v2.storage.SimGuest;
import io.hyperv4j.vhd.ByteRange;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.OpenMode;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vhd.VirtualDisk;
import io.hyperv4j.vhd.VirtualDisks;
import io.hyperv4j.vm.ChangeTracking;
import io.hyperv4j.vm.ConsistencyLevel;
import io.hyperv4j.vm.ControllerType;
import io.hyperv4j.vm.DiskChanges;
import io.hyperv4j.vm.RecoveryCheckpoint;
import io.hyperv4j.vm.ReferencePoint;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A full and an incremental backup the Windows Server 2016 way (recovery checkpoint, reference
 * point, resilient change tracking), on a simulated host: copy the frozen disk, convert the
 * checkpoint to a reference point, let the guest write, take the next recovery checkpoint, copy only
 * the changed ranges onto the full copy, and check the result against the frozen disk byte for byte.
 * On a real host the same typed calls work on {@code wmi://...} without the guest part.
 */
public final class IncrementalBackupExample {
    private IncrementalBackupExample() {}

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("hyperv4j-rct");
        long size = 256L << 20;
        try (Lab lab = Lab.builder().seed(4).host("HV01", 16, 65536).build();
             HyperVHost host = new HyperVHost(URI.create("sim:standalone"), lab.session("HV01"), ConnectOptions.defaults())) {
            VirtualMachine vm = host.vms().create(VmSpec.builder("example-app01").memoryMb(2048).generation(2).build());
            Path disk = dir.resolve("app01.vhdx");
            VirtualDisks.createFile(disk, DiskSpec.dynamic(VhdFormat.VHDX, size));
            vm.hardDisks().attach(disk, ControllerType.SCSI);
            vm.start().await();
            SimGuest guest = SimGuest.of(lab, vm.id());
            guest.workload(0, 1, 200, 256 << 10, size);

            ChangeTracking rct = vm.changeTracking();
            RecoveryCheckpoint full = rct.recoveryCheckpoint(rct.createRecoveryCheckpoint(ConsistencyLevel.APPLICATION_CONSISTENT).await());
            byte[] backup = readAll(rct.frozenDisks(full).get(0).file());
            ReferencePoint rp = rct.referencePoint(rct.convertToReferencePoint(full).await()).orElseThrow();
            System.out.println("Full backup: " + backup.length + " bytes; reference point " + rp.id() + " " + rp.disks());

            guest.workload(0, 2, 20, 64 << 10, size);
            RecoveryCheckpoint next = rct.recoveryCheckpoint(rct.createRecoveryCheckpoint(ConsistencyLevel.APPLICATION_CONSISTENT).await());
            DiskChanges changes = rct.changesBetween(rp, next).get(0);
            byte[] now = readAll(changes.file());
            for (ByteRange r : changes.ranges()) System.arraycopy(now, (int) r.offset(), backup, (int) r.offset(), (int) r.length());
            System.out.printf("Incremental: %d bytes in %d ranges (%.2f %% of the disk)%n", changes.changedBytes(), changes.ranges().size(),
                    100.0 * changes.changedBytes() / size);
            System.out.println("Full + incremental equals the disk at the second checkpoint: " + Arrays.equals(now, backup));

            ReferencePoint second = rct.referencePoint(rct.convertToReferencePoint(next).await()).orElseThrow();
            rct.destroyReferencePoint(rp).await();
            System.out.println("Reference points now: " + rct.referencePoints().stream().map(ReferencePoint::id).toList()
                    + " (kept " + second.id() + ")");
            vm.turnOff().await();
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static byte[] readAll(Path file) {
        try (VirtualDisk d = VirtualDisks.open(file, OpenMode.READ_ONLY)) {
            byte[] all = new byte[(int) d.size()];
            d.read(0, all, 0, all.length);
            return all;
        }
    }
}
