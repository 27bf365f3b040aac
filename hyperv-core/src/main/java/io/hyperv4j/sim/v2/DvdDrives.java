package io.hyperv4j.sim.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.LabJson;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.v2.storage.ControllerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The DVD drive New-VM gives a generation 1 VM: on IDE controller 1, slot 0, empty (no ISO, so no
 * Msvm_StorageAllocationSettingData), Msvm_ResourceAllocationSettingData with ResourceType 16
 * (DVD drive) and subtype "Microsoft:Hyper-V:Synthetic DVD Drive". It holds its slot, so a disk
 * added to the IDE controllers goes to 0:0, 0:1 and then 1:1. A generation 2 VM gets no DVD drive.
 *
 * <p>Media (Set-VMDvdDrive -Path): AddResourceSettings with a Msvm_StorageAllocationSettingData of
 * ResourceType 31 (Logical Disk) and subtype "Microsoft:Hyper-V:Virtual CD/DVD Disk" whose Parent is
 * the drive and whose HostResource names one existing ISO file inserts it, running or not;
 * RemoveResourceSettings on it ejects. A drive that already holds media, a missing file or a Parent
 * that is not the DVD drive is an invalid parameter. Kept per VM, saved with the lab.
 */
final class DvdDrives {
    static final String SUBTYPE = "Microsoft:Hyper-V:Synthetic DVD Drive";
    static final int RESOURCE_TYPE = 16;
    /** The IDE controller and slot it sits on, and the drive's local id ({@code <controller>\<slot>\D}). */
    static final String CONTROLLER_ID = StorageRenderer.IDE_RESOURCE + "\\1";
    static final int SLOT = 0;
    static final String DRIVE_ID = CONTROLLER_ID + "\\" + SLOT + "\\D";

    static final String MEDIA_SUBTYPE = "Microsoft:Hyper-V:Virtual CD/DVD Disk";
    /** The media's local id: the drive's controller and slot, then L, as a hard disk's. */
    static final String MEDIA_ID = CONTROLLER_ID + "\\" + SLOT + "\\L";
    private static final Map<Lab, Map<String, Path>> MEDIA = new WeakHashMap<>();

    private DvdDrives() {}

    /** The path of the drive's Msvm_ResourceAllocationSettingData. */
    static io.hyperv4j.cim.ObjectPath drivePath(SimVm vm) {
        return V2.path(vm.host().name(), StorageRenderer.RASD, "InstanceID", "Microsoft:" + vm.id() + "\\" + DRIVE_ID);
    }

    /** The path of the media's Msvm_StorageAllocationSettingData (present while the drive holds an ISO). */
    static io.hyperv4j.cim.ObjectPath mediaPath(SimVm vm) {
        return V2.path(vm.host().name(), StorageRenderer.SASD, "InstanceID", "Microsoft:" + vm.id() + "\\" + MEDIA_ID);
    }

    /** The ISO in the VM's DVD drive, or null. */
    static Path media(Lab lab, SimVm vm) {
        synchronized (MEDIA) {
            Map<String, Path> m = MEDIA.get(lab);
            return m == null ? null : m.get(vm.id());
        }
    }

    /** Why {@code iso} cannot go into the VM's drive {@code driveLocalId} (upper-cased, as StorageSettings gives it), or null. */
    static String insertProblem(Lab lab, SimVm vm, String driveLocalId, List<String> hostResource) {
        if (!has(vm) || driveLocalId == null || !driveLocalId.equalsIgnoreCase(DRIVE_ID)) return "the media's Parent names no DVD drive of " + vm.name();
        if (media(lab, vm) != null) return "the DVD drive of " + vm.name() + " already holds " + media(lab, vm);
        if (hostResource.size() != 1) return "HostResource must name exactly one ISO file, not " + hostResource.size();
        Path iso = Path.of(hostResource.get(0));
        if (!Files.isRegularFile(iso)) return "HostResource " + iso + " does not exist or is not a file";
        return null;
    }

