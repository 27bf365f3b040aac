package io.hyperv4j.sim.v2;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import io.hyperv4j.sim.v2.storage.ControllerKind;
import io.hyperv4j.sim.v2.storage.SimController;
import io.hyperv4j.sim.v2.storage.SimDrive;
import io.hyperv4j.sim.v2.storage.StorageModel;
import io.hyperv4j.sim.v2.storage.VmStorage;
import io.hyperv4j.vhd.VirtualDisks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AddResourceSettings, RemoveResourceSettings and ModifyResourceSettings for storage: SCSI
 * controllers, synthetic disk drives and virtual hard disks (wmi-facts A.4). Every instance is
 * checked before anything changes. Rules: SCSI controllers (at most 4) and IDE drives change only
 * while the VM is off; SCSI drives and disks hot-plug; a VM with an operation in flight refuses;
 * a disk file must exist, be a VHD/VHDX the engine opens and not be in another drive of the lab.
 */
final class StorageSettings {
    private static final Logger LOG = LoggerFactory.getLogger(StorageSettings.class);
    static final int MAX_SCSI_CONTROLLERS = 4;

    private StorageSettings() {}

    /** The VM's storage; a generation 1 VM starts with its two IDE controllers. */
    static VmStorage of(Lab lab, SimVm vm) {
        StorageModel m = StorageModel.of(lab);
        VmStorage st = m.find(vm.id());
        if (st != null) return st;
        st = m.vm(vm.id());
        if (SimVm.SUBTYPE_GEN1.equals(vm.subType())) {
            st.addController(StorageRenderer.IDE_RESOURCE + "\\0", ControllerKind.IDE);
            st.addController(StorageRenderer.IDE_RESOURCE + "\\1", ControllerKind.IDE);
        }
        return st;
    }

    static boolean isStorage(CimInstance i) {
        return i.className().equalsIgnoreCase(StorageRenderer.RASD) || i.className().equalsIgnoreCase(StorageRenderer.SASD);
    }

    static MethodResult add(Txn txn, SimHost host, Map<String, CimValue> p) {
        ObjectPath target = Embedded.ref(p.get("AffectedConfiguration"));
        SimVm vm = target == null ? null : vm(txn.lab(), host, V2.vmIdOf(String.valueOf(target.key("InstanceID"))));
        if (vm == null) return refuse("AffectedConfiguration names no VM on " + host.name(), ManagementService.INVALID_PARAMETER);
        List<CimInstance> list = Embedded.instances(p.get("ResourceSettings"));
        if (list.isEmpty()) return refuse("no ResourceSettings", ManagementService.INVALID_PARAMETER);
        if (vm.isBusy()) return refuse(vm.name() + " has an operation in flight", 2);
        VmStorage st = of(txn.lab(), vm);
        // Plan every addition first (later entries may hang from earlier ones), then apply.
        List<Runnable> actions = new ArrayList<>();
        List<ObjectPath> resulting = new ArrayList<>();
        Plan plan = new Plan(st);
        for (CimInstance r : list) {
            String problem = plan.add(txn.lab(), vm, r, actions, resulting);
            if (problem != null) return refuse(problem, ManagementService.INVALID_PARAMETER);
        }
        txn.touch(vm);
        actions.forEach(Runnable::run);
        return new MethodResult(0, Map.of("ResultingResourceSettings", CimValue.array(CimType.REFERENCE, resulting)));
    }

    /** What an add would do, tracked so several instances in one call are validated together. */
    private static final class Plan {
        final VmStorage st;
        final List<String> newControllers = new ArrayList<>();
        final List<String> newDrives = new ArrayList<>();
        final List<String> filled = new ArrayList<>();
        int scsi;

        Plan(VmStorage st) {
            this.st = st;
            scsi = (int) st.controllers().stream().filter(c -> c.kind() == ControllerKind.SCSI).count();
        }

