package io.hyperv4j.sim.v2;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.v2.storage.ControllerKind;
import io.hyperv4j.sim.v2.storage.SimCheckpoint;
import io.hyperv4j.sim.v2.storage.SimController;
import io.hyperv4j.sim.v2.storage.SimDrive;
import io.hyperv4j.sim.v2.storage.StorageModel;
import io.hyperv4j.sim.v2.storage.VmStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders VM storage and checkpoints: controller and drive RASDs (Msvm_ResourceAllocationSettingData),
 * disk SASDs (Msvm_StorageAllocationSettingData, HostResource = the file), snapshot settings
 * (Msvm_VirtualSystemSettingData with VirtualSystemType Microsoft:Hyper-V:Snapshot:Realized) and
 * the associations Msvm_SnapshotOfVirtualSystem, Msvm_ParentChildSettingData and
 * Msvm_MostCurrentSnapshotInBranch. Key forms follow Hyper-V: a drive is
 * {@code Microsoft:<VM>\<controller>\<slot>\D}, its disk {@code ...\L}; a snapshot's settings are
 * {@code Microsoft:<snapshot GUID>}.
 */
final class StorageRenderer {
    private StorageRenderer() {}

    static final String RASD = "Msvm_ResourceAllocationSettingData";
    static final String SASD = "Msvm_StorageAllocationSettingData";
    static final String SNAPSHOT_SERVICE = "Msvm_VirtualSystemSnapshotService";
    static final String SNAPSHOT_OF = "Msvm_SnapshotOfVirtualSystem";
    static final String PARENT_CHILD = "Msvm_ParentChildSettingData";
    static final String MOST_CURRENT = "Msvm_MostCurrentSnapshotInBranch";
    /** The classes of a VM's device settings this renderer shows (storage and the fixed devices). */
    static final List<String> SETTINGS_CLASSES = List.of(RASD, SASD, FixedDevices.SERIAL_PORT, FixedDevices.SYNTHETIC_DISPLAY);
    static final String SNAPSHOT_TYPE = "Microsoft:Hyper-V:Snapshot:Realized";
    /** VirtualSystemType of a recovery snapshot (MSDOCS msvm-virtualsystemsettingdata). */
    static final String RECOVERY_TYPE = "Microsoft:Hyper-V:Snapshot:Recovery";
    static final String SNAPSHOT_SERVICE_NAME = "vssnapshotservice";
    /** Hyper-V's resource GUID of a generation 1 VM's two IDE controllers. */
    static final String IDE_RESOURCE = "83F8638B-8DCA-4152-9EDA-2CA8B33039B4";

    /** Resource pool GUIDs of the default ("template") settings clients clone (os-win: InstanceID LIKE '%\\Default'). */
    private static final String[][] DEFAULTS = {
            {RASD, ControllerKind.SCSI.subType(), "6", "SCSI Controller", "A8A1D9C4-1C67-4B1F-8D5B-3B0F2B7E6A01"},
            {RASD, ControllerKind.IDE.subType(), "5", "IDE Controller", "A8A1D9C4-1C67-4B1F-8D5B-3B0F2B7E6A02"},
            {RASD, ControllerKind.DISK_DRIVE_SUBTYPE, "17", "Hard Drive", "A8A1D9C4-1C67-4B1F-8D5B-3B0F2B7E6A03"},
            {SASD, ControllerKind.VIRTUAL_HARD_DISK_SUBTYPE, "31", "Hard Disk Image", "A8A1D9C4-1C67-4B1F-8D5B-3B0F2B7E6A04"}};

    /** The host's default settings of one class: the instances AddResourceSettings callers clone. */
    static List<CimInstance> defaults(String host, String className) {
        List<CimInstance> out = new ArrayList<>();
        for (String[] d : DEFAULTS) {
            if (!d[0].equalsIgnoreCase(className)) continue;
            CimInstance.Builder b = start(V2.path(host, d[0], "InstanceID", "Microsoft:Definition\\" + d[4] + "\\Default"));
            b.put("Caption", str(d[3]));
            b.put("ElementName", str(d[3]));
            b.put("ResourceType", CimValue.uint16(Long.parseLong(d[2])));
            b.put("ResourceSubType", str(d[1]));
            b.put("PoolID", str(""));
            b.put("VirtualQuantity", CimValue.uint64(1));
            if (d[0].equals(SASD)) b.put("HostResource", CimValue.strings(List.of()));
            out.add(b.build());
        }
        return out;
    }

    static ObjectPath snapshotService(String host) {
        return V2.path(host, SNAPSHOT_SERVICE, "CreationClassName", SNAPSHOT_SERVICE, "Name", SNAPSHOT_SERVICE_NAME,
                "SystemCreationClassName", V2.COMPUTER_SYSTEM, "SystemName", host);
    }

