package io.hyperv4j.sim.v2;

import static io.hyperv4j.sim.v2.GuestDisk.*;
import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.v2.storage.SimCheckpoint;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vhd.VhdType;
import io.hyperv4j.vhd.VirtualDisks;
import io.hyperv4j.vm.ConsistencyLevel;
import io.hyperv4j.vm.ControllerType;
import io.hyperv4j.vm.RecoveryCheckpoint;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ExportSystemDefinition with checkpoints (Msvm_VirtualSystemExportSettingData CopySnapshotConfiguration
 * 0 ExportAllSnapshots: every user checkpoint's definition and the chains copied; 1 ExportNoSnapshots:
 * the chain merged) and of a checkpoint's configuration (2 ExportOneSnapshot and 3 ExportOneSnapshotForBackup, with
 * SnapshotVirtualSystem), read back: the definition holds the checkpoint's settings and drives under
 * the checkpoint's id (2) or the VM's (3); ExportOneSnapshot writes the frozen disks merged into new
 * VHDX files holding the checkpoint's bytes; ExportOneSnapshotForBackup names the frozen files; bad
 * values are refused with 32773.
 */
class CheckpointExportTest {
    private final Lab lab = Lab.builder().clock(SimClock.virtual(Lab.DEFAULT_START)).host("HV01", 16, 65_536).build();
    @TempDir Path dir;

    @AfterEach
    void close() {
        lab.close();
    }

    @Test
    void aRecoveryCheckpointsConfigurationExportsAndReadsBack() throws Exception {
        VirtualMachine vm = vmWithDisk(VmSpec.builder("backed").processors(4).memoryMb(2048).build());
        guestWrite(lab, vm.id(), 0, "at the checkpoint");
        byte[] atCheckpoint = content(currentFile(lab, vm.id()));
        String id = vm.changeTracking().createRecoveryCheckpoint(ConsistencyLevel.CRASH_CONSISTENT).await();
        RecoveryCheckpoint rc = vm.changeTracking().recoveryCheckpoint(id);
        guestWrite(lab, vm.id(), 4096, "after the checkpoint");
        SimCheckpoint cp = storage(lab, vm.id()).checkpoint(id);
        Path frozen = cp.drives().values().iterator().next().file();

        Path forBackup = vm.changeTracking().exportConfiguration(rc, dir.resolve("backup")).await(Duration.ofMinutes(5));
        SystemDefinition b = SystemDefinition.parse(Files.readString(forBackup, StandardCharsets.UTF_8), forBackup.toString());
        assertEquals(vm.id(), b.id(), "ExportOneSnapshotForBackup uses the VM's id");
        assertEquals(4, b.processors());
        assertEquals(2048, b.memoryMb());
        assertEquals(frozen, b.drives().get(0).file(), "the definition names the frozen disk; the backup copies it");
        assertArrayEquals(atCheckpoint, content(b.drives().get(0).file()));
        assertFalse(Files.exists(dir.resolve("backup").resolve("Virtual Hard Disks")), "no storage copied unless asked");

        MethodResult one = export(vm, 2, rc.path(), dir.resolve("one"));
        assertEquals(4096, one.returnValue());
        Path def = dir.resolve("one").resolve(SystemDefinitions.DEFINITIONS_FOLDER).resolve(id + ".vmcx");
        SystemDefinition o = SystemDefinition.parse(Files.readString(def, StandardCharsets.UTF_8), def.toString());
        assertEquals(id, o.id(), "ExportOneSnapshot exports the checkpoint under its own id");
        Path copied = o.drives().get(0).file();
        assertEquals(dir.resolve("one").resolve("Virtual Hard Disks"), copied.getParent());
        assertEquals(VhdType.DYNAMIC, VirtualDisks.inspect(copied).vhdType(), "its differencing chain merged into a new disk");
        assertArrayEquals(atCheckpoint, content(copied), "the checkpoint's bytes, not the VM's now");

        MethodResult imported = lab.session("HV01").invoke(V2.managementService("HV01"), "ImportSystemDefinition", Map.of(
                "SystemDefinitionFile", CimValue.string(def.toString()), "GenerateNewSystemIdentifier", CimValue.bool(true)));
        assertEquals(0, imported.returnValue(), "the exported checkpoint imports as a planned VM");
    }