        String add(Lab lab, SimVm vm, CimInstance r, List<Runnable> actions, List<ObjectPath> out) {
            String h = vm.host().name();
            String sub = Embedded.string(r, "ResourceSubType");
            ControllerKind kind = ControllerKind.ofSubType(sub);
            if (r.className().equalsIgnoreCase(StorageRenderer.RASD) && kind == ControllerKind.SCSI) {
                if (vm.state() != PowerState.OFF) return "a SCSI controller can be added only while " + vm.name() + " is off";
                if (++scsi > MAX_SCSI_CONTROLLERS) return "a VM has at most " + MAX_SCSI_CONTROLLERS + " SCSI controllers";
                String id = lab.random().nextGuid();
                newControllers.add(id);
                actions.add(() -> st.addController(id, ControllerKind.SCSI));
                out.add(V2.path(h, StorageRenderer.RASD, "InstanceID", "Microsoft:" + vm.id() + "\\" + id));
                return null;
            }
            if (r.className().equalsIgnoreCase(StorageRenderer.RASD) && ControllerKind.DISK_DRIVE_SUBTYPE.equalsIgnoreCase(sub)) {
                String ctl = controllerId(vm, Embedded.string(r, "Parent"));
                if (ctl == null) return "the drive's Parent names no controller of " + vm.name();
                ControllerKind ck = newControllers.contains(ctl) ? ControllerKind.SCSI : st.controller(ctl).kind();
                if (ck == ControllerKind.IDE && vm.state() != PowerState.OFF) return "an IDE drive can be added only while " + vm.name() + " is off";
                String a = Embedded.string(r, "AddressOnParent");
                int slot;
                if (a == null || a.isBlank()) {
                    slot = 0;
                    while (slot < ck.slots() && taken(ctl, slot)) slot++;
                } else {
                    try {
                        slot = Integer.parseInt(a.trim());
                    } catch (NumberFormatException e) {
                        return "AddressOnParent '" + a + "' is not a number";
                    }
                }
                if (slot < 0 || slot >= ck.slots()) return "no free slot " + slot + " on that controller (0.." + (ck.slots() - 1) + ")";
                if (taken(ctl, slot)) return "slot " + slot + " of that controller is taken";
                String driveId = ctl + "\\" + slot;
                newDrives.add(driveId);
                int s = slot;
                actions.add(() -> st.attach(driveId, driveId, ctl, s, null));
                out.add(V2.path(h, StorageRenderer.RASD, "InstanceID", "Microsoft:" + vm.id() + "\\" + driveId + "\\D"));
                return null;
            }
            if (r.className().equalsIgnoreCase(StorageRenderer.SASD) && ControllerKind.VIRTUAL_HARD_DISK_SUBTYPE.equalsIgnoreCase(sub)) {
                String driveId = driveId(vm, Embedded.string(r, "Parent"));
                if (driveId == null || !(newDrives.contains(driveId) || st.drive(driveId) != null))
                    return "the disk's Parent names no drive of " + vm.name();
                if (filled.contains(driveId) || (st.drive(driveId) != null && st.drive(driveId).current() != null))
                    return "drive " + driveId + " already holds a disk";
                SimDrive existing = st.drive(driveId);
                String ctl = driveId.substring(0, driveId.lastIndexOf('\\'));
                ControllerKind ck = existing != null || !newControllers.contains(ctl) ? st.controller(ctl).kind() : ControllerKind.SCSI;
                if (ck == ControllerKind.IDE && vm.state() != PowerState.OFF) return "an IDE disk can be changed only while " + vm.name() + " is off";
                Path file = diskFile(lab, r);
                if (file == null) return "HostResource must name one existing VHD or VHDX file not in use: " + Embedded.strings(r, "HostResource");
                filled.add(driveId);
                actions.add(() -> st.insert(driveId, file));
                out.add(V2.path(h, StorageRenderer.SASD, "InstanceID", "Microsoft:" + vm.id() + "\\" + driveId + "\\L"));
                return null;
            }
            return r.className() + " " + sub + " is not a storage resource the simulator models";
        }

