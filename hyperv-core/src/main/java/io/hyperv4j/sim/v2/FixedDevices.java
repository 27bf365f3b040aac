package io.hyperv4j.sim.v2;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.sim.SimVm;
import java.util.ArrayList;
import java.util.List;

/**
 * The devices a VM has from the moment DefineSystem creates it, for its whole life, by generation:
 * a generation 1 VM has a PS/2 keyboard and mouse, an S3 display controller and COM 1 and COM 2; a
 * generation 2 VM has a synthetic keyboard, mouse and display controller and COM 1 and COM 2.
 * They follow from the generation alone, so they carry no state of their own. (Drives, controllers
 * other than IDE, and network adapters are what callers add: see {@link StorageSettings}.)
 * Resource types are CIM_ResourceAllocationSettingData's: 13 I/O device, 21 serial port, 24
 * graphics controller. An InstanceID is {@code Microsoft:<VM>\<device GUID>\<index>}.
 */
final class FixedDevices {
    static final String SERIAL_PORT = "Msvm_SerialPortSettingData";
    static final String SYNTHETIC_DISPLAY = "Msvm_SyntheticDisplayControllerSettingData";

    /** One fixed device: its settings class, CIM resource type and Hyper-V subtype, name, device GUID and index. */
    record Device(String className, int resourceType, String subType, String name, String guid, int index) {
    }

    private static final Device COM1 = new Device(SERIAL_PORT, 21, "Microsoft:Hyper-V:Serial Port", "COM 1",
            "E3C1A48C-6C47-4C4E-9B67-3F3F5E6C1A01", 0);
    private static final Device COM2 = new Device(SERIAL_PORT, 21, "Microsoft:Hyper-V:Serial Port", "COM 2",
            "E3C1A48C-6C47-4C4E-9B67-3F3F5E6C1A01", 1);
    private static final List<Device> GEN1 = List.of(
            new Device(StorageRenderer.RASD, 13, "Microsoft:Hyper-V:Ps2 Keyboard", "Keyboard", "E3C1A48C-6C47-4C4E-9B67-3F3F5E6C1A02", 0),
            new Device(StorageRenderer.RASD, 13, "Microsoft:Hyper-V:Ps2 Mouse", "Mouse", "E3C1A48C-6C47-4C4E-9B67-3F3F5E6C1A03", 0),
            new Device(StorageRenderer.RASD, 24, "Microsoft:Hyper-V:S3 Display Controller", "Video", "E3C1A48C-6C47-4C4E-9B67-3F3F5E6C1A04", 0),
            COM1, COM2);
    private static final List<Device> GEN2 = List.of(
            new Device(StorageRenderer.RASD, 13, "Microsoft:Hyper-V:Synthetic Keyboard", "Keyboard", "E3C1A48C-6C47-4C4E-9B67-3F3F5E6C1A05", 0),
            new Device(StorageRenderer.RASD, 13, "Microsoft:Hyper-V:Synthetic Mouse", "Mouse", "E3C1A48C-6C47-4C4E-9B67-3F3F5E6C1A06", 0),
            new Device(SYNTHETIC_DISPLAY, 24, "Microsoft:Hyper-V:Synthetic Display Controller", "Video",
                    "E3C1A48C-6C47-4C4E-9B67-3F3F5E6C1A07", 0),
            COM1, COM2);

    private FixedDevices() {}

    /** The VM's fixed devices, by its generation. */
    static List<Device> of(SimVm vm) {
        return SimVm.SUBTYPE_GEN1.equals(vm.subType()) ? GEN1 : GEN2;
    }

    private static String instanceId(SimVm vm, Device d) {
        return "Microsoft:" + vm.id() + "\\" + d.guid() + "\\" + d.index();
    }

    /** The path of the VM's settings of one fixed device. */
    static io.hyperv4j.cim.ObjectPath path(SimVm vm, Device d) {
        return V2.path(vm.host().name(), d.className(), "InstanceID", instanceId(vm, d));
    }

    /** The VM's fixed devices' settings of exactly {@code className}. */
    static List<CimInstance> settings(SimVm vm, String className) {
        List<CimInstance> out = new ArrayList<>();
        for (Device d : of(vm)) {
            if (!d.className().equalsIgnoreCase(className)) continue;
            String id = instanceId(vm, d);
            CimInstance.Builder b = CimInstance.builder(d.className()).path(path(vm, d));
            b.put("InstanceID", CimValue.string(id));
            b.put("Caption", CimValue.string(d.name()));
            b.put("Description", CimValue.string("Microsoft Virtual " + d.name()));
            b.put("ElementName", CimValue.string(d.name()));
            b.put("ResourceType", CimValue.uint16(d.resourceType()));
            b.put("ResourceSubType", CimValue.string(d.subType()));
            b.put("PoolID", CimValue.string(""));
            b.put("VirtualQuantity", CimValue.uint64(1));
            b.put("AutomaticAllocation", CimValue.bool(true));
            b.put("AutomaticDeallocation", CimValue.bool(true));
            b.put("Address", CimValue.string(Integer.toString(d.index())));
            if (d.className().equals(SERIAL_PORT)) {
                b.put("Connection", CimValue.strings(List.of("")));
                b.put("DebuggerMode", CimValue.bool(false));
            }
            if (d.className().equals(SYNTHETIC_DISPLAY)) {
                b.put("ResolutionType", CimValue.uint8(2)); // Maximum
                b.put("HorizontalResolution", CimValue.uint16(1024));
                b.put("VerticalResolution", CimValue.uint16(768));
            }
            out.add(b.build());
        }
        return out;
    }

    /** Every class the fixed devices' settings are instances of. */
    static List<String> classes() {
        return List.of(StorageRenderer.RASD, SERIAL_PORT, SYNTHETIC_DISPLAY);
    }
}
