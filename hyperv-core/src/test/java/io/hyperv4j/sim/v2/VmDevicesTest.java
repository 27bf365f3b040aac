package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 11: a VM has the devices of its generation (the DVD drive of generation 1 and SCSI controller of generation 2 too) from the moment DefineSystem returns, linked to its settings. */
class VmDevicesTest {

    private static List<String> subTypes(V2Fixture f, ObjectPath vm) {
        ObjectPath vssd = V2.settings(V2Fixture.HOST, (String) vm.key("Name"));
        return f.session.associators(vssd, V2.VSSD_COMPONENT, null).stream()
                .map(i -> i.className() + " " + i.getString("ResourceSubType") + " " + i.getString("ElementName")).sorted().toList();
    }

    private static ObjectPath define(V2Fixture f, String name, int generation) {
        CimInstance vssd = CimInstance.builder(V2.VSSD).put("ElementName", CimValue.string(name))
                .put("VirtualSystemSubType", CimValue.string("Microsoft:Hyper-V:SubType:" + generation)).build();
        var r = f.session.invoke(f.service(), "DefineSystem", Map.of("SystemSettings", CimValue.object(vssd)));
        assertEquals(4096, r.returnValue());
        return r.get("ResultingSystem").asPath();
    }

    @Test
    void aGenerationOneVmHasIdeControllersPs2InputS3DisplayAndTwoComPorts() {
        try (V2Fixture f = new V2Fixture()) {
            assertEquals(List.of(
                    "Msvm_MemorySettingData Microsoft:Hyper-V:Memory Memory",
                    "Msvm_ProcessorSettingData Microsoft:Hyper-V:Processor Processor",
                    "Msvm_ResourceAllocationSettingData Microsoft:Hyper-V:Emulated IDE Controller IDE Controller 0",
                    "Msvm_ResourceAllocationSettingData Microsoft:Hyper-V:Emulated IDE Controller IDE Controller 1",
                    "Msvm_ResourceAllocationSettingData Microsoft:Hyper-V:Ps2 Keyboard Keyboard",
                    "Msvm_ResourceAllocationSettingData Microsoft:Hyper-V:Ps2 Mouse Mouse",
                    "Msvm_ResourceAllocationSettingData Microsoft:Hyper-V:S3 Display Controller Video",
                    "Msvm_ResourceAllocationSettingData Microsoft:Hyper-V:Synthetic DVD Drive DVD Drive",
                    "Msvm_SerialPortSettingData Microsoft:Hyper-V:Serial Port COM 1",
                    "Msvm_SerialPortSettingData Microsoft:Hyper-V:Serial Port COM 2"), subTypes(f, define(f, "g1", 1)));
        }
    }

    @Test
    void aGenerationTwoVmHasSyntheticInputAndDisplayAndTwoComPorts() {
        try (V2Fixture f = new V2Fixture()) {
            assertEquals(List.of(
                    "Msvm_MemorySettingData Microsoft:Hyper-V:Memory Memory",
                    "Msvm_ProcessorSettingData Microsoft:Hyper-V:Processor Processor",
                    "Msvm_ResourceAllocationSettingData Microsoft:Hyper-V:Synthetic Keyboard Keyboard",
                    "Msvm_ResourceAllocationSettingData Microsoft:Hyper-V:Synthetic Mouse Mouse",
                    "Msvm_ResourceAllocationSettingData Microsoft:Hyper-V:Synthetic SCSI Controller SCSI Controller",
                    "Msvm_SerialPortSettingData Microsoft:Hyper-V:Serial Port COM 1",
                    "Msvm_SerialPortSettingData Microsoft:Hyper-V:Serial Port COM 2",
                    "Msvm_SyntheticDisplayControllerSettingData Microsoft:Hyper-V:Synthetic Display Controller Video"),
                    subTypes(f, define(f, "g2", 2)));
        }
    }

    @Test
    void eachDeviceIsFoundByItsPathAndByItsClass() {
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath vm = define(f, "g1", 1);
            List<CimInstance> ports = f.session.query(V2.NAMESPACE, "SELECT * FROM Msvm_SerialPortSettingData WHERE ElementName = 'COM 2'");
            assertEquals(1, ports.size());
            assertEquals(ports.get(0), f.session.get(ports.get(0).path()));
            assertEquals(String.valueOf(vm.key("Name")), V2.vmIdOf(ports.get(0).getString("InstanceID")));
        }
    }
}
