package io.hyperv4j.sim.v2;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.v2.storage.ControllerKind;
import io.hyperv4j.sim.v2.storage.SimController;
import io.hyperv4j.sim.v2.storage.SimDrive;
import io.hyperv4j.sim.v2.storage.StorageModel;
import io.hyperv4j.sim.v2.storage.VmStorage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The logical devices of a running VM, as its worker process presents them: one Msvm_Processor per
 * virtual processor, Msvm_Memory, Msvm_Keyboard, Msvm_SyntheticMouse, the display controller
 * (Msvm_S3DisplayController on generation 1, Msvm_SyntheticDisplayController on generation 2) with
 * its Msvm_VideoHead, Msvm_SerialPort COM 1 and COM 2, the IDE controllers (generation 1) and SCSI
 * controllers (Msvm_IDEController, Msvm_SCSIProtocolController), an Msvm_DiskDrive per drive and
 * the generation 1 DVD drive (Msvm_DVDDrive); each joined to its VM by Msvm_SystemDevice. They exist
 * while the VM is active (running, paused, or on its way in or out of those) and are gone when it
 * is off or saved. Values are the defaults each class page gives in its MOF; a device's DeviceID is
 * {@code Microsoft:<device GUID>\<device-specific data>}, from the InstanceID of its settings.
 */
final class LogicalDevices {
    static final String PROCESSOR = "Msvm_Processor";
    static final String MEMORY = "Msvm_Memory";
    static final String KEYBOARD = "Msvm_Keyboard";
    static final String MOUSE = "Msvm_SyntheticMouse";
    static final String SYNTHETIC_DISPLAY = "Msvm_SyntheticDisplayController";
    static final String S3_DISPLAY = "Msvm_S3DisplayController";
    static final String VIDEO_HEAD = "Msvm_VideoHead";
    static final String SERIAL_PORT = "Msvm_SerialPort";
    static final String IDE_CONTROLLER = "Msvm_IDEController";
    static final String SCSI_CONTROLLER = "Msvm_SCSIProtocolController";
    static final String DISK_DRIVE = "Msvm_DiskDrive";
    static final String DVD_DRIVE = "Msvm_DVDDrive";
    static final String LOGICAL_DISK = "Msvm_LogicalDisk";
    static final String MEDIA_PRESENT = "Msvm_MediaPresent";
    static final List<String> CLASSES = List.of(PROCESSOR, MEMORY, KEYBOARD, MOUSE, SYNTHETIC_DISPLAY, S3_DISPLAY, VIDEO_HEAD,
            SERIAL_PORT, IDE_CONTROLLER, SCSI_CONTROLLER, DISK_DRIVE, DVD_DRIVE, LOGICAL_DISK);

    private static final CimValue OK = V2Renderer.u16s(2);
    private static final CimValue OK_TEXT = CimValue.strings(List.of("OK"));
    private static final CimValue NOT_APPLICABLE = V2Renderer.u16s(6);
    /** EnabledState 5: the device cannot be enabled or disabled (the pages' default for drives, controllers, ports). */
    private static final int ALWAYS = 5;
    private static final int ENABLED = 2;
    /** The synthetic display's resolution (Msvm_SyntheticDisplayControllerSettingData's default). */
    static final int WIDTH = 1024, HEIGHT = 768, BITS_PER_PIXEL = 32;

    private LogicalDevices() {}

    /** Whether the VM has its logical devices now. */
    static boolean present(SimVm vm) {
        return vm.state().isActive();
    }

    /** A device and the path of the settings that define it (Msvm_SettingsDefineState), null for one without (the video head). */
    record Presented(CimInstance device, ObjectPath settings) {
    }

    /** The VM's devices of one class (all of them for null), empty while it is not active. */
    static List<CimInstance> of(Lab lab, SimVm vm, String className, Instant now) {
        List<CimInstance> out = new ArrayList<>();
        for (Presented p : presented(lab, vm, now))
            if (className == null || p.device().className().equalsIgnoreCase(className)) out.add(p.device());
        return out;
    }

    /** Msvm_SystemDevice from the VM to each of its devices. */
    static List<CimInstance> systemDevices(Lab lab, SimVm vm, Instant now) {
        List<CimInstance> out = new ArrayList<>();
        for (CimInstance d : of(lab, vm, null, now)) out.add(V2Renderer.systemDevice(vm, d.path()));
        return out;
    }

