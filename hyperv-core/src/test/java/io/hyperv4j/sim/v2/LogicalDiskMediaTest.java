package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.schema.CimSchema;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vhd.VirtualDisks;
import io.hyperv4j.vm.ControllerType;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: a running VM's media are Msvm_LogicalDisk instances (an attached virtual hard disk, an
 * ISO in the DVD drive; before: none), each joined to its drive by Msvm_MediaPresent, to its VM by
 * Msvm_SystemDevice and to its Msvm_StorageAllocationSettingData by Msvm_SettingsDefineState; an
 * ejected ISO's logical disk goes at once.
 */
class LogicalDiskMediaTest {
    @TempDir Path dir;

    @Test
    void attachedDiskAndInsertedIsoAreLogicalDisksOfTheirDrives() throws Exception {
        Path vhd = dir.resolve("data.vhdx");
        VirtualDisks.createFile(vhd, DiskSpec.dynamic(VhdFormat.VHDX, 64L << 20));
        Path iso = Files.write(dir.resolve("setup.iso"), new byte[5000]);
        try (V2Fixture f = new V2Fixture()) {
            HyperVHost host = f.lab.connect(V2Fixture.HOST);
            VirtualMachine vm = host.vms().create(VmSpec.builder("media").generation(1).build());
            vm.hardDisks().attach(vhd, ControllerType.IDE);
            vm.dvdDrive().insert(iso);
            assertEquals(List.of(), f.session.query(V2.NAMESPACE, "SELECT * FROM Msvm_LogicalDisk"), "an off VM has no logical devices");
            vm.start().await();

            CimSchema schema = CimSchema.forNamespace(V2.NAMESPACE);
            List<CimInstance> disks = f.session.associators(vm.path(), V2.SYSTEM_DEVICE, LogicalDevices.LOGICAL_DISK);
            assertEquals(2, disks.size());
            CimInstance hd = disks.stream().filter(d -> d.getString("ElementName").equals("Hard Disk Image")).findFirst().orElseThrow();
            CimInstance cd = disks.stream().filter(d -> d.getString("ElementName").equals("ISO Disk Image")).findFirst().orElseThrow();
            for (CimInstance d : disks) {
                assertEquals(List.of(), schema.wholenessProblems(d));
                assertEquals(d, f.session.get(d.path()));
            }
            assertEquals(512L, hd.getLong("BlockSize"));
            assertEquals((64L << 20) / 512, hd.getLong("NumberOfBlocks"), "the disk's virtual size in 512-byte blocks");
            assertEquals(3L, hd.getLong("Access"));
            assertEquals(vhd.toString(), hd.getString("Name"));
            assertEquals(2048L, cd.getLong("BlockSize"));
            assertEquals(3L, cd.getLong("NumberOfBlocks"), "5000 bytes in 2048-byte blocks, rounded up");
            assertEquals(1L, cd.getLong("Access"), "an ISO is read-only");

            CimInstance hdDrive = drive(f, hd, true);
            assertEquals(LogicalDevices.DISK_DRIVE, hdDrive.className());
            assertEquals(LogicalDevices.DVD_DRIVE, drive(f, cd, false).className());
            CimInstance hdSettings = only(f.session.associators(hd.path(), V2.SETTINGS_DEFINE_STATE, null));
            assertEquals(StorageRenderer.SASD, hdSettings.className());
            assertEquals(List.of(vhd.toString()), hdSettings.get("HostResource").asList());
            CimInstance cdSettings = only(f.session.associators(cd.path(), V2.SETTINGS_DEFINE_STATE, null));
            assertEquals(List.of(iso.toString()), cdSettings.get("HostResource").asList());
            assertEquals(2, f.session.query(V2.NAMESPACE, "SELECT * FROM Msvm_MediaPresent").size());

            vm.dvdDrive().eject(); // while running
            assertEquals(1, f.session.associators(vm.path(), V2.SYSTEM_DEVICE, LogicalDevices.LOGICAL_DISK).size());
            assertEquals(List.of(), f.session.associators(
                    f.session.associators(vm.path(), V2.SYSTEM_DEVICE, LogicalDevices.DVD_DRIVE).get(0).path(), LogicalDevices.MEDIA_PRESENT, null),
                    "an empty drive presents no media");
            vm.turnOff().await();
            assertEquals(List.of(), f.session.query(V2.NAMESPACE, "SELECT * FROM Msvm_MediaPresent"));
        }
    }

    /** The drive the media is in, checking the association's FixedMedia. */
    private static CimInstance drive(V2Fixture f, CimInstance media, boolean fixed) {
        List<CimInstance> refs = f.session.references(media.path(), LogicalDevices.MEDIA_PRESENT);
        CimInstance a = only(refs);
        assertEquals(fixed, a.get("FixedMedia").asBoolean());
        assertEquals(a, f.session.get(a.path()));
        ObjectPath drive = a.get("Antecedent").asPath();
        assertTrue(f.session.associators(drive, LogicalDevices.MEDIA_PRESENT, null).stream().anyMatch(m -> m.path().equals(media.path())));
        assertFalse(drive.equals(media.path()));
        return f.session.get(drive);
    }

    private static CimInstance only(List<CimInstance> l) {
        assertEquals(1, l.size(), l.toString());
        return l.get(0);
    }
}
