package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vm.BootDevice;
import io.hyperv4j.vm.BootSource;
import io.hyperv4j.vm.Checkpoint;
import io.hyperv4j.vm.ControllerType;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: a checkpoint keeps the VM's boot order and the ISO in its DVD drive; its settings show
 * them, and applying it puts them back (before: the boot order and media stayed what they were last).
 * The captures survive a lab save and load.
 */
class CheckpointConfigurationTest {
    @TempDir Path dir;

    @Test
    void generationOneBootOrderAndMediaComeBackWithTheCheckpoint() throws Exception {
        Path setup = Files.writeString(dir.resolve("setup.iso"), "CD001");
        Path tools = Files.writeString(dir.resolve("tools.iso"), "CD001");
        List<BootDevice> cdFirst = List.of(BootDevice.CD, BootDevice.IDE_HARD_DRIVE, BootDevice.PXE, BootDevice.FLOPPY);
        try (V2Fixture f = new V2Fixture()) {
            HyperVHost host = f.lab.connect(V2Fixture.HOST);
            VirtualMachine vm = host.vms().create(VmSpec.builder("legacy").generation(1).build());
            vm.setBootOrder(cdFirst).await();
            vm.dvdDrive().insert(setup);
            Checkpoint installing = vm.checkpoints().byId(vm.checkpoints().create("installing").await()).orElseThrow();
            assertEquals(List.of(1L, 2L, 3L, 0L), f.session.get(StorageRenderer.snapshot(V2Fixture.HOST, installing.id())).get("BootOrder").asList(), "the checkpoint shows its boot order");

            vm.setBootOrder(List.of(BootDevice.IDE_HARD_DRIVE, BootDevice.CD, BootDevice.PXE, BootDevice.FLOPPY)).await();
            vm.dvdDrive().eject();
            vm.dvdDrive().insert(tools);
            assertEquals(List.of(1L, 2L, 3L, 0L), f.session.get(StorageRenderer.snapshot(V2Fixture.HOST, installing.id())).get("BootOrder").asList(), "later changes leave the checkpoint");

            Path file = dir.resolve("lab.json");
            f.lab.save(file);
            try (Lab back = Lab.load(file); HyperVHost h2 = back.connect(V2Fixture.HOST)) {
                VirtualMachine again = h2.vms().get("legacy");
                again.checkpoints().apply(again.checkpoints().requireByName("installing")).await();
                assertEquals(List.of(1L, 2L, 3L, 0L), back.session(V2Fixture.HOST).get(V2.settings(V2Fixture.HOST, again.id())).get("BootOrder").asList());
                assertEquals(Optional.of(setup.toString()), again.dvdDrive().media(), "the ISO the checkpoint held");
            }
            vm.checkpoints().apply(installing).await();
            assertEquals(Optional.of(setup.toString()), vm.dvdDrive().media());
        }
    }

    private static List<io.hyperv4j.cim.ObjectPath> paths(List<BootSource> sources) {
        return sources.stream().map(BootSource::path).toList();
    }

    @Test
    void generationTwoBootSourceOrderComesBackWithTheCheckpoint() {
        try (V2Fixture f = new V2Fixture()) {
            HyperVHost host = f.lab.connect(V2Fixture.HOST);
            VirtualMachine vm = host.vms().create(VmSpec.builder("g2").build()); // a network adapter
            Path disk = host.disks().create(dir.resolve("os.vhdx"), DiskSpec.dynamic(VhdFormat.VHDX, 8 << 20)).await();
            vm.hardDisks().attach(disk, ControllerType.SCSI);
            List<BootSource> driveFirst = vm.bootSources();
            assertEquals(2, driveFirst.size(), "the drive, then the adapter");
            List<BootSource> networkFirst = List.of(driveFirst.get(1), driveFirst.get(0));
            vm.setBootSourceOrder(networkFirst).await();
            vm.checkpoints().create("pxe").await();
            vm.setBootSourceOrder(driveFirst).await();
            assertEquals(paths(driveFirst), paths(vm.bootSources()));
            vm.checkpoints().apply(vm.checkpoints().requireByName("pxe")).await();
            assertEquals(paths(networkFirst), paths(vm.bootSources()), "the order the checkpoint held");
        }
    }
}