    @Test
    void exportAllSnapshotsWritesEveryCheckpointsConfigurationAndItsChainCopied() throws Exception {
        VirtualMachine vm = vmWithDisk(VmSpec.builder("tree").processors(2).memoryMb(1024).build());
        Map<String, byte[]> at = checkpointTree(lab, vm);
        String a = List.copyOf(at.keySet()).get(0), b = List.copyOf(at.keySet()).get(1);
        String recovery = vm.changeTracking().createRecoveryCheckpoint(ConsistencyLevel.CRASH_CONSISTENT).await();
        byte[] now = content(currentFile(lab, vm.id()));

        CimInstance.Builder esd = CimInstance.builder("Msvm_VirtualSystemExportSettingData").put("CopySnapshotConfiguration", CimValue.uint8(0))
                .put("CopyVmStorage", CimValue.bool(true));
        Path to = dir.resolve("all");
        MethodResult r = export(vm, esd, to);
        assertEquals(4096, r.returnValue(), String.valueOf(r.out()));
        assertEquals(0, lab.session("HV01").get(r.out().get("Job").asPath()).longOr("ErrorCode", 0));

        SystemDefinition main = read(to.resolve(SystemDefinitions.DEFINITIONS_FOLDER).resolve(vm.id() + ".vmcx"));
        assertEquals(vm.id(), main.id());
        assertArrayEquals(now, content(main.drives().get(0).file()), "the VM's disk as it is now, opened through the copied chain");
        try (var s = Files.list(to.resolve(SystemDefinitions.SNAPSHOTS_FOLDER))) {
            assertEquals(java.util.Set.of(a + ".vmcx", b + ".vmcx"), s.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()),
                    "every user checkpoint, not the recovery checkpoint " + recovery);
        }
        for (String cp : List.of(a, b)) {
            SystemDefinition d = read(to.resolve(SystemDefinitions.SNAPSHOTS_FOLDER).resolve(cp + ".vmcx"));
            assertEquals(cp, d.id());
            assertEquals(2, d.processors());
            Path f = d.drives().get(0).file();
            assertEquals(to.resolve("Virtual Hard Disks"), f.getParent(), "the definition names the copy");
            assertArrayEquals(at.get(cp), content(f), "checkpoint " + cp + "'s bytes, read through the copies only");
        }
        for (Path f : Files.list(to.resolve("Virtual Hard Disks")).toList()) {
            Path parent = VirtualDisks.inspect(f).parentPath();
            assertTrue(parent == null || parent.startsWith(to), f + " points into the export, not at " + parent);
        }
        assertArrayEquals(now, content(currentFile(lab, vm.id())), "the VM is untouched");

