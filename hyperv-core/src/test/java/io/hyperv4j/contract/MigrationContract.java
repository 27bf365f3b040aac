package io.hyperv4j.contract;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.OperationCancelledException;
import io.hyperv4j.job.Operation;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vm.ControllerType;
import io.hyperv4j.vm.MigrationRefusal;
import io.hyperv4j.vm.MigrationRefusedException;
import io.hyperv4j.vm.MigrationSpec;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import io.hyperv4j.vm.VmState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Migration without a cluster (Msvm_VirtualSystemMigrationService) as any pair of Hyper-V hosts
 * must behave through the typed API: live, shared-nothing and storage migration, refusals typed by
 * Hyper-V's codes that leave the VM where it was, and a cancelled migration that changes nothing.
 * Subclasses give the two hosts (migration enabled on both) and a folder both can write disks to.
 */
public abstract class MigrationContract {
    /** The source host. */
    protected abstract HyperVHost openSource();

    /** The destination host, by a name the source resolves. */
    protected abstract HyperVHost openDestination();

    /** A folder the source can create disks in, and the destination (or the source's storage move) can write to. */
    protected abstract Path diskFolder();

    protected HyperVHost source;
    protected HyperVHost destination;
    private final List<String> created = new ArrayList<>();
    private final String prefix = "hv4j-migrate-" + UUID.randomUUID().toString().substring(0, 8) + "-";

    @BeforeEach
    void connect() {
        source = openSource();
        destination = openDestination();
        source.vms().migrations().enable(true).await();
        destination.vms().migrations().enable(true).await();
    }

    @AfterEach
    void cleanUp() {
        for (HyperVHost h : List.of(source, destination))
            for (String id : created)
                h.vms().findById(id).ifPresent(vm -> {
                    if (vm.state() != VmState.OFF) vm.turnOff().await();
                    vm.remove().await();
                });
        source.close();
        destination.close();
    }

    protected VirtualMachine newVm(String name) {
        VirtualMachine vm = source.vms().create(VmSpec.builder(prefix + name).memoryMb(1024).build());
        created.add(vm.id());
        return vm;
    }

    @Test
    void aRunningVmMovesLiveAndKeepsRunning() {
        VirtualMachine vm = newVm("live");
        vm.start().await();
        assertTrue(source.vms().migrations().isMigratable(vm, MigrationSpec.live(destination.name())));
        vm.migrate(MigrationSpec.live(destination.name())).await();
        assertTrue(source.vms().findById(vm.id()).isEmpty(), "gone from the source");
        assertEquals(VmState.RUNNING, destination.vms().findById(vm.id()).orElseThrow().state());
    }

    @Test
    void sharedNothingMovesTheDisksToTheirNewFilesByteForByte() throws Exception {
        VirtualMachine vm = newVm("shared-nothing");
        Path disk = source.disks().create(diskFolder().resolve(prefix + "a.vhdx"), DiskSpec.dynamic(VhdFormat.VHDX, 8 << 20)).await();
        vm.hardDisks().attach(disk, ControllerType.SCSI);
        byte[] before = Files.readAllBytes(disk);
        Path moved = diskFolder().resolve(prefix + "moved").resolve("a.vhdx");
        vm.start().await();
        vm.migrate(MigrationSpec.sharedNothing(destination.name()).moveDisk(disk, moved)).await();
        VirtualMachine there = destination.vms().findById(vm.id()).orElseThrow();
        assertEquals(VmState.RUNNING, there.state());
        assertEquals(moved.toString(), there.hardDisks().list().get(0).path());
        assertArrayEquals(before, Files.readAllBytes(moved));
    }

    @Test
    void storageMigrationMovesOnlyTheDisks() throws Exception {
        VirtualMachine vm = newVm("storage");
        Path disk = source.disks().create(diskFolder().resolve(prefix + "s.vhdx"), DiskSpec.dynamic(VhdFormat.VHDX, 8 << 20)).await();
        vm.hardDisks().attach(disk, ControllerType.SCSI);
        Path moved = diskFolder().resolve(prefix + "elsewhere").resolve("s.vhdx");
        vm.migrate(MigrationSpec.storage(disk, moved)).await();
        assertEquals(moved.toString(), source.vms().findById(vm.id()).orElseThrow().hardDisks().list().get(0).path());
        assertTrue(Files.isRegularFile(moved));
    }

    @Test
    void anUnknownDestinationIsRefusedAsNotAvailableAndTheVmStays() {
        VirtualMachine vm = newVm("nowhere");
        vm.start().await();
        MigrationRefusedException e = assertThrows(MigrationRefusedException.class,
                () -> vm.migrate(MigrationSpec.live("no-such-host-" + UUID.randomUUID().toString().substring(0, 6))).await());
        assertEquals(MigrationRefusal.SYSTEM_NOT_AVAILABLE, e.refusal(), e.getMessage());
        assertEquals(VmState.RUNNING, vm.state());
    }

    @Test
    void migrationDisabledOnTheDestinationIsRefusedAsNotSupported() {
        VirtualMachine vm = newVm("disabled");
        destination.vms().migrations().enable(false).await();
        assertFalse(destination.vms().migrations().isEnabled());
        MigrationRefusedException e = assertThrows(MigrationRefusedException.class,
                () -> vm.migrate(MigrationSpec.live(destination.name())).await());
        assertEquals(MigrationRefusal.NOT_SUPPORTED, e.refusal(), e.getMessage());
        assertTrue(e.hostMessage().orElseThrow().contains(destination.name()), e.hostMessage().toString());
        assertTrue(source.vms().findById(vm.id()).isPresent());
        assertFalse(source.vms().migrations().isMigratable(vm, MigrationSpec.live(destination.name())));
    }

    @Test
    void aCancelledMigrationLeavesTheVmRunningOnItsSource() {
        VirtualMachine vm = newVm("cancel");
        vm.start().await();
        Operation<Void> op = vm.migrate(MigrationSpec.live(destination.name()));
        assertTrue(op.cancel(), "a running migration job is cancellable");
        assertThrows(OperationCancelledException.class, op::await);
        assertEquals(VmState.RUNNING, source.vms().findById(vm.id()).orElseThrow().state());
        assertTrue(destination.vms().findById(vm.id()).isEmpty());
    }
}