    /**
     * Msvm_SettingsDefineState from each device to the settings that define it: the processors to
     * Msvm_ProcessorSettingData, the memory to Msvm_MemorySettingData, every other device to its
     * resource allocation settings (the class page: "Msvm_* derivatives of CIM_LogicalDevice with
     * Msvm_* derivatives of CIM_ResourceAllocationSettingData").
     */
    static List<CimInstance> settingsDefineStates(Lab lab, SimVm vm, Instant now) {
        List<CimInstance> out = new ArrayList<>();
        for (Presented p : presented(lab, vm, now))
            if (p.settings() != null) out.add(V2Renderer.settingsDefineState(p.device().path(), p.settings()));
        return out;
    }

    private static List<Presented> presented(Lab lab, SimVm vm, Instant now) {
        return present(vm) ? all(lab, vm, now) : List.of();
    }

    private static List<Presented> all(Lab lab, SimVm vm, Instant now) {
        boolean gen1 = SimVm.SUBTYPE_GEN1.equals(vm.subType());
        String h = vm.host().name();
        List<Presented> out = new ArrayList<>();
        for (int i = 0; i < vm.processors(); i++) out.add(new Presented(processor(vm, i, now), V2.processor(h, vm.id())));
        out.add(new Presented(memory(vm), V2.memory(h, vm.id())));
        String display = null;
        for (FixedDevices.Device d : FixedDevices.of(vm)) {
            String id = "Microsoft:" + d.guid() + "\\" + d.index();
            ObjectPath settings = FixedDevices.path(vm, d);
            switch (d.resourceType()) {
                case 13 -> out.add(new Presented(d.subType().endsWith("Keyboard") ? keyboard(vm, id) : mouse(lab, vm, id), settings));
                case 24 -> {
                    display = "Microsoft:" + d.guid();
                    out.add(new Presented(display(vm, display, gen1), settings));
                }
                case 21 -> out.add(new Presented(serialPort(vm, id, d.name()), settings));
                default -> throw new IllegalStateException("no logical device for " + d);
            }
        }
        out.add(new Presented(videoHead(vm, display + "\\Head\\0"), null));
        VmStorage st = StorageModel.of(lab).find(vm.id());
        if (st != null) {
            for (SimController c : st.controllers()) out.add(new Presented(controller(vm, c), StorageRenderer.controller(h, vm.id(), c)));
            for (SimDrive d : st.drives()) {
                out.add(new Presented(diskDrive(vm, d), StorageRenderer.drive(h, vm.id(), d)));
                if (d.current() != null) out.add(new Presented(hardDiskImage(vm, d), StorageRenderer.disk(h, vm.id(), d)));
            }
        }
        if (gen1) {
            out.add(new Presented(dvdDrive(vm), DvdDrives.drivePath(vm)));
            java.nio.file.Path iso = DvdDrives.media(lab, vm);
            if (iso != null) out.add(new Presented(isoImage(vm, iso), DvdDrives.mediaPath(vm)));
        }
        return out;
    }

    /**
     * Msvm_MediaPresent from each drive to the media in it (FixedMedia true for a hard disk, false for
     * an ISO), as the class page says: "used for all storage drive objects".
     */
    static List<CimInstance> mediaPresent(Lab lab, SimVm vm, Instant now) {
        List<CimInstance> devices = of(lab, vm, null, now);
        List<CimInstance> out = new ArrayList<>();
        for (CimInstance disk : devices) {
            if (!disk.className().equals(LOGICAL_DISK)) continue;
            String drive = driveIdOf(disk.getString("DeviceID"));
            for (CimInstance d : devices)
                if ((d.className().equals(DISK_DRIVE) || d.className().equals(DVD_DRIVE)) && d.getString("DeviceID").equalsIgnoreCase(drive))
                    out.add(V2Renderer.mediaPresent(d.path(), disk.path(), d.className().equals(DISK_DRIVE)));
        }
        return out;
    }

    /** A media's drive: the same {@code <controller>\<slot>} with D where the media has L. */
    private static String driveIdOf(String mediaDeviceId) {
        return mediaDeviceId.substring(0, mediaDeviceId.length() - 1) + "D";
    }

    private static CimInstance hardDiskImage(SimVm vm, SimDrive d) {
        Long bytes = null;
        try {
            bytes = io.hyperv4j.vhd.VirtualDisks.inspect(d.current()).size();
        } catch (RuntimeException unreadable) {
            // a disk the engine cannot open now still is the drive's media; its size is unknown
        }
        return logicalDisk(vm, "Microsoft:" + d.controllerId() + "\\" + d.address() + "\\L", "Hard Disk Image", 512, bytes, 3, d.current().toString());
    }

