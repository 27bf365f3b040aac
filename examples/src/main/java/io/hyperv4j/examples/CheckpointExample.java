package io.hyperv4j.examples;

import io.hyperv4j.AmbiguousNameException;
import io.hyperv4j.ConnectOptions;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.InvalidStateException;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.v2.storage.SimGuest;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vhd.VirtualDisks;
import io.hyperv4j.vm.Checkpoint;
import io.hyperv4j.vm.CheckpointType;
import io.hyperv4j.vm.Checkpoints;
import io.hyperv4j.vm.ControllerType;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Disks and checkpoints on a simulated host: attach a VHDX, let the guest write, checkpoint,
 * branch, apply each checkpoint and read back what the guest saw then, delete them (the disks
 * merge back into the VHDX). The guest is the simulator's ({@link SimGuest}); on a real host the
 * same typed calls work on {@code wmi://...} without the guest part.
 */
public final class CheckpointExample {
    private CheckpointExample() {}

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("hyperv4j-checkpoints");
        try (Lab lab = Lab.builder().seed(1).host("HV01", 16, 65536).build();
             HyperVHost host = new HyperVHost(URI.create("sim:standalone"), lab.session("HV01"), ConnectOptions.defaults())) {
            VirtualMachine vm = host.vms().create(VmSpec.builder("example-db01").memoryMb(2048).build());
            Path disk = dir.resolve("db01.vhdx");
            VirtualDisks.createFile(disk, DiskSpec.dynamic(VhdFormat.VHDX, 64L << 30)); // 64 GiB, sparse
            System.out.println("Attached " + vm.hardDisks().attach(disk, ControllerType.SCSI));

            Checkpoints cps = vm.checkpoints();
            cps.setType(CheckpointType.STANDARD).await();
            SimGuest guest = SimGuest.of(lab, vm.id());
            vm.start().await();
            guest.write(0, 0, text("v1"));
            String v1 = cps.create("before upgrade").await();
            guest.write(0, 0, text("v2"));
            String v2 = cps.create("after upgrade").await();
            System.out.println("Disk now: " + vm.hardDisks().list().get(0).path());

            try {
                cps.apply(cps.byId(v1).orElseThrow()).await();
            } catch (InvalidStateException e) {
                System.out.println("Refused while running: " + e.getMessage());
            }
            vm.turnOff().await();
            cps.apply(cps.byId(v1).orElseThrow()).await();
            System.out.println("Applied 'before upgrade': VM is " + vm.state() + ", disk reads " + read(guest));
            vm.start().await();
            guest.write(0, 0, text("v3"));
            cps.create("after upgrade").await(); // a branch, with a name already taken
            vm.turnOff().await();
            try {
                cps.requireByName("after upgrade");
            } catch (AmbiguousNameException e) {
                System.out.println("Names are not unique: " + e.ids());
            }
            cps.tree().forEach(line -> System.out.println("  " + line));
            cps.apply(cps.byId(v2).orElseThrow()).await();
            System.out.println("Applied " + v2 + ": disk reads " + read(guest));

            for (Checkpoint root : cps.roots()) cps.deleteSubtree(root).await();
            System.out.println("All deleted; disk back on " + vm.hardDisks().list().get(0).path() + ", reads " + read(guest));
            vm.remove().await();
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String read(SimGuest guest) {
        return new String(guest.read(0, 0, 2), StandardCharsets.US_ASCII);
    }
}