        Path bare = dir.resolve("bare"); // without storage: the definitions name the VM's own files
        esd.put("CopyVmStorage", CimValue.bool(false));
        export(vm, esd, bare);
        SystemDefinition bareA = read(bare.resolve(SystemDefinitions.SNAPSHOTS_FOLDER).resolve(a + ".vmcx"));
        assertEquals(storage(lab, vm.id()).checkpoint(a).drives().values().iterator().next().file(), bareA.drives().get(0).file());
        assertFalse(Files.exists(bare.resolve("Virtual Hard Disks")));
    }

    @Test
    void exportNoSnapshotsWithStorageMergesEachChainIntoOneDisk() throws Exception {
        VirtualMachine vm = vmWithDisk(VmSpec.builder("none").build());
        guestWrite(lab, vm.id(), 0, "before");
        vm.checkpoints().create("c").await();
        guestWrite(lab, vm.id(), 4096, "after");
        byte[] now = content(currentFile(lab, vm.id()));
        CimInstance.Builder esd = CimInstance.builder("Msvm_VirtualSystemExportSettingData").put("CopySnapshotConfiguration", CimValue.uint8(1))
                .put("CopyVmStorage", CimValue.bool(true));
        Path to = dir.resolve("none");
        MethodResult r = export(vm, esd, to);
        assertEquals(0, lab.session("HV01").get(r.out().get("Job").asPath()).longOr("ErrorCode", 0));
        SystemDefinition d = read(to.resolve(SystemDefinitions.DEFINITIONS_FOLDER).resolve(vm.id() + ".vmcx"));
        Path f = d.drives().get(0).file();
        assertEquals(to.resolve("Virtual Hard Disks"), f.getParent());
        assertEquals(VhdType.DYNAMIC, VirtualDisks.inspect(f).vhdType(), "no checkpoint goes with it: the chain is merged");
        assertArrayEquals(now, content(f));
        assertFalse(Files.exists(to.resolve(SystemDefinitions.SNAPSHOTS_FOLDER)));
        assertEquals(1, Files.list(to.resolve("Virtual Hard Disks")).count());
    }

    private static SystemDefinition read(Path def) throws java.io.IOException {
        return SystemDefinition.parse(Files.readString(def, StandardCharsets.UTF_8), def.toString());
    }

    @Test
    void badSnapshotValuesAreRefusedNamingThem() throws Exception {
        HyperVHost h = lab.connect("HV01");
        VirtualMachine vm = h.vms().create(VmSpec.builder("x").build());
        assertRefused(export(vm, 2, "Msvm_VirtualSystemSettingData.InstanceID=\"Microsoft:00000000-0000-0000-0000-000000000000\"", dir.resolve("a")),
                "SnapshotVirtualSystem");
        assertRefused(export(vm, 7, null, dir.resolve("b")), "CopySnapshotConfiguration 7");
        assertFalse(Files.exists(dir.resolve("a")) || Files.exists(dir.resolve("b")), "nothing written");
    }

    private void assertRefused(MethodResult r, String names) {
        CimSession s = lab.session("HV01");
        long code = r.returnValue() == 4096 ? s.get(r.out().get("Job").asPath()).longOr("ErrorCode", 0) : r.returnValue();
        String why = r.returnValue() == 4096 ? s.get(r.out().get("Job").asPath()).getString("ErrorDescription") : String.valueOf(r.out());
        assertEquals(32773, code, why);
        assertTrue(why.contains(names), why);
    }

    private MethodResult export(VirtualMachine vm, int mode, String snapshot, Path to) {
        CimInstance.Builder esd = CimInstance.builder("Msvm_VirtualSystemExportSettingData").put("CopySnapshotConfiguration", CimValue.uint8(mode));
        if (snapshot != null) esd.put("SnapshotVirtualSystem", CimValue.string(snapshot));
        return export(vm, esd, to);
    }

    private MethodResult export(VirtualMachine vm, CimInstance.Builder esd, Path to) {
        return lab.session("HV01").invoke(V2.managementService("HV01"), "ExportSystemDefinition", Map.of("ComputerSystem", CimValue.ref(vm.path()),
                "ExportDirectory", CimValue.string(to.toString()), "ExportSettingData", CimValue.object(esd.build())));
    }

    /** A new VM with an 8 MiB dynamic disk on a SCSI controller. */
    private VirtualMachine vmWithDisk(VmSpec spec) {
        HyperVHost h = lab.connect("HV01");
        Path disk = h.disks().create(dir.resolve("d.vhdx"), DiskSpec.dynamic(VhdFormat.VHDX, 8 << 20)).await();
        VirtualMachine vm = h.vms().create(spec);
        vm.hardDisks().attach(disk, ControllerType.SCSI);
        return vm;
    }
}