    private static CimInstance isoImage(SimVm vm, java.nio.file.Path iso) {
        Long bytes = null;
        try {
            bytes = java.nio.file.Files.size(iso);
        } catch (java.io.IOException gone) {
            // the ISO was removed behind the host's back: still inserted, size unknown
        }
        return logicalDisk(vm, "Microsoft:" + DvdDrives.MEDIA_ID, "ISO Disk Image", 2048, bytes, 1, iso.toString());
    }

    /** Msvm_LogicalDisk: {@code bytes} in blocks of {@code block} (rounded up), Access 1 readable or 3 read/write. */
    private static CimInstance logicalDisk(SimVm vm, String id, String name, long block, Long bytes, int access, String file) {
        CimInstance.Builder b = device(vm, LOGICAL_DISK, id, name, name, ALWAYS);
        b.put("Name", CimValue.string(file));
        b.put("DataOrganization", CimValue.uint16(2));
        b.put("Access", CimValue.uint16(access));
        b.put("BlockSize", CimValue.uint64(block));
        b.put("NumberOfBlocks", bytes == null ? CimValue.nullOf(CimType.UINT64) : CimValue.uint64((bytes + block - 1) / block));
        b.put("ConsumableBlocks", CimValue.uint64(0));
        b.put("IsBasedOnUnderlyingRedundancy", CimValue.bool(false));
        b.put("SequentialAccess", CimValue.bool(false));
        b.put("ExtentStatus", V2Renderer.u16s(2));
        b.put("NoSinglePointOfFailure", CimValue.bool(false));
        b.put("DataRedundancy", CimValue.uint16(0));
        b.put("PackageRedundancy", CimValue.uint16(0));
        b.put("DeltaReservation", CimValue.uint8(0));
        b.put("Primordial", CimValue.bool(false));
        b.put("NameFormat", CimValue.uint16(12));
        b.put("NameNamespace", CimValue.uint16(8));
        return b.build();
    }

    private static CimInstance.Builder device(SimVm vm, String cls, String deviceId, String name, String description, int enabled) {
        return device(vm.host().name(), vm.id(), vm.created(), cls, deviceId, name, description, enabled);
    }

    /** A logical device of the system named {@code systemName} (a VM's GUID, or the host's name for the host's own devices). */
    static CimInstance.Builder device(String host, String systemName, Instant installed, String cls, String deviceId, String name,
                                      String description, int enabled) {
        ObjectPath p = V2.path(host, cls, "CreationClassName", cls, "DeviceID", deviceId,
                "SystemCreationClassName", V2.COMPUTER_SYSTEM, "SystemName", systemName);
        CimInstance.Builder b = CimInstance.builder(cls).path(p);
        p.keys().forEach((k, v) -> b.put(k, CimValue.string((String) v)));
        b.put("Caption", V2Renderer.str(name));
        b.put("ElementName", V2Renderer.str(name));
        b.put("Name", V2Renderer.str(name));
        b.put("Description", V2Renderer.str(description));
        b.put("InstallDate", installed == null ? CimValue.nullOf(CimType.DATETIME) : V2Renderer.dt(installed));
        b.put("OperationalStatus", OK);
        b.put("StatusDescriptions", OK_TEXT);
        b.put("HealthState", CimValue.uint16(5));
        b.put("EnabledState", CimValue.uint16(enabled));
        b.put("RequestedState", CimValue.uint16(12));
        b.put("EnabledDefault", CimValue.uint16(2));
        b.put("Availability", CimValue.uint16(6));
        b.put("AdditionalAvailability", NOT_APPLICABLE);
        return b;
    }

    private static CimInstance processor(SimVm vm, int index, Instant now) {
        CimInstance.Builder b = device(vm, PROCESSOR, "Microsoft:" + V2.PROCESSOR_RESOURCE + "\\" + index, "Processor " + index,
                "A logical processor of the hypervisor running on the host computer system.", ENABLED);
        boolean running = vm.state() == io.hyperv4j.sim.PowerState.RUNNING;
        return processorCore(b, running ? Summary.load(vm, now, index) : 0);
    }

    /** The Msvm_Processor properties of a 64-bit logical processor at {@code load} percent. */
    static CimInstance processorCore(CimInstance.Builder b, long load) {
        b.put("Role", CimValue.string("Central Processor"));
        b.put("DataWidth", CimValue.uint16(64));
        b.put("AddressWidth", CimValue.uint16(64));
        b.put("CPUStatus", CimValue.uint16(1)); // CPU Enabled
        b.put("LoadPercentage", CimValue.uint16(load));
        return b.build();
    }

