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
 * added to the IDE controllers goes to 0:0, 0:1 and then 1:1. A generation 2 VM gets no DVD drive
 * from New-VM; Add-VMDvdDrive (AddResourceSettings with that RASD, Parent a SCSI controller) puts one
 * on a free SCSI slot while the VM is off, RemoveResourceSettings takes it away (ejecting its media).
 * The simulator models one DVD drive per VM: a second is refused, as is a drive on IDE for generation 2.
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
    /** The IDE controller and slot a generation 1 VM's drive sits on. */
    static final String CONTROLLER_ID = StorageRenderer.IDE_RESOURCE + "\\1";
    static final int SLOT = 0;

    /** Marks the DVD drive in a call's list of drives given media. */
    static final String DVD = "DVD";
    static final String MEDIA_SUBTYPE = "Microsoft:Hyper-V:Virtual CD/DVD Disk";
    private static final Map<Lab, Map<String, Path>> MEDIA = new WeakHashMap<>();
    /** Where a generation 2 VM's added drive sits: its local id prefix {@code <controller>\<slot>}. */
    private static final Map<Lab, Map<String, String>> PLACED = new WeakHashMap<>();

    private DvdDrives() {}

    /** The path of the drive's Msvm_ResourceAllocationSettingData. */
    static io.hyperv4j.cim.ObjectPath drivePath(Lab lab, SimVm vm) {
        return V2.path(vm.host().name(), StorageRenderer.RASD, "InstanceID", "Microsoft:" + vm.id() + "\\" + driveId(lab, vm));
    }

    /** The path of the media's Msvm_StorageAllocationSettingData (present while the drive holds an ISO). */
    static io.hyperv4j.cim.ObjectPath mediaPath(Lab lab, SimVm vm) {
        return V2.path(vm.host().name(), StorageRenderer.SASD, "InstanceID", "Microsoft:" + vm.id() + "\\" + mediaId(lab, vm));
    }

    /** Where the VM's drive sits ({@code <controller>\<slot>}, upper-cased), or null when it has none. */
    static String location(Lab lab, SimVm vm) {
        if (SimVm.SUBTYPE_GEN1.equals(vm.subType())) return CONTROLLER_ID + "\\" + SLOT;
        synchronized (MEDIA) {
            Map<String, String> m = PLACED.get(lab);
            return m == null ? null : m.get(vm.id());
        }
    }

    /** The drive's local id ({@code <controller>\<slot>\D}), or null. */
    static String driveId(Lab lab, SimVm vm) {
        String at = location(lab, vm);
        return at == null ? null : at + "\\D";
    }

    /** The media's local id ({@code <controller>\<slot>\L}), or null. */
    static String mediaId(Lab lab, SimVm vm) {
        String at = location(lab, vm);
        return at == null ? null : at + "\\L";
    }

    /** Why a DVD drive cannot go on {@code controller} (its kind, or null when the VM has no such controller) at {@code slot}, or null. */
    static String addProblem(Lab lab, SimVm vm, ControllerKind controller) {
        if (SimVm.SUBTYPE_GEN1.equals(vm.subType()))
            return vm.name() + " already has its DVD drive on IDE 1:0; the simulator models one DVD drive per VM";
        if (has(lab, vm)) return vm.name() + " already has a DVD drive; the simulator models one DVD drive per VM";
        if (controller == null) return "the DVD drive's Parent names no controller of " + vm.name();
        if (controller != ControllerKind.SCSI) return "a generation 2 VM has no IDE controller: its DVD drive goes on a SCSI controller";
        return null;
    }

    /** Places a generation 2 VM's drive at {@code controllerId}, {@code slot}. */
    static void place(Lab lab, SimVm vm, String controllerId, int slot) {
        synchronized (MEDIA) {
            PLACED.computeIfAbsent(lab, l -> new LinkedHashMap<>()).put(vm.id(), controllerId.toUpperCase(java.util.Locale.ROOT) + "\\" + slot);
        }
    }

    /** Removes a generation 2 VM's drive and the media in it. */
    static void unplace(Lab lab, SimVm vm) {
        eject(lab, vm);
        synchronized (MEDIA) {
            Map<String, String> m = PLACED.get(lab);
            if (m != null) m.remove(vm.id());
        }
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
        if (!has(lab, vm) || driveLocalId == null || !driveLocalId.equalsIgnoreCase(driveId(lab, vm))) return "the media's Parent names no DVD drive of " + vm.name();
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
        Path iso = has(lab, vm) ? media(lab, vm) : null;
        if (iso == null) return List.of();
        String id = "Microsoft:" + vm.id() + "\\" + mediaId(lab, vm);
        CimInstance.Builder b = CimInstance.builder(StorageRenderer.SASD).path(mediaPath(lab, vm));
        b.put("InstanceID", CimValue.string(id));
        b.put("Caption", CimValue.string("ISO Disk Image"));
        b.put("ElementName", CimValue.string("ISO Disk Image"));
        b.put("ResourceType", CimValue.uint16(ControllerKind.LOGICAL_DISK_TYPE));
        b.put("ResourceSubType", CimValue.string(MEDIA_SUBTYPE));
        b.put("Parent", CimValue.string(drivePath(lab, vm).toString()));
        b.put("HostResource", CimValue.strings(List.of(iso.toString())));
        b.put("Access", CimValue.uint16(1)); // read only
        b.put("VirtualQuantity", CimValue.uint64(1));
        return List.of(b.build());
    }

    /** Writes {@code {"dvdMedia": {VMID: path}, "dvdDrives": {VMID: "<controller>\<slot>"}}}. */
    static void save(Lab lab, ObjectNode into) {
        Map<String, Path> all;
        Map<String, String> placed;
        synchronized (MEDIA) {
            all = new LinkedHashMap<>(MEDIA.getOrDefault(lab, Map.of()));
            placed = new LinkedHashMap<>(PLACED.getOrDefault(lab, Map.of()));
        }
        placed.keySet().removeIf(id -> lab.vm(id) == null);
        if (!placed.isEmpty()) {
            ObjectNode d = into.putObject("dvdDrives");
            placed.forEach(d::put);
        }
        all.keySet().removeIf(id -> lab.vm(id) == null);
        if (all.isEmpty()) return;
        ObjectNode n = into.putObject("dvdMedia");
        all.forEach((id, iso) -> n.put(id, iso.toString()));
    }

    static void load(Lab lab, LabJson from) {
        Map<String, Path> all = new LinkedHashMap<>();
        Map<String, String> placed = new LinkedHashMap<>();
        if (from.has("dvdDrives")) {
            LabJson n = from.object("dvdDrives");
            for (String id : n.fields().keySet()) {
                if (lab.vm(id) == null) throw n.invalid(id, "no VM " + id + " in the lab");
                placed.put(id, n.string(id));
            }
        }
        if (from.has("dvdMedia")) {
            LabJson n = from.object("dvdMedia");
            for (String id : n.fields().keySet()) {
                if (lab.vm(id) == null) throw n.invalid(id, "no VM " + id + " in the lab");
                all.put(id, Path.of(n.string(id)));
            }
        }
        synchronized (MEDIA) {
            MEDIA.put(lab, all);
            PLACED.put(lab, placed);
        }
    }

    static boolean has(Lab lab, SimVm vm) {
        return location(lab, vm) != null;
    }

    /** Whether the DVD drive takes this controller slot of the VM. */
    static boolean occupies(Lab lab, SimVm vm, String controllerId, int slot) {
        String at = location(lab, vm);
        return at != null && at.equalsIgnoreCase(controllerId + "\\" + slot);
    }

    /** The VM's DVD drive settings, when it has one. */
    static List<CimInstance> settings(Lab lab, SimVm vm) {
        String at = location(lab, vm);
        if (at == null) return List.of();
        int cut = at.lastIndexOf('\\');
        String h = vm.host().name();
        String id = "Microsoft:" + vm.id() + "\\" + at + "\\D";
        CimInstance.Builder b = CimInstance.builder(StorageRenderer.RASD).path(V2.path(h, StorageRenderer.RASD, "InstanceID", id));
        b.put("InstanceID", CimValue.string(id));
        b.put("Caption", CimValue.string("DVD Drive"));
        b.put("ElementName", CimValue.string("DVD Drive"));
        b.put("ResourceType", CimValue.uint16(RESOURCE_TYPE));
        b.put("ResourceSubType", CimValue.string(SUBTYPE));
        b.put("Parent", CimValue.string(V2.path(h, StorageRenderer.RASD, "InstanceID", "Microsoft:" + vm.id() + "\\" + at.substring(0, cut)).toString()));
        b.put("AddressOnParent", CimValue.string(at.substring(cut + 1)));
        b.put("VirtualQuantity", CimValue.uint64(1));
        return List.of(b.build());
    }
}
