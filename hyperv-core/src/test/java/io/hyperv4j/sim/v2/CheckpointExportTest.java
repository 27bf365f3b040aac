package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.v2.storage.SimCheckpoint;
import io.hyperv4j.sim.v2.storage.StorageModel;
import io.hyperv4j.sim.v2.storage.VmStorage;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.OpenMode;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vhd.VhdType;
import io.hyperv4j.vhd.VirtualDisk;
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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ExportSystemDefinition of a checkpoint's configuration (Msvm_VirtualSystemExportSettingData
 * CopySnapshotConfiguration 2 ExportOneSnapshot and 3 ExportOneSnapshotForBackup, with
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
        HyperVHost h = lab.connect("HV01");
        Path disk = h.disks().create(dir.resolve("d.vhdx"), DiskSpec.dynamic(VhdFormat.VHDX, 8 << 20)).await();
        VirtualMachine vm = h.vms().create(VmSpec.builder("backed").processors(4).memoryMb(2048).build());
        vm.hardDisks().attach(disk, ControllerType.SCSI);
        guestWrite(vm.id(), 0, "at the checkpoint");
        byte[] atCheckpoint = content(currentFile(vm.id()));
        String id = vm.changeTracking().createRecoveryCheckpoint(ConsistencyLevel.CRASH_CONSISTENT).await();
        RecoveryCheckpoint rc = vm.changeTracking().recoveryCheckpoint(id);
        guestWrite(vm.id(), 4096, "after the checkpoint");
        SimCheckpoint cp = storage(vm.id()).checkpoint(id);
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
        return lab.session("HV01").invoke(V2.managementService("HV01"), "ExportSystemDefinition", Map.of("ComputerSystem", CimValue.ref(vm.path()),
                "ExportDirectory", CimValue.string(to.toString()), "ExportSettingData", CimValue.object(esd.build())));
    }

    private VmStorage storage(String vmId) {
        return StorageModel.of(lab).vm(vmId);
    }

    private Path currentFile(String vmId) {
        return lab.read(Duration.ofSeconds(5), () -> storage(vmId).drives().iterator().next().current());
    }

    private void guestWrite(String vmId, long offset, String text) {
        lab.write(Duration.ofSeconds(5), txn -> {
            VmStorage st = storage(vmId);
            st.guestWrite(st.drives().iterator().next().id(), offset, text.getBytes(StandardCharsets.UTF_8));
            return null;
        });
    }

    private static byte[] content(Path disk) {
        try (VirtualDisk d = VirtualDisks.open(disk, OpenMode.READ_ONLY)) {
            byte[] b = new byte[(int) d.size()];
            d.read(0, b, 0, b.length);
            return b;
        }
    }
}