        boolean taken(String ctl, int slot) {
            return st.driveAt(ctl, slot) != null || newDrives.contains(ctl + "\\" + slot);
        }

        String controllerId(SimVm vm, String parent) {
            String id = suffix(vm, parent);
            if (id == null) return null;
            if (newControllers.contains(id)) return id;
            SimController c = st.controller(id);
            return c == null ? null : c.id();
        }
    }

    static MethodResult remove(Txn txn, SimHost host, Map<String, CimValue> p) {
        List<ObjectPath> refs = Embedded.refs(p.get("ResourceSettings"));
        if (refs.isEmpty()) return refuse("no ResourceSettings", ManagementService.INVALID_PARAMETER);
        List<Runnable> actions = new ArrayList<>();
        List<SimVm> touched = new ArrayList<>();
        for (ObjectPath ref : refs) {
            String iid = String.valueOf(ref.key("InstanceID"));
            SimVm vm = vm(txn.lab(), host, V2.vmIdOf(iid));
            if (vm == null) return refuse("no VM for " + iid, ManagementService.INVALID_PARAMETER);
            if (vm.isBusy()) return refuse(vm.name() + " has an operation in flight", ManagementService.INVALID_STATE);
            VmStorage st = of(txn.lab(), vm);
            String local = suffix(vm, iid);
            if (ref.className().equalsIgnoreCase(StorageRenderer.SASD) && local != null && local.endsWith("\\L")) {
                SimDrive d = st.drive(local.substring(0, local.length() - 2));
                if (d == null || d.current() == null) return refuse("no disk " + iid, ManagementService.INVALID_PARAMETER);
                if (st.controller(d.controllerId()).kind() == ControllerKind.IDE && vm.state() != PowerState.OFF)
                    return refuse("an IDE disk can be removed only while " + vm.name() + " is off", ManagementService.INVALID_STATE);
                actions.add(() -> st.eject(d.id()));
            } else if (ref.className().equalsIgnoreCase(StorageRenderer.RASD) && local != null && local.endsWith("\\D")) {
                SimDrive d = st.drive(local.substring(0, local.length() - 2));
                if (d == null) return refuse("no drive " + iid, ManagementService.INVALID_PARAMETER);
                if (st.controller(d.controllerId()).kind() == ControllerKind.IDE && vm.state() != PowerState.OFF)
                    return refuse("an IDE drive can be removed only while " + vm.name() + " is off", ManagementService.INVALID_STATE);
                actions.add(() -> st.detach(d.id()));
            } else if (ref.className().equalsIgnoreCase(StorageRenderer.RASD) && local != null && st.controller(local) != null) {
                SimController c = st.controller(local);
                if (c.kind() == ControllerKind.IDE) return refuse("the IDE controllers of a generation 1 VM cannot be removed", ManagementService.INVALID_PARAMETER);
                if (vm.state() != PowerState.OFF) return refuse("a SCSI controller can be removed only while " + vm.name() + " is off", ManagementService.INVALID_STATE);
                for (SimDrive d : st.drives()) if (d.controllerId().equals(c.id())) actions.add(() -> st.detach(d.id()));
                actions.add(() -> st.removeController(c.id()));
            } else {
                return refuse("no storage resource " + iid, ManagementService.INVALID_PARAMETER);
            }
            if (!touched.contains(vm)) touched.add(vm);
        }
        touched.forEach(txn::touch);
        actions.forEach(Runnable::run);
        return new MethodResult(0, Map.of());
    }

