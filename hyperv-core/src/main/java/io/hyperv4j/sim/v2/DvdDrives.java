package io.hyperv4j.sim.v2;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.sim.SimVm;
import java.util.List;

/**
 * The DVD drive New-VM gives a generation 1 VM: on IDE controller 1, slot 0, empty (no ISO, so no
 * Msvm_StorageAllocationSettingData), Msvm_ResourceAllocationSettingData with ResourceType 16
 * (DVD drive) and subtype "Microsoft:Hyper-V:Synthetic DVD Drive". It holds its slot, so a disk
 * added to the IDE controllers goes to 0:0, 0:1 and then 1:1. A generation 2 VM gets no DVD drive.
 */
final class DvdDrives {
    static final String SUBTYPE = "Microsoft:Hyper-V:Synthetic DVD Drive";
    static final int RESOURCE_TYPE = 16;
    /** The IDE controller and slot it sits on, and the drive's local id ({@code <controller>\<slot>\D}). */
    static final String CONTROLLER_ID = StorageRenderer.IDE_RESOURCE + "\\1";
    static final int SLOT = 0;
    static final String DRIVE_ID = CONTROLLER_ID + "\\" + SLOT + "\\D";

    private DvdDrives() {}

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
