package io.hyperv4j.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.HyperVException;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vm.ChangeTracking;
import io.hyperv4j.vm.ConsistencyLevel;
import io.hyperv4j.vm.ControllerType;
import io.hyperv4j.vm.DiskChanges;
import io.hyperv4j.vm.FrozenDisk;
import io.hyperv4j.vm.HardDiskDrive;
import io.hyperv4j.vm.RecoveryCheckpoint;
import io.hyperv4j.vm.ReferencePoint;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Backup through WMI (recovery checkpoints, reference points, resilient change tracking) as any
 * Windows Server 2016+ host must behave through {@link ChangeTracking}: the simulator (runs
 * everywhere) or a real host. Each test makes its own VM with one dynamic VHDX on SCSI, kept off
 * (so nothing writes to it), and removes it afterwards.
 * <p>Reusable from other modules through hyperv-core's test-jar.
 */
public abstract class ChangeTrackingContract {
    protected static final long MB = 1L << 20;

    /** Opens the host under test; called before each test and closed after it. */
    protected abstract HyperVHost openHost();

    /** A fresh directory the host stores disks in. */
    protected abstract Path dir();

    protected HyperVHost host;
    protected VirtualMachine vm;
    protected ChangeTracking rct;
    protected Path disk;

    @BeforeEach
    void createVm() {
        host = openHost();
        String name = "hv4j-rct-" + UUID.randomUUID().toString().substring(0, 8);
        vm = host.vms().create(VmSpec.builder(name).memoryMb(1024).generation(2).build());
        disk = dir().resolve(name + ".vhdx");
        host.disks().create(disk, DiskSpec.dynamic(VhdFormat.VHDX, 32 * MB)).await();
        vm.hardDisks().attach(disk, ControllerType.SCSI);
        rct = vm.changeTracking();
    }

    @AfterEach
    void removeVm() {
        try {
            for (ReferencePoint rp : rct.referencePoints()) rct.destroyReferencePoint(rp).await();
            for (RecoveryCheckpoint cp : rct.recoveryCheckpoints()) rct.convertToReferencePoint(cp).await();
            for (ReferencePoint rp : rct.referencePoints()) rct.destroyReferencePoint(rp).await();
            if (vm.state().isActive()) vm.turnOff().await();
            vm.remove().await();
        } finally {
            host.close();
        }
    }

    /** Takes a recovery checkpoint and returns it. */
    protected RecoveryCheckpoint recoveryCheckpoint(ConsistencyLevel level) {
        return rct.recoveryCheckpoint(rct.createRecoveryCheckpoint(level).await());
    }

    /** Takes a recovery checkpoint, converts it and returns the reference point. */
    protected ReferencePoint referencePoint(ConsistencyLevel level) {
        String id = rct.convertToReferencePoint(recoveryCheckpoint(level)).await();
        return rct.referencePoint(id).orElseThrow();
    }

    @Test
    void aRecoveryCheckpointFreezesTheDisksOutsideTheUsersCheckpointTree() {
        RecoveryCheckpoint cp = recoveryCheckpoint(ConsistencyLevel.CRASH_CONSISTENT);
        assertEquals(List.of(cp), rct.recoveryCheckpoints());
        assertEquals(vm.id(), cp.vmId());
        assertTrue(vm.checkpoints().list().isEmpty(), "a recovery checkpoint is not a user checkpoint");
        List<FrozenDisk> frozen = rct.frozenDisks(cp);
        assertEquals(1, frozen.size());
        HardDiskDrive drive = vm.hardDisks().list().get(0);
        assertEquals(drive.diskSettingsId(), frozen.get(0).diskSettingsId());
        assertEquals(disk.toString(), frozen.get(0).file().toString(), "the drive now writes to a child of the frozen file");
        assertFalse(drive.path().equals(disk.toString()), drive.path());
    }

    @Test
    void aRecoveryCheckpointsConfigurationExportsUnderTheVmsId() {
        RecoveryCheckpoint cp = recoveryCheckpoint(ConsistencyLevel.CRASH_CONSISTENT);
        Path into = dir().resolve(vm.name() + "-export");
        Path file = rct.exportConfiguration(cp, into).await();
        assertEquals(into.resolve("Virtual Machines").resolve(vm.id() + ".vmcx"), file);
        assertTrue(java.nio.file.Files.isRegularFile(file), file + " was written");
        assertEquals(List.of(cp), rct.recoveryCheckpoints(), "exporting keeps the checkpoint");
    }

    @Test
    void convertingGivesAnRctReferencePointPerDiskAndDeletesTheCheckpoint() {
        ReferencePoint rp = referencePoint(ConsistencyLevel.APPLICATION_CONSISTENT);
        assertTrue(rct.recoveryCheckpoints().isEmpty(), "the checkpoint is gone");
        assertEquals(List.of(rp), rct.referencePoints());
        assertEquals(ReferencePoint.Type.RCT_BASED, rp.type());
        assertEquals(ConsistencyLevel.APPLICATION_CONSISTENT, rp.consistencyLevel());
        assertEquals(vm.id(), rp.vmId());
        assertEquals(1, rp.disks().size());
        assertEquals(vm.hardDisks().list().get(0).diskSettingsId(), rp.disks().get(0).diskSettingsId());
        assertFalse(rp.disks().get(0).changeTrackingId().isBlank());
    }

    @Test
    void nothingChangedOnAVmThatIsOff() {
        ReferencePoint rp = referencePoint(ConsistencyLevel.CRASH_CONSISTENT);
        List<DiskChanges> changes = rct.changesSince(rp);
        assertEquals(1, changes.size());
        assertEquals(32 * MB, changes.get(0).size());
        assertEquals(List.of(), changes.get(0).ranges());
        RecoveryCheckpoint next = recoveryCheckpoint(ConsistencyLevel.CRASH_CONSISTENT);
        assertEquals(0, rct.changesBetween(rp, next).get(0).changedBytes());
    }

    @Test
    void aDestroyedReferencePointIsGone() {
        ReferencePoint a = referencePoint(ConsistencyLevel.CRASH_CONSISTENT);
        ReferencePoint b = referencePoint(ConsistencyLevel.CRASH_CONSISTENT);
        rct.destroyReferencePoint(a).await();
        assertEquals(List.of(b), rct.referencePoints());
        assertTrue(rct.referencePoint(a.id()).isEmpty());
    }

    @Test
    void anUnknownChangeTrackingIdIsRefused() {
        referencePoint(ConsistencyLevel.CRASH_CONSISTENT);
        Path file = Path.of(vm.hardDisks().list().get(0).path());
        assertThrows(HyperVException.class, () -> rct.changes(file, "rctX:" + UUID.randomUUID() + ":1"));
    }

    @Test
    void onlyARecoveryCheckpointConverts() {
        String id = vm.checkpoints().create("user").await();
        var user = vm.checkpoints().byId(id).orElseThrow();
        RecoveryCheckpoint posing = new RecoveryCheckpoint(user.id(), user.name(), vm.id(), user.creationTime(), user.path());
        assertThrows(HyperVException.class, () -> rct.convertToReferencePoint(posing).await());
        assertTrue(rct.referencePoints().isEmpty());
        vm.checkpoints().delete(user).await();
    }
}
