package io.hyperv4j.sim.v2;

import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.v2.storage.SimDrive;
import io.hyperv4j.sim.v2.storage.StorageModel;
import io.hyperv4j.sim.v2.storage.VmStorage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A generation 2 VM's boot sources: one Msvm_BootSourceSettingData per hard drive and per DVD drive
 * (BootSourceType 1, Drive) and per network adapter (2, Network), created and removed with the device, joined to the
 * VM's settings by Msvm_BootSourceComponent and to the device's settings by Msvm_LogicalIdentity.
 * Msvm_VirtualSystemSettingData.BootSourceOrder lists their paths: the order ModifySystemSettings
 * set, sources it did not name (added later) after it in device order (drives by controller and
 * location, then adapters, then the DVD drive, which Add-VMDvdDrive appends). A sent order must name only this VM's sources, each once; anything else
 * is an invalid parameter and changes nothing. The simulated firmware reports no File entries (those
 * come from a guest's boot manager, and there is no guest).
 */
final class BootSources {
    static final String CLASS = "Msvm_BootSourceSettingData";
    static final String COMPONENT = "Msvm_BootSourceComponent";
    static final String IDENTITY = "Msvm_LogicalIdentity";
    static final long DRIVE = 1, NETWORK = 2;

    /** One boot source and the device settings it boots from. */
    record Source(CimInstance settings, ObjectPath device) {
        String instanceId() {
            return String.valueOf(settings.path().key("InstanceID"));
        }
    }

    private BootSources() {}

    static boolean has(SimVm vm) {
        return SimVm.SUBTYPE_GEN2.equals(vm.subType()) && !vm.removed();
    }

    /** The VM's boot sources in device order (none for generation 1, which boots by BootOrder). */
    static List<Source> of(Lab lab, SimVm vm) {
        if (!has(vm)) return List.of();
        String h = vm.host().name();
        List<Source> out = new ArrayList<>();
        VmStorage st = StorageModel.of(lab).find(vm.id());
        if (st != null) {
            List<SimDrive> drives = new ArrayList<>(st.drives());
            drives.sort(Comparator.comparing(SimDrive::controllerId).thenComparingInt(SimDrive::address));
            for (SimDrive d : drives) {
                ObjectPath device = StorageRenderer.drive(h, vm.id(), d);
                out.add(new Source(settings(h, device, DRIVE, "EFI SCSI Device",
                        "ScsiController(" + d.controllerId() + ")/Scsi(0," + d.address() + ")", d.current() == null ? "" : d.current().toString()), device));
            }
        }
        for (NetworkModel.Nic n : NetworkModel.of(lab).nics(vm.id())) {
            ObjectPath device = NetworkRenderer.nicPath(h, n);
            out.add(new Source(settings(h, device, NETWORK, "EFI Network", "VmBus(" + n.id + ")/MAC(" + n.mac + ")", ""), device));
        }
        String dvd = DvdDrives.location(lab, vm);
        if (dvd != null) {
            ObjectPath device = DvdDrives.drivePath(lab, vm);
            java.nio.file.Path iso = DvdDrives.media(lab, vm);
            int cut = dvd.lastIndexOf('\\');
            out.add(new Source(settings(h, device, DRIVE, "EFI SCSI Device", "ScsiController(" + dvd.substring(0, cut) + ")/Scsi(0," + dvd.substring(cut + 1) + ")",
                    iso == null ? "" : iso.toString()), device));
        }
        return out;
    }

    private static CimInstance settings(String host, ObjectPath device, long type, String description, String firmwarePath, String other) {
        String id = device.key("InstanceID") + "\\Boot";
        CimInstance.Builder b = CimInstance.builder(CLASS).path(V2.path(host, CLASS, "InstanceID", id));
        b.put("InstanceID", CimValue.string(id));
        b.put("Caption", CimValue.string("Boot Source"));
        b.put("Description", CimValue.string("Boot source of a virtual machine"));
        b.put("ElementName", CimValue.string(description));
        b.put("BootSourceType", CimValue.uint32(type));
        b.put("OtherLocation", CimValue.string(other));
        b.put("FirmwareDevicePath", CimValue.string(firmwarePath));
        b.put("BootSourceDescription", CimValue.string(description));
        b.put("OptionalData", CimValue.array(io.hyperv4j.cim.CimType.UINT8, List.of()));
        return b.build();
    }

    /** The served order: the instance IDs {@code set} names that still exist, then the rest in device order. */
    static List<Source> ordered(Lab lab, SimVm vm, List<?> set) {
        Map<String, Source> byId = new LinkedHashMap<>();
        for (Source s : of(lab, vm)) byId.put(s.instanceId().toLowerCase(Locale.ROOT), s);
        List<Source> out = new ArrayList<>();
        for (Object o : set == null ? List.of() : set) {
            Source s = byId.remove(instanceIdOf(o));
            if (s != null) out.add(s);
        }
        out.addAll(byId.values());
        return out;
    }

    static CimValue order(List<Source> sources) {
        return CimValue.strings(sources.stream().map(s -> s.settings().path().toString()).toList());
    }

    /** Why {@code sent} is not a valid BootSourceOrder for the VM, or null. */
    static String problem(Lab lab, SimVm vm, List<?> sent) {
        Set<String> own = new HashSet<>();
        for (Source s : of(lab, vm)) own.add(s.instanceId().toLowerCase(Locale.ROOT));
        Set<String> seen = new HashSet<>();
        for (Object o : sent) {
            String id = instanceIdOf(o);
            if (id == null || !own.contains(id)) return "BootSourceOrder entry '" + o + "' is not one of the boot sources (" + CLASS + ") of " + vm.name();
            if (!seen.add(id)) return "BootSourceOrder names boot source '" + o + "' twice";
        }
        return null;
    }

    /** The lower-cased InstanceID of a Msvm_BootSourceSettingData path, or null when it is not one. */
    private static String instanceIdOf(Object entry) {
        try {
            ObjectPath p = entry instanceof ObjectPath op ? op : ObjectPath.parse(String.valueOf(entry));
            Object id = p.key("InstanceID");
            return p.className().equalsIgnoreCase(CLASS) && id != null ? id.toString().toLowerCase(Locale.ROOT) : null;
        } catch (CimException | IllegalArgumentException e) {
            return null;
        }
    }
}