    /** ModifyResourceSettings for SASDs: HostResource names another file (a disk swap). */
    static MethodResult modify(Txn txn, SimHost host, List<CimInstance> list) {
        List<Runnable> actions = new ArrayList<>();
        List<ObjectPath> resulting = new ArrayList<>();
        for (CimInstance r : list) {
            String iid = Embedded.string(r, "InstanceID");
            SimVm vm = vm(txn.lab(), host, V2.vmIdOf(iid));
            if (vm == null) return refuse("no VM for " + iid, ManagementService.INVALID_PARAMETER);
            if (vm.isBusy()) return refuse(vm.name() + " has an operation in flight", ManagementService.INVALID_STATE);
            VmStorage st = of(txn.lab(), vm);
            String local = suffix(vm, iid);
            if (!r.className().equalsIgnoreCase(StorageRenderer.SASD) || local == null || !local.endsWith("\\L"))
                return refuse("only a disk's HostResource can be modified: " + iid, ManagementService.INVALID_PARAMETER);
            SimDrive d = st.drive(local.substring(0, local.length() - 2));
            if (d == null || d.current() == null) return refuse("no disk " + iid, ManagementService.INVALID_PARAMETER);
            Path file = diskFile(txn.lab(), r);
            if (file == null) return refuse("HostResource must name one existing VHD or VHDX file not in use", ManagementService.INVALID_PARAMETER);
            if (st.controller(d.controllerId()).kind() == ControllerKind.IDE && vm.state() != PowerState.OFF)
                return refuse("an IDE disk can be changed only while " + vm.name() + " is off", ManagementService.INVALID_STATE);
            actions.add(() -> {
                txn.touch(vm);
                st.eject(d.id());
                st.insert(d.id(), file);
            });
            resulting.add(r.path() != null ? r.path() : StorageRenderer.disk(host.name(), vm.id(), d));
        }
        actions.forEach(Runnable::run);
        return new MethodResult(0, Map.of("ResultingResourceSettings", CimValue.array(CimType.REFERENCE, resulting)));
    }

    private static Path diskFile(Lab lab, CimInstance sasd) {
        List<String> hr = Embedded.strings(sasd, "HostResource");
        if (hr.size() != 1) return null;
        Path file;
        try {
            file = Path.of(hr.get(0)).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            return null;
        }
        if (!Files.isRegularFile(file)) return null;
        try {
            VirtualDisks.inspect(file);
        } catch (RuntimeException e) {
            LOG.debug("{} is not a disk the engine opens: {}", file, e.getMessage());
            return null;
        }
        for (SimHost h : lab.hosts())
            for (SimVm other : h.vms()) {
                VmStorage st = StorageModel.of(lab).find(other.id());
                if (st != null && st.files().contains(file)) return null;
            }
        return file;
    }

    /** The part of a resource InstanceID (or a WMI path naming one) after {@code Microsoft:<VM>\}, or null. */
    private static String suffix(SimVm vm, String idOrPath) {
        if (idOrPath == null) return null;
        String iid = idOrPath;
        if (idOrPath.contains("=")) {
            try {
                Object k = ObjectPath.parse(idOrPath).key("InstanceID");
                if (k == null) return null;
                iid = k.toString();
            } catch (RuntimeException e) {
                return null;
            }
        }
        String prefix = "Microsoft:" + vm.id() + "\\";
        if (!iid.regionMatches(true, 0, prefix, 0, prefix.length())) return null;
        return iid.substring(prefix.length()).toUpperCase(Locale.ROOT);
    }

    private static String driveId(SimVm vm, String parent) {
        String s = suffix(vm, parent);
        return s != null && s.endsWith("\\D") ? s.substring(0, s.length() - 2) : null;
    }

    private static SimVm vm(Lab lab, SimHost host, String id) {
        SimVm vm = id == null ? null : lab.vm(id);
        return vm != null && vm.host() == host ? vm : null;
    }

    private static MethodResult refuse(String why, int code) {
        LOG.debug("storage change refused ({}): {}", code, why);
        return new MethodResult(code, Map.of());
    }
}
