package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Add-VMDvdDrive on a generation 2 VM: a drive on a SCSI slot, a boot source, media, removal and refusals. */
class Gen2DvdDriveTest {
    private static final String SUBTYPE = "Microsoft:Hyper-V:Synthetic DVD Drive";
    @TempDir Path dir;

    private static List<CimInstance> rasds(V2Fixture f, VirtualMachine vm) {
        return f.session.associators(V2.settings(V2Fixture.HOST, vm.id()), "Msvm_VirtualSystemSettingDataComponent", "Msvm_ResourceAllocationSettingData");
    }

    private static List<CimInstance> dvds(V2Fixture f, VirtualMachine vm) {
        return rasds(f, vm).stream().filter(r -> SUBTYPE.equals(r.getString("ResourceSubType"))).toList();
    }

    private static List<Object> bootOrder(V2Fixture f, VirtualMachine vm) {
        return f.session.get(V2.settings(V2Fixture.HOST, vm.id())).get("BootSourceOrder").asList();
    }

    private static MethodResult addDrive(V2Fixture f, VirtualMachine vm, String parent) {
        CimInstance drive = CimInstance.builder("Msvm_ResourceAllocationSettingData").put("ResourceType", CimValue.uint16(16))
                .put("ResourceSubType", CimValue.string(SUBTYPE)).put("Parent", CimValue.string(parent)).build();
        return f.session.invoke(f.service(), "AddResourceSettings", Map.of("AffectedConfiguration", CimValue.ref(V2.settings(V2Fixture.HOST, vm.id())),
                "ResourceSettings", CimValue.array(CimType.STRING, List.of(drive.toString()))));
    }

    private static void refused(V2Fixture f, MethodResult r, long code, String why) {
        assertEquals(4096, r.returnValue());
        CimInstance job = f.job(r);
        assertEquals(10L, job.getLong("JobState"));
        assertEquals(code, job.getLong("ErrorCode"));
        assertTrue(job.getString("ErrorDescription").contains(why), job.getString("ErrorDescription"));
    }

    @Test
    void addedOnScsiBootsAndHoldsMediaAndGoesAway() throws Exception {
        Path iso = Files.writeString(dir.resolve("setup.iso"), "CD001");
        try (V2Fixture f = new V2Fixture()) {
            HyperVHost host = f.lab.connect(V2Fixture.HOST);
            VirtualMachine vm = host.vms().create(VmSpec.builder("g2").build());
            assertEquals(List.of(), dvds(f, vm), "New-VM gives a generation 2 VM no DVD drive");
            assertThrows(io.hyperv4j.NotFoundException.class, () -> vm.dvdDrive().media());
            List<Object> before = bootOrder(f, vm);

            vm.dvdDrive().add();
            List<CimInstance> dvd = dvds(f, vm);
            assertEquals(1, dvd.size());
            CimInstance drive = dvd.get(0);
            assertEquals(16L, drive.getLong("ResourceType"));
            CimInstance controller = f.session.get(ObjectPath.parse(drive.getString("Parent")));
            assertEquals("Microsoft:Hyper-V:Synthetic SCSI Controller", controller.getString("ResourceSubType"));
            assertEquals("0", drive.getString("AddressOnParent"));

            // a boot source (Drive) for it, appended to the order, linked to the drive's settings
            List<Object> order = bootOrder(f, vm);
            assertEquals(before.size() + 1, order.size());
            assertEquals(before, order.subList(0, before.size()));
            CimInstance boot = f.session.get(ObjectPath.parse((String) order.get(order.size() - 1)));
            assertEquals(1L, boot.getLong("BootSourceType"));
            List<CimInstance> device = f.session.associators(boot.path(), "Msvm_LogicalIdentity", null);
            assertEquals(1, device.size());
            assertEquals(drive.getString("InstanceID"), device.get(0).getString("InstanceID"));

            // media in and out, as generation 1
            vm.dvdDrive().insert(iso);
            assertEquals(Optional.of(iso.toString()), vm.dvdDrive().media());
            assertEquals(iso.toString(), f.session.get(boot.path()).getString("OtherLocation"));
            // a disk added next takes the next slot
            CimInstance disk = CimInstance.builder("Msvm_ResourceAllocationSettingData").put("ResourceType", CimValue.uint16(17))
                    .put("ResourceSubType", CimValue.string("Microsoft:Hyper-V:Synthetic Disk Drive")).put("Parent", CimValue.string(controller.path().toString())).build();
            MethodResult added = f.session.invoke(f.service(), "AddResourceSettings", Map.of("AffectedConfiguration", CimValue.ref(V2.settings(V2Fixture.HOST, vm.id())),
                    "ResourceSettings", CimValue.array(CimType.STRING, List.of(disk.toString()))));
            assertEquals(0, added.returnValue());
            assertEquals("1", f.session.get((ObjectPath) added.get("ResultingResourceSettings").asList().get(0)).getString("AddressOnParent"));

            // saved with the lab
            Path file = dir.resolve("lab.json");
            f.lab.save(file);
            try (CimSession back = Lab.load(file).session(V2Fixture.HOST)) {
                assertEquals(SUBTYPE, back.get(drive.path()).getString("ResourceSubType"));
                assertEquals(bootOrder(f, vm), back.get(V2.settings(V2Fixture.HOST, vm.id())).get("BootSourceOrder").asList());
            }

            // a running VM has its Msvm_DVDDrive
            f.requestState(vm.path(), 2);
            f.settle();
            assertEquals(1, f.session.associators(vm.path(), "Msvm_SystemDevice", "Msvm_DVDDrive").size());
            assertThrows(RuntimeException.class, () -> vm.dvdDrive().remove(), "removed only while off");
            assertEquals(1, dvds(f, vm).size());
            f.requestState(vm.path(), 3);
            f.settle();

            vm.dvdDrive().remove();
            assertEquals(List.of(), dvds(f, vm));
            List<Object> after = bootOrder(f, vm);
            assertEquals(before.size() + 1, after.size(), "the new disk's entry stays, the DVD's goes: " + after);
            assertTrue(!after.contains(order.get(order.size() - 1)), "the boot entry goes with the drive");
            assertEquals(List.of(), f.session.query(V2.NAMESPACE, "SELECT * FROM Msvm_BootSourceSettingData WHERE BootSourceDescription = 'EFI SCSI Device' AND OtherLocation = '"
                    + iso.toString().replace("\\", "\\\\") + "'"));
            assertEquals(List.of(), f.session.query(V2.NAMESPACE, "SELECT * FROM Msvm_StorageAllocationSettingData WHERE ResourceSubType = 'Microsoft:Hyper-V:Virtual CD/DVD Disk'"));
        }
    }