    static CimInstance snapshotService(SimHost h) {
        CimInstance.Builder b = start(snapshotService(h.name()));
        b.put("Caption", str("Hyper-V Virtual System Snapshot Service"));
        b.put("ElementName", str("Microsoft Hyper-V Virtual System Snapshot Service"));
        b.put("EnabledState", CimValue.uint16(2));
        b.put("HealthState", CimValue.uint16(5));
        b.put("OperationalStatus", CimValue.array(CimType.UINT16, List.of(2L)));
        return b.build();
    }

    static String controllerInstanceId(String vmId, SimController c) {
        return "Microsoft:" + vmId + "\\" + c.id();
    }

    static ObjectPath controller(String host, String vmId, SimController c) {
        return V2.path(host, RASD, "InstanceID", controllerInstanceId(vmId, c));
    }

    static ObjectPath drive(String host, String vmId, SimDrive d) {
        return V2.path(host, RASD, "InstanceID", "Microsoft:" + vmId + "\\" + d.controllerId() + "\\" + d.address() + "\\D");
    }

    static ObjectPath disk(String host, String vmId, SimDrive d) {
        return V2.path(host, SASD, "InstanceID", "Microsoft:" + vmId + "\\" + d.controllerId() + "\\" + d.address() + "\\L");
    }

    static ObjectPath snapshot(String host, String snapshotId) {
        return V2.path(host, V2.VSSD, "InstanceID", "Microsoft:" + snapshotId);
    }

    static CimInstance controller(SimVm vm, SimController c) {
        CimInstance.Builder b = start(controller(vm.host().name(), vm.id(), c));
        boolean scsi = c.kind() == ControllerKind.SCSI;
        b.put("Caption", str(scsi ? "SCSI Controller" : "IDE Controller " + c.index()));
        b.put("ElementName", str(scsi ? "SCSI Controller" : "IDE Controller " + c.index()));
        b.put("ResourceType", CimValue.uint16(c.kind().resourceType()));
        b.put("ResourceSubType", str(c.kind().subType()));
        b.put("Address", str(Integer.toString(c.index())));
        b.put("VirtualQuantity", CimValue.uint64(1));
        return b.build();
    }

    static CimInstance drive(SimVm vm, SimDrive d) {
        String h = vm.host().name();
        CimInstance.Builder b = attached(drive(h, vm.id(), d), "Hard Drive", ControllerKind.DISK_DRIVE_TYPE,
                ControllerKind.DISK_DRIVE_SUBTYPE, V2.path(h, RASD, "InstanceID", "Microsoft:" + vm.id() + "\\" + d.controllerId()));
        b.put("AddressOnParent", str(Integer.toString(d.address())));
        return b.build();
    }

    static CimInstance disk(SimVm vm, SimDrive d) {
        String h = vm.host().name();
        CimInstance.Builder b = attached(disk(h, vm.id(), d), "Hard Disk Image", ControllerKind.LOGICAL_DISK_TYPE,
                ControllerKind.VIRTUAL_HARD_DISK_SUBTYPE, drive(h, vm.id(), d));
        b.put("HostResource", CimValue.strings(List.of(d.current().toString())));
        b.put("Access", CimValue.uint16(3));
        return b.build();
    }

    /** What a drive's and a disk's settings share: names, resource type and subtype, parent, one unit. */
    private static CimInstance.Builder attached(ObjectPath path, String name, int type, String subType, ObjectPath parent) {
        CimInstance.Builder b = start(path);
        b.put("Caption", str(name));
        b.put("ElementName", str(name));
        b.put("ResourceType", CimValue.uint16(type));
        b.put("ResourceSubType", str(subType));
        b.put("Parent", str(parent.toString()));
        b.put("VirtualQuantity", CimValue.uint64(1));
        return b;
    }

    /** The RASDs and SASDs of one VM's realized settings. */
    static List<CimInstance> resources(Lab lab, SimVm vm, VmStorage st, String className) {
        List<CimInstance> out = new ArrayList<>(FixedDevices.settings(vm, className));
        if (st == null) return out;
        boolean rasd = className.equalsIgnoreCase(RASD);
        if (rasd) for (SimController c : st.controllers()) out.add(controller(vm, c));
        out.addAll(rasd ? DvdDrives.settings(vm) : DvdDrives.mediaSettings(lab, vm));
        for (SimDrive d : st.drives()) {
            if (rasd) out.add(drive(vm, d));
            else if (d.current() != null) out.add(disk(vm, d));
        }
        return out;
    }

    static CimInstance snapshot(SimVm vm, SimCheckpoint c) {
        String h = vm.host().name();
        CimInstance.Builder b = start(snapshot(h, c.id()));
        V2Renderer.putSettings(b, vm); // what the checkpoint captured: the VM's settings, then what differs
        b.put("Description", str("Snapshot settings for the virtual machine"));
        b.put("ElementName", str(c.name()));
        b.put("ConfigurationID", str(c.id()));
        b.put("VirtualSystemType", str(SimCheckpoint.RECOVERY.equals(c.kind()) ? RECOVERY_TYPE : SNAPSHOT_TYPE));
        b.put("CreationTime", V2Renderer.dt(c.created()));
        b.put("ConfigurationFile", str("Snapshots\\" + c.id() + ".vmcx"));
        b.put("GuestStateFile", str("Snapshots\\" + c.id() + ".vmgs"));
        b.put("Parent", str(c.parentId() == null ? null : snapshot(h, c.parentId()).toString()));
        b.put("IsSaved", CimValue.bool(c.savedState()));
        // the kind of checkpoint this is: 5 Standard, 3 Production (Get-VMSnapshot's SnapshotType)
        b.put("UserSnapshotType", CimValue.uint16("Production".equals(c.kind()) ? 3 : 5));
        return b.build();
    }