    private static CimInstance memory(SimVm vm) {
        CimInstance.Builder b = device(vm, MEMORY, "Microsoft:" + V2.MEMORY_RESOURCE, "Memory", "Microsoft Virtual Machine Memory", ENABLED);
        b.put("Name", CimValue.string(V2.MEMORY_RESOURCE));
        return memoryExtent(b, DynamicMemory.assignedMb(vm));
    }

    /** The Msvm_Memory properties of {@code mb} of memory in 1 MB blocks. */
    static CimInstance memoryExtent(CimInstance.Builder b, long mb) {
        b.put("DataOrganization", CimValue.uint16(2));
        b.put("Purpose", CimValue.string("System Memory"));
        b.put("Access", CimValue.uint16(3));
        b.put("BlockSize", CimValue.uint64(1048576));
        b.put("NumberOfBlocks", CimValue.uint64(mb));
        b.put("IsBasedOnUnderlyingRedundancy", CimValue.bool(false));
        b.put("SequentialAccess", CimValue.bool(false));
        b.put("ExtentStatus", V2Renderer.u16s(2));
        b.put("NoSinglePointOfFailure", CimValue.bool(false));
        b.put("DataRedundancy", CimValue.uint16(1));
        b.put("PackageRedundancy", CimValue.uint16(0));
        b.put("DeltaReservation", CimValue.uint8(0));
        b.put("NameFormat", CimValue.uint16(0));
        b.put("NameNamespace", CimValue.uint16(0));
        b.put("Volatile", CimValue.bool(true));
        b.put("StartingAddress", CimValue.uint64(0));
        return b.build();
    }

    private static CimInstance keyboard(SimVm vm, String id) {
        CimInstance.Builder b = device(vm, KEYBOARD, id, "Keyboard", "Microsoft Virtual Keyboard", ALWAYS);
        b.put("IsLocked", CimValue.bool(false));
        b.put("Layout", CimValue.string("00000409"));
        b.put("NumberOfFunctionKeys", CimValue.uint16(12));
        b.put("Password", CimValue.uint16(5));
        return b.build();
    }

    private static CimInstance mouse(Lab lab, SimVm vm, String id) {
        CimInstance.Builder b = device(vm, MOUSE, id, "Mouse", "Microsoft Synthetic Mouse", ENABLED);
        b.put("IsLocked", CimValue.bool(false));
        b.put("PointingType", CimValue.uint16(3));
        b.put("NumberOfButtons", CimValue.uint8(InputMethods.BUTTONS));
        b.put("Handedness", CimValue.uint16(2));
        b.put("AbsoluteCoordinates", CimValue.bool(true));
        ConsoleInput.State in = ConsoleInput.of(lab, vm); // where SetAbsolutePosition and SetScrollPosition put it
        b.put("HorizontalPosition", CimValue.sint32(in == null ? 0 : in.x()));
        b.put("VerticalPosition", CimValue.sint32(in == null ? 0 : in.y()));
        b.put("ScrollPosition", CimValue.sint32(in == null ? 0 : in.scrollPosition()));
        return b.build();
    }

    private static CimInstance display(SimVm vm, String id, boolean s3) {
        CimInstance.Builder b = device(vm, s3 ? S3_DISPLAY : SYNTHETIC_DISPLAY, id, "Display Controller",
                s3 ? "Microsoft Emulated Display Controller" : "Microsoft Synthetic Display Controller", ENABLED);
        b.put("ProtocolSupported", CimValue.uint16(1));
        b.put("MaxNumberControlled", CimValue.uint32(1));
        b.put("ProtocolDescription", CimValue.string("Video"));
        b.put("VideoProcessor", CimValue.string(s3 ? "Virtual S3 Video Processor" : "Synthetic Video Processor"));
        b.put("VideoMemoryType", CimValue.uint16(2));
        b.put("NumberOfVideoPages", CimValue.uint32(s3 ? 32768 : 1024));
        b.put("MaxMemorySupported", CimValue.uint32(s3 ? 134217728 : 4194304));
        b.put("AcceleratorCapabilities", V2Renderer.u16s(2));
        b.put("CapabilityDescriptions", CimValue.strings(List.of("Graphics Accelerator")));
        return b.build();
    }