    static void insert(Lab lab, SimVm vm, Path iso) {
        synchronized (MEDIA) {
            MEDIA.computeIfAbsent(lab, l -> new LinkedHashMap<>()).put(vm.id(), iso.toAbsolutePath().normalize());
        }
    }

    static void eject(Lab lab, SimVm vm) {
        synchronized (MEDIA) {
            Map<String, Path> m = MEDIA.get(lab);
            if (m != null) m.remove(vm.id());
        }
    }

    /** The media's settings, when the drive holds an ISO. */
    static List<CimInstance> mediaSettings(Lab lab, SimVm vm) {
        Path iso = has(vm) ? media(lab, vm) : null;
        if (iso == null) return List.of();
        String id = "Microsoft:" + vm.id() + "\\" + MEDIA_ID;
        CimInstance.Builder b = CimInstance.builder(StorageRenderer.SASD).path(mediaPath(vm));
        b.put("InstanceID", CimValue.string(id));
        b.put("Caption", CimValue.string("ISO Disk Image"));
        b.put("ElementName", CimValue.string("ISO Disk Image"));
        b.put("ResourceType", CimValue.uint16(ControllerKind.LOGICAL_DISK_TYPE));
        b.put("ResourceSubType", CimValue.string(MEDIA_SUBTYPE));
        b.put("Parent", CimValue.string(drivePath(vm).toString()));
        b.put("HostResource", CimValue.strings(List.of(iso.toString())));
        b.put("Access", CimValue.uint16(1)); // read only
        b.put("VirtualQuantity", CimValue.uint64(1));
        return List.of(b.build());
    }

    /** Writes {@code {"dvdMedia": {VMID: path}}}. */
    static void save(Lab lab, ObjectNode into) {
        Map<String, Path> all;
        synchronized (MEDIA) {
            all = new LinkedHashMap<>(MEDIA.getOrDefault(lab, Map.of()));
        }
        all.keySet().removeIf(id -> lab.vm(id) == null);
        if (all.isEmpty()) return;
        ObjectNode n = into.putObject("dvdMedia");
        all.forEach((id, iso) -> n.put(id, iso.toString()));
    }

    static void load(Lab lab, LabJson from) {
        Map<String, Path> all = new LinkedHashMap<>();
        if (from.has("dvdMedia")) {
            LabJson n = from.object("dvdMedia");
            for (String id : n.fields().keySet()) {
                if (lab.vm(id) == null) throw n.invalid(id, "no VM " + id + " in the lab");
                all.put(id, Path.of(n.string(id)));
            }
        }
        synchronized (MEDIA) {
            MEDIA.put(lab, all);
        }
    }

    static boolean has(SimVm vm) {
        return SimVm.SUBTYPE_GEN1.equals(vm.subType());
    }

    /** Whether the DVD drive takes this controller slot of the VM. */
    static boolean occupies(SimVm vm, String controllerId, int slot) {
        return has(vm) && slot == SLOT && CONTROLLER_ID.equalsIgnoreCase(controllerId);
    }

    /** The VM's DVD drive settings, when it has one. */
    static List<CimInstance> settings(SimVm vm) {
        if (!has(vm)) return List.of();
        String h = vm.host().name();
        String id = "Microsoft:" + vm.id() + "\\" + DRIVE_ID;
        CimInstance.Builder b = CimInstance.builder(StorageRenderer.RASD).path(V2.path(h, StorageRenderer.RASD, "InstanceID", id));
        b.put("InstanceID", CimValue.string(id));
        b.put("Caption", CimValue.string("DVD Drive"));
        b.put("ElementName", CimValue.string("DVD Drive"));
        b.put("ResourceType", CimValue.uint16(RESOURCE_TYPE));
        b.put("ResourceSubType", CimValue.string(SUBTYPE));
        b.put("Parent", CimValue.string(V2.path(h, StorageRenderer.RASD, "InstanceID", "Microsoft:" + vm.id() + "\\" + CONTROLLER_ID).toString()));
        b.put("AddressOnParent", CimValue.string(Integer.toString(SLOT)));
        b.put("VirtualQuantity", CimValue.uint64(1));
        return List.of(b.build());
    }
}