    /** The snapshot settings of one VM's checkpoints. */
    static List<CimInstance> snapshots(Lab lab, SimVm vm) {
        VmStorage st = StorageModel.of(lab).find(vm.id());
        List<CimInstance> out = new ArrayList<>();
        if (st != null) for (SimCheckpoint c : st.checkpoints()) out.add(CheckpointSettings.overlay(lab, c.id(), snapshot(vm, c)));
        return out;
    }

    /** The snapshot settings with that InstanceID ({@code Microsoft:<snapshot GUID>}) on the host, or null. */
    static CimInstance snapshot(Lab lab, SimHost host, String instanceId) {
        String id = V2.vmIdOf(instanceId);
        if (id == null) return null;
        VmStorage st = StorageModel.of(lab).owning(id);
        SimVm vm = st == null ? null : lab.vm(st.vmId());
        return vm == null || vm.host() != host ? null : CheckpointSettings.overlay(lab, id, snapshot(vm, st.checkpoint(id)));
    }

    static CimInstance snapshotOf(SimVm vm, SimCheckpoint c) {
        String h = vm.host().name();
        return assoc(SNAPSHOT_OF, "Antecedent", V2.computerSystem(h, vm.id()), "Dependent", snapshot(h, c.id()));
    }

    static CimInstance parentChild(SimVm vm, SimCheckpoint child) {
        String h = vm.host().name();
        return assoc(PARENT_CHILD, "Antecedent", snapshot(h, child.parentId()), "Dependent", snapshot(h, child.id()));
    }

    static CimInstance mostCurrent(SimVm vm, String checkpointId) {
        String h = vm.host().name();
        return assoc(MOST_CURRENT, "Antecedent", V2.computerSystem(h, vm.id()), "Dependent", snapshot(h, checkpointId));
    }

    /** Every association instance of {@code className} for one VM. */
    static List<CimInstance> associations(SimVm vm, VmStorage st, String className) {
        List<CimInstance> out = new ArrayList<>();
        if (st == null) return out;
        for (SimCheckpoint c : st.checkpoints()) {
            if (className.equalsIgnoreCase(SNAPSHOT_OF)) out.add(snapshotOf(vm, c));
            if (className.equalsIgnoreCase(PARENT_CHILD) && c.parentId() != null) out.add(parentChild(vm, c));
        }
        if (className.equalsIgnoreCase(MOST_CURRENT) && st.currentCheckpointId() != null)
            out.add(mostCurrent(vm, st.currentCheckpointId()));
        return out;
    }

    /** The realized settings with the VM's checkpoint type and the checkpoint it descends from. */
    static CimInstance decorate(Lab lab, SimVm vm, CimInstance realized) {
        VmStorage st = StorageModel.of(lab).find(vm.id());
        CimInstance.Builder b = realized.toBuilder();
        b.put("UserSnapshotType", CimValue.uint16(st == null ? 3 : st.snapshotType().value()));
        String cur = st == null ? null : st.currentCheckpointId();
        b.put("Parent", str(cur == null ? null : snapshot(vm.host().name(), cur).toString()));
        return b.build();
    }

    /** The VM's device settings (storage and fixed devices) as components of its realized settings (Msvm_VirtualSystemSettingDataComponent). */
    static List<CimInstance> components(Lab lab, SimVm vm) {
        VmStorage st = StorageModel.of(lab).find(vm.id());
        List<CimInstance> out = new ArrayList<>();
        ObjectPath vssd = V2.settings(vm.host().name(), vm.id());
        for (String cls : SETTINGS_CLASSES)
            for (CimInstance r : resources(lab, vm, st, cls)) out.add(assoc(V2.VSSD_COMPONENT, "GroupComponent", vssd, "PartComponent", r.path()));
        return out;
    }

    private static CimInstance assoc(String cls, String role1, ObjectPath ref1, String role2, ObjectPath ref2) {
        ObjectPath p = new ObjectPath(ref1.server(), V2.NAMESPACE, cls, Map.of(role1, ref1, role2, ref2));
        return CimInstance.builder(cls).path(p).put(role1, CimValue.ref(ref1)).put(role2, CimValue.ref(ref2)).build();
    }

    private static CimInstance.Builder start(ObjectPath p) {
        CimInstance.Builder b = CimInstance.builder(p.className()).path(p);
        p.keys().forEach((k, v) -> b.put(k, v instanceof String s ? str(s) : CimValue.ref((ObjectPath) v)));
        return b;
    }

    private static CimValue str(String s) {
        return V2Renderer.str(s);
    }
}