    private static CimInstance videoHead(SimVm vm, String id) {
        CimInstance.Builder b = device(vm, VIDEO_HEAD, id, "Video Head", "Microsoft Virtual Video Head", ENABLED);
        b.put("TransitioningToState", CimValue.uint16(12));
        b.put("CurrentBitsPerPixel", CimValue.uint32(BITS_PER_PIXEL));
        b.put("CurrentHorizontalResolution", CimValue.uint32(WIDTH));
        b.put("CurrentVerticalResolution", CimValue.uint32(HEIGHT));
        b.put("CurrentNumberOfRows", CimValue.uint32(0)); // graphics mode, not character mode
        b.put("CurrentNumberOfColumns", CimValue.uint32(0));
        b.put("CurrentNumberOfColors", CimValue.uint64(1L << BITS_PER_PIXEL));
        return b.build();
    }

    private static CimInstance serialPort(SimVm vm, String id, String name) {
        CimInstance.Builder b = device(vm, SERIAL_PORT, id, name, "Microsoft Virtual Serial Port", ALWAYS);
        b.put("Speed", CimValue.uint64(115200));
        b.put("MaxSpeed", CimValue.uint32(115200));
        b.put("RequestedSpeed", CimValue.uint64(115200));
        b.put("UsageRestriction", CimValue.uint16(4));
        b.put("PortType", CimValue.uint16(1));
        b.put("OtherPortType", CimValue.string("Serial Port"));
        return b.build();
    }

    private static CimInstance controller(SimVm vm, SimController c) {
        String id = "Microsoft:" + c.id();
        if (c.kind() == ControllerKind.IDE) {
            CimInstance.Builder b = device(vm, IDE_CONTROLLER, id, "IDE Controller " + c.index(), "Microsoft Virtual IDE Controller", ALWAYS);
            b.put("ProtocolSupported", CimValue.uint16(37));
            b.put("MaxNumberControlled", CimValue.uint32(2));
            b.put("ProtocolDescription", CimValue.string("IDE"));
            return b.build();
        }
        CimInstance.Builder b = device(vm, SCSI_CONTROLLER, id, "SCSI Controller", "Microsoft Virtual SCSI Controller", ALWAYS);
        b.put("MaxUnitsControlled", CimValue.uint32(256));
        b.put("NameFormat", CimValue.uint16(0));
        return b.build();
    }

    private static CimInstance diskDrive(SimVm vm, SimDrive d) {
        CimInstance.Builder b = device(vm, DISK_DRIVE, "Microsoft:" + d.controllerId() + "\\" + d.address() + "\\D", "Hard Drive",
                "Microsoft Virtual Hard Drive", ENABLED);
        mediaAccess(b, 2000000000L, 512, true);
        b.put("Capabilities", V2Renderer.u16s(3, 4));
        b.put("CapabilityDescriptions", CimValue.strings(List.of("Random Access", "Supports Writing")));
        b.put("MaxBlockSize", CimValue.nullOf(CimType.UINT64));
        return b.build();
    }

    private static CimInstance dvdDrive(SimVm vm) {
        CimInstance.Builder b = device(vm, DVD_DRIVE, "Microsoft:" + DvdDrives.DRIVE_ID, "DVD Drive", "Microsoft Virtual DVD Drive", ALWAYS);
        mediaAccess(b, 9400000L, 2048, false);
        b.put("MaxBlockSize", CimValue.uint64(2048));
        b.put("Capabilities", CimValue.array(CimType.UINT32, List.of(3L, 7L)));
        b.put("CapabilityDescriptions", CimValue.strings(List.of("Random Access", "Supports Removable Media")));
        b.put("FormatsSupported", V2Renderer.u16s(16, 22));
        return b.build();
    }

    /** What Msvm_DiskDrive and Msvm_DVDDrive share (CIM_MediaAccessDevice), with the values their pages give. */
    private static void mediaAccess(CimInstance.Builder b, long maxMedia, long block, boolean locked) {
        b.put("ErrorMethodology", CimValue.string("None"));
        b.put("CompressionMethod", CimValue.string("Not Compressed"));
        b.put("NumberOfMediaSupported", CimValue.uint32(1));
        b.put("MaxMediaSize", CimValue.uint64(maxMedia));
        b.put("DefaultBlockSize", CimValue.uint64(block));
        b.put("MinBlockSize", CimValue.uint64(block));
        b.put("NeedsCleaning", CimValue.bool(false));
        b.put("MediaIsLocked", CimValue.bool(locked));
        b.put("Security", CimValue.uint16(3));
        for (String zero : List.of("MaxAccessTime", "LoadTime", "UnloadTime", "MountCount", "TotalMountTime", "UnitsUsed"))
            b.put(zero, CimValue.uint64(0));
        b.put("MaxUnitsBeforeCleaning", CimValue.uint64(-1L)); // 0xffffffffffffffff
    }
}