    @Test
    void refusalsChangeNothing() {
        try (V2Fixture f = new V2Fixture()) {
            HyperVHost host = f.lab.connect(V2Fixture.HOST);
            VirtualMachine vm = host.vms().create(VmSpec.builder("g2").build());
            List<Object> order = bootOrder(f, vm);
            // IDE on generation 2
            String ide = V2.path(V2Fixture.HOST, "Msvm_ResourceAllocationSettingData", "InstanceID",
                    "Microsoft:" + vm.id() + "\\" + StorageRenderer.IDE_RESOURCE + "\\0").toString();
            refused(f, addDrive(f, vm, ide), 32773L, "no IDE controller");
            // no controller at all
            refused(f, addDrive(f, vm, V2.settings(V2Fixture.HOST, vm.id()).toString()), 32773L, "names no controller");
            // a second drive
            vm.dvdDrive().add();
            String scsi = dvds(f, vm).get(0).getString("Parent");
            refused(f, addDrive(f, vm, scsi), 32773L, "already has a DVD drive");
            assertEquals(1, dvds(f, vm).size());
            assertEquals(order.size() + 1, bootOrder(f, vm).size());
            vm.dvdDrive().remove();
            // a full SCSI controller: no free slot
            for (int i = 0; i < 64; i++) {
                CimInstance d = CimInstance.builder("Msvm_ResourceAllocationSettingData").put("ResourceType", CimValue.uint16(17))
                        .put("ResourceSubType", CimValue.string("Microsoft:Hyper-V:Synthetic Disk Drive")).put("Parent", CimValue.string(scsi)).build();
                assertEquals(0, f.session.invoke(f.service(), "AddResourceSettings", Map.of("AffectedConfiguration", CimValue.ref(V2.settings(V2Fixture.HOST, vm.id())),
                        "ResourceSettings", CimValue.array(CimType.STRING, List.of(d.toString())))).returnValue());
            }
            refused(f, addDrive(f, vm, scsi), 32773L, "no free slot");
            assertThrows(io.hyperv4j.InvalidParameterException.class, () -> vm.dvdDrive().add());
            assertEquals(List.of(), dvds(f, vm));
        }
    }

    @Test
    void generationOneKeepsItsFixedDrive() {
        try (V2Fixture f = new V2Fixture()) {
            VirtualMachine vm = f.lab.connect(V2Fixture.HOST).vms().create(VmSpec.builder("g1").generation(1).build());
            assertEquals(1, dvds(f, vm).size());
            assertThrows(io.hyperv4j.InvalidParameterException.class, () -> vm.dvdDrive().add());
            assertEquals(1, dvds(f, vm).size());
        }
    }
}
