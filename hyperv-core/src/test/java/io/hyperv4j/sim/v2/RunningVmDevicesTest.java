package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.schema.CimSchema;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: `cim associators` from a VM lists the logical devices of its generation while it runs
 * (before: only the shutdown component), they go when it stops, each is found by its path and
 * leads back to its VM; a generation 1 VM has its empty DVD drive on IDE 1:0 and a generation 2
 * VM its SCSI controller, as New-VM makes them.
 */
class RunningVmDevicesTest {

    private static ObjectPath define(V2Fixture f, String name, int generation) {
        CimInstance vssd = V2Fixture.vssd(name).toBuilder()
                .put("VirtualSystemSubType", CimValue.string("Microsoft:Hyper-V:SubType:" + generation)).build();
        MethodResult r = f.session.invoke(f.service(), "DefineSystem", Map.of("SystemSettings", CimValue.object(vssd),
                "ResourceSettings", CimValue.array(io.hyperv4j.cim.CimType.OBJECT, List.of(V2Fixture.processors(2)))));
        assertEquals(4096, r.returnValue());
        f.settle();
        return r.get("ResultingSystem").asPath();
    }

    /** Class name to count of the devices `ASSOCIATORS OF {vm} WHERE AssocClass = Msvm_SystemDevice` returns. */
    private static Map<String, Integer> devices(V2Fixture f, ObjectPath vm) {
        Map<String, Integer> out = new TreeMap<>();
        for (CimInstance d : f.session.associators(vm, V2.SYSTEM_DEVICE, null)) out.merge(d.className(), 1, Integer::sum);
        return out;
    }

    @Test
    void aRunningGenerationOneVmHasItsLegacyDevicesAndLosesThemWhenItStops() {
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath vm = define(f, "g1", 1);
            assertEquals(Map.of(), devices(f, vm), "an off VM has no logical devices");
            f.requestState(vm, 2);
            f.settle();
            assertEquals(new TreeMap<>(Map.of("Msvm_Processor", 2, "Msvm_Memory", 1, "Msvm_Keyboard", 1, "Msvm_SyntheticMouse", 1,
                    "Msvm_S3DisplayController", 1, "Msvm_VideoHead", 1, "Msvm_SerialPort", 2, "Msvm_IDEController", 2,
                    "Msvm_DVDDrive", 1, "Msvm_ShutdownComponent", 1)), devices(f, vm));
            f.requestState(vm, 3);
            f.settle();
            assertEquals(Map.of(), devices(f, vm));
        }
    }

    @Test
    void aRunningGenerationTwoVmHasSyntheticDevicesAndItsScsiController() {
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath vm = define(f, "g2", 2);
            f.requestState(vm, 2);
            f.settle();
            assertEquals(new TreeMap<>(Map.of("Msvm_Processor", 2, "Msvm_Memory", 1, "Msvm_Keyboard", 1, "Msvm_SyntheticMouse", 1,
                    "Msvm_SyntheticDisplayController", 1, "Msvm_VideoHead", 1, "Msvm_SerialPort", 2, "Msvm_SCSIProtocolController", 1,
                    "Msvm_ShutdownComponent", 1)), devices(f, vm));
        }
    }

    @Test
    void eachDeviceIsWholeFoundByPathAndLeadsBackToItsVm() {
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath vm = define(f, "g1", 1);
            f.requestState(vm, 2);
            f.settle();
            CimSchema schema = CimSchema.forNamespace(V2.NAMESPACE);
            for (String cls : LogicalDevices.CLASSES) {
                for (CimInstance d : f.session.query(V2.NAMESPACE, "SELECT * FROM " + cls + " WHERE SystemName = '" + vm.key("Name") + "'")) {
                    assertEquals(List.of(), schema.wholenessProblems(d), d.path().toString());
                    assertEquals(d, f.session.get(d.path()));
                    List<CimInstance> back = f.session.associators(d.path(), V2.SYSTEM_DEVICE, null);
                    assertEquals(1, back.size(), d.path().toString());
                    assertEquals(vm.key("Name"), back.get(0).getString("Name"));
                }
            }
            CimInstance memory = f.session.query(V2.NAMESPACE, "SELECT * FROM Msvm_Memory WHERE SystemName = '" + vm.key("Name") + "'").get(0);
            assertEquals(1024L, memory.getLong("NumberOfBlocks"), "1 MB blocks of the VM's memory");
            assertEquals(2, f.session.query(V2.NAMESPACE, "SELECT * FROM CIM_LogicalDevice WHERE CreationClassName = 'Msvm_IDEController'").size());
        }
    }

    @Test
    void newVmGivesGenerationOneAnEmptyDvdDriveOnIde10AndGenerationTwoAScsiController() {
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath g1 = define(f, "g1", 1);
            ObjectPath g2 = define(f, "g2", 2);
            List<CimInstance> dvd = f.session.query(V2.NAMESPACE,
                    "SELECT * FROM Msvm_ResourceAllocationSettingData WHERE ResourceSubType = 'Microsoft:Hyper-V:Synthetic DVD Drive'");
            assertEquals(1, dvd.size());
            assertEquals(16L, dvd.get(0).getLong("ResourceType"));
            assertEquals("0", dvd.get(0).getString("AddressOnParent"));
            assertEquals("IDE Controller 1", f.session.get(ObjectPath.parse(dvd.get(0).getString("Parent"))).getString("ElementName"));
            assertEquals(g1.key("Name"), V2.vmIdOf(dvd.get(0).getString("InstanceID")));
            assertTrue(f.session.query(V2.NAMESPACE, "SELECT * FROM Msvm_StorageAllocationSettingData").stream()
                    .noneMatch(d -> g1.key("Name").equals(V2.vmIdOf(d.getString("InstanceID")))), "an empty DVD drive has no disk settings");
            List<CimInstance> scsi = f.session.query(V2.NAMESPACE,
                    "SELECT * FROM Msvm_ResourceAllocationSettingData WHERE ResourceSubType = 'Microsoft:Hyper-V:Synthetic SCSI Controller'"
                    + " AND NOT InstanceID LIKE '%Default'");
            assertEquals(1, scsi.size());
            assertEquals(g2.key("Name"), V2.vmIdOf(scsi.get(0).getString("InstanceID")));
        }
    }
}
