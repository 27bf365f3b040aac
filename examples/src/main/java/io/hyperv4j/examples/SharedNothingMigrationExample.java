package io.hyperv4j.examples;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.job.Operation;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vm.ControllerType;
import io.hyperv4j.vm.MigrationRefusedException;
import io.hyperv4j.vm.MigrationSpec;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Live migration without a cluster through Hyper-V's Msvm_VirtualSystemMigrationService, on two
 * simulated hosts of one lab: refused while migration is off (as Windows installs a host), then a
 * shared-nothing move of a running VM with its disk, then a storage-only move on the destination.
 */
public final class SharedNothingMigrationExample {
    private SharedNothingMigrationExample() {}

    public static void main(String[] args) throws Exception {
        Path folder = Files.createTempDirectory("hv4j-shared-nothing");
        try (Lab lab = Lab.builder().host("HV01", 16, 65_536).host("HV02", 16, 65_536).build();
             HyperVHost host1 = lab.connect("HV01"); HyperVHost host2 = lab.connect("HV02")) {
            Path disk = host1.disks().create(folder.resolve("web.vhdx"), DiskSpec.dynamic(VhdFormat.VHDX, 64 << 20)).await();
            VirtualMachine vm = host1.vms().create(VmSpec.builder("web").memoryMb(2048).build());
            vm.hardDisks().attach(disk, ControllerType.SCSI);
            vm.start().await();
            try {
                vm.migrate(MigrationSpec.live("HV02")).await();
            } catch (MigrationRefusedException e) {
                System.out.println("Refused (" + e.refusal() + "): " + e.hostMessage().orElse(e.getMessage()));
            }
            host1.vms().migrations().enable(true).await();
            host2.vms().migrations().enable(true).await();

            Path moved = folder.resolve("HV02").resolve("web.vhdx");
            long t0 = lab.clock().now().toEpochMilli();
            Operation<Void> move = vm.migrate(MigrationSpec.sharedNothing("HV02").moveDisk(disk, moved));
            move.onProgress(p -> System.out.println("  shared-nothing migration " + p + "%"));
            move.await();
            VirtualMachine there = host2.vms().findById(vm.id()).orElseThrow();
            System.out.printf("web runs on HV02 (%s) from %s after %.1f s of lab time%n", there.state(),
                    there.hardDisks().list().get(0).path(), (lab.clock().now().toEpochMilli() - t0) / 1000.0);

            Path archive = folder.resolve("archive").resolve("web.vhdx");
            there.migrate(MigrationSpec.storage(moved, archive)).await();
            System.out.println("web's disk now lies at " + host2.vms().findById(vm.id()).orElseThrow().hardDisks().list().get(0).path());
        } finally {
            try (var files = Files.walk(folder)) { // the example's scratch folder goes with it
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }
}
