package io.hyperv4j.sim.v2;

import io.hyperv4j.internal.NameUuids;
import io.hyperv4j.sim.v2.ResourceExtension.Check;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
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

/**
 * AddResourceSettings, RemoveResourceSettings and ModifyResourceSettings for storage: SCSI
 * controllers, synthetic disk drives and virtual hard disks (wmi-facts A.4). Every instance is
 * checked before anything changes. Rules: SCSI controllers (at most 4) and IDE drives change only
 * while the VM is off; SCSI drives and disks hot-plug; a VM with an operation in flight refuses;
 * a disk file must exist, be a VHD/VHDX the engine opens and not be in another drive of the lab.
 */
final class StorageSettings {
    static final int MAX_SCSI_CONTROLLERS = 4;

    private StorageSettings() {}

    /**
     * The VM's storage; it starts with the controllers New-VM gives its generation: two IDE
     * controllers (generation 1) or one SCSI controller (generation 2).
     */
    static VmStorage of(Lab lab, SimVm vm) {
        StorageModel m = StorageModel.of(lab);
        VmStorage st = m.find(vm.id());
        if (st != null) return st;
        st = m.vm(vm.id());
        if (SimVm.SUBTYPE_GEN1.equals(vm.subType())) {
            st.addController(StorageRenderer.IDE_RESOURCE + "\\0", ControllerKind.IDE);
            st.addController(StorageRenderer.IDE_RESOURCE + "\\1", ControllerKind.IDE);
        } else {
            // named from the VM id, not drawn from the lab's random stream, so the seeded timings stay as they were
            st.addController(NameUuids.of("scsi0:" + vm.id())
                    .toString().toUpperCase(Locale.ROOT), ControllerKind.SCSI);
        }
        return st;
    }


    static Check checkAdd(Lab lab, SimVm vm, CimInstance r) {
        if (vm.isBusy()) return new Check(ManagementService.INVALID_STATE, vm.name() + " has an operation in flight");
        String problem = new Plan(lab, vm).add(lab, vm, r, new ArrayList<>(), new ArrayList<>());
        if (problem == null) return Check.OK;
        return new Check(problem.contains(" only while ") ? ManagementService.INVALID_STATE : ManagementService.INVALID_PARAMETER, problem);
    }

    static ObjectPath add(Txn txn, SimVm vm, CimInstance r) {
        List<Runnable> actions = new ArrayList<>();
        List<ObjectPath> out = new ArrayList<>();
        String problem = new Plan(txn.lab(), vm).add(txn.lab(), vm, r, actions, out);
        if (problem != null) throw new IllegalStateException("checked, yet refused: " + problem);
        txn.touch(vm);
        actions.forEach(Runnable::run);
        return out.get(0);
    }

    /** What an add would do, tracked so several instances in one call are validated together. */
    private static final class Plan {
        final Lab lab;
        final VmStorage st;
        final SimVm vm;
        final List<String> newControllers = new ArrayList<>();
        final List<String> newDrives = new ArrayList<>();
        final List<String> filled = new ArrayList<>();
        int scsi;
        boolean dvdAdded;

        Plan(Lab lab, SimVm vm) {
            this.lab = lab;
            this.st = of(lab, vm);
            this.vm = vm;
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
            boolean dvd = DvdDrives.SUBTYPE.equalsIgnoreCase(sub);
            if (r.className().equalsIgnoreCase(StorageRenderer.RASD) && (dvd || ControllerKind.DISK_DRIVE_SUBTYPE.equalsIgnoreCase(sub))) {
                String ctl = controllerId(vm, Embedded.string(r, "Parent"));
                ControllerKind ck = ctl == null ? null : newControllers.contains(ctl) ? ControllerKind.SCSI : st.controller(ctl).kind();
                String parent = suffix(vm, Embedded.string(r, "Parent"));
                if (ctl == null && parent != null && parent.startsWith(StorageRenderer.IDE_RESOURCE.toUpperCase(Locale.ROOT))) ck = ControllerKind.IDE;
                if (dvd) {
                    String problem = dvdAdded ? vm.name() + " is given two DVD drives; the simulator models one DVD drive per VM"
                            : DvdDrives.addProblem(lab, vm, ck);
                    if (problem != null) return problem;
                    if (vm.state() != PowerState.OFF) return "a DVD drive can be added only while " + vm.name() + " is off";
                }
                if (ctl == null) return "the drive's Parent names no controller of " + vm.name();
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
                if (dvd) {
                    dvdAdded = true;
                    actions.add(() -> DvdDrives.place(lab, vm, ctl, s));
                } else {
                    actions.add(() -> st.attach(driveId, driveId, ctl, s, null));
                }
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
                DiskFile disk = diskFile(lab, r);
                if (disk.problem() != null) return disk.problem();
                Path file = disk.file();
                filled.add(driveId);
                actions.add(() -> {
                    st.insert(driveId, file);
                    StorageModel.of(lab).given(vm.id(), file);
                });
                out.add(V2.path(h, StorageRenderer.SASD, "InstanceID", "Microsoft:" + vm.id() + "\\" + driveId + "\\L"));
                return null;
            }
            if (r.className().equalsIgnoreCase(StorageRenderer.SASD) && DvdDrives.MEDIA_SUBTYPE.equalsIgnoreCase(sub)) {
                List<String> iso = Embedded.strings(r, "HostResource");
                String driveId = suffix(vm, Embedded.string(r, "Parent"));
                String problem = filled.contains(DvdDrives.DVD) ? "the DVD drive of " + vm.name() + " is given media twice"
                        : DvdDrives.insertProblem(lab, vm, driveId, iso);
                if (problem != null) return problem;
                filled.add(DvdDrives.DVD);
                actions.add(() -> DvdDrives.insert(lab, vm, Path.of(iso.get(0))));
                out.add(V2.path(h, StorageRenderer.SASD, "InstanceID", "Microsoft:" + vm.id() + "\\" + DvdDrives.mediaId(lab, vm)));
                return null;
            }
            return r.className() + " " + sub + " is not a storage resource the simulator models";
        }

        boolean taken(String ctl, int slot) {
            return st.driveAt(ctl, slot) != null || newDrives.contains(ctl + "\\" + slot) || DvdDrives.occupies(lab, vm, ctl, slot);
        }

        String controllerId(SimVm vm, String parent) {
            String id = suffix(vm, parent);
            if (id == null) return null;
            if (newControllers.contains(id)) return id;
            SimController c = st.controller(id);
            return c == null ? null : c.id();
        }
    }

    /** What removing the settings at {@code ref} would do: a refusal, or the change to make. */
    private record Removal(Check check, SimVm vm, Runnable action) {}

    private static Removal removal(Lab lab, SimHost host, ObjectPath ref) {
        String iid = String.valueOf(ref.key("InstanceID"));
        SimVm vm = vm(lab, host, V2.vmIdOf(iid));
        if (vm == null) return refusal(ManagementService.INVALID_PARAMETER, "no VM for " + iid);
        if (vm.isBusy()) return refusal(ManagementService.INVALID_STATE, vm.name() + " has an operation in flight");
        VmStorage st = of(lab, vm);
        String local = suffix(vm, iid);
        boolean off = vm.state() == PowerState.OFF;
        if (ref.className().equalsIgnoreCase(StorageRenderer.SASD) && local != null && local.equalsIgnoreCase(DvdDrives.mediaId(lab, vm))) {
            if (DvdDrives.media(lab, vm) == null) return refusal(ManagementService.INVALID_PARAMETER, "the DVD drive of " + vm.name() + " holds no media");
            return new Removal(Check.OK, vm, () -> DvdDrives.eject(lab, vm));
        }
        if (ref.className().equalsIgnoreCase(StorageRenderer.RASD) && local != null && local.equalsIgnoreCase(DvdDrives.driveId(lab, vm))) {
            if (SimVm.SUBTYPE_GEN1.equals(vm.subType()))
                return refusal(ManagementService.INVALID_PARAMETER, "the DVD drive of generation 1 VM " + vm.name() + " is fixed at IDE 1:0 in the simulator");
            if (!off) return refusal(ManagementService.INVALID_STATE, "a DVD drive can be removed only while " + vm.name() + " is off");
            return new Removal(Check.OK, vm, () -> DvdDrives.unplace(lab, vm));
        }
        if (ref.className().equalsIgnoreCase(StorageRenderer.SASD) && local != null && local.endsWith("\\L")) {
            SimDrive d = st.drive(local.substring(0, local.length() - 2));
            if (d == null || d.current() == null) return refusal(ManagementService.INVALID_PARAMETER, "no disk " + iid);
            if (st.controller(d.controllerId()).kind() == ControllerKind.IDE && !off)
                return refusal(ManagementService.INVALID_STATE, "an IDE disk can be removed only while " + vm.name() + " is off");
            return new Removal(Check.OK, vm, () -> st.eject(d.id()));
        }
        if (ref.className().equalsIgnoreCase(StorageRenderer.RASD) && local != null && local.endsWith("\\D")) {
            SimDrive d = st.drive(local.substring(0, local.length() - 2));
            if (d == null) return refusal(ManagementService.INVALID_PARAMETER, "no drive " + iid);
            if (st.controller(d.controllerId()).kind() == ControllerKind.IDE && !off)
                return refusal(ManagementService.INVALID_STATE, "an IDE drive can be removed only while " + vm.name() + " is off");
            return new Removal(Check.OK, vm, () -> st.detach(d.id()));
        }
        SimController c = ref.className().equalsIgnoreCase(StorageRenderer.RASD) && local != null ? st.controller(local) : null;
        if (c == null) return refusal(ManagementService.INVALID_PARAMETER, "no storage resource " + iid);
        if (c.kind() == ControllerKind.IDE)
            return refusal(ManagementService.INVALID_PARAMETER, "the IDE controllers of a generation 1 VM cannot be removed");
        if (!off) return refusal(ManagementService.INVALID_STATE, "a SCSI controller can be removed only while " + vm.name() + " is off");
        return new Removal(Check.OK, vm, () -> {
            for (SimDrive d : st.drives()) if (d.controllerId().equals(c.id())) st.detach(d.id());
            String dvd = DvdDrives.location(lab, vm);
            if (dvd != null && dvd.startsWith(c.id().toUpperCase(Locale.ROOT) + "\\")) DvdDrives.unplace(lab, vm);
            st.removeController(c.id());
        });
    }

    private static Removal refusal(int code, String why) {
        return new Removal(new Check(code, why), null, null);
    }

    static Check checkRemove(Lab lab, SimHost host, ObjectPath ref) {
        return removal(lab, host, ref).check();
    }

    static void remove(Txn txn, SimHost host, ObjectPath ref) {
        Removal r = removal(txn.lab(), host, ref);
        if (r.check().code() != 0) throw new IllegalStateException("checked, yet refused: " + r.check().why());
        txn.touch(r.vm());
        r.action().run();
        StorageModel.of(txn.lab()).changed(txn.lab());
    }

    /** ModifyResourceSettings for a SASD: HostResource names another file (a disk swap). */
    static Check checkModify(Lab lab, SimHost host, CimInstance r) {
        return modification(lab, host, r, null);
    }

    static ObjectPath modify(Txn txn, SimHost host, CimInstance r) {
        ObjectPath[] out = new ObjectPath[1];
        Check c = modification(txn.lab(), host, r, (vm, st, d, file) -> {
            txn.touch(vm);
            st.eject(d.id());
            st.insert(d.id(), file);
            StorageModel.of(txn.lab()).given(vm.id(), file);
            StorageModel.of(txn.lab()).changed(txn.lab());
            out[0] = StorageRenderer.disk(host.name(), vm.id(), d);
        });
        if (c.code() != 0) throw new IllegalStateException("checked, yet refused: " + c.why());
        return out[0] != null ? out[0] : V2.path(host.name(), StorageRenderer.SASD, "InstanceID", Embedded.string(r, "InstanceID"));
    }

    private interface Swap {
        void apply(SimVm vm, VmStorage st, SimDrive d, Path file);
    }

    private static Check modification(Lab lab, SimHost host, CimInstance r, Swap swap) {
        String iid = Embedded.string(r, "InstanceID");
        SimVm vm = vm(lab, host, V2.vmIdOf(iid));
        if (vm == null) return new Check(ManagementService.INVALID_PARAMETER, "no VM for " + iid);
        if (vm.isBusy()) return new Check(ManagementService.INVALID_STATE, vm.name() + " has an operation in flight");
        VmStorage st = of(lab, vm);
        String local = suffix(vm, iid);
        if (!r.className().equalsIgnoreCase(StorageRenderer.SASD) || local == null || !local.endsWith("\\L"))
            return new Check(ManagementService.INVALID_PARAMETER, "only a disk's HostResource can be modified: " + iid);
        SimDrive d = st.drive(local.substring(0, local.length() - 2));
        if (d == null || d.current() == null) return new Check(ManagementService.INVALID_PARAMETER, "no disk " + iid);
        List<String> hr = Embedded.strings(r, "HostResource");
        if (hr.size() == 1 && Path.of(hr.get(0)).toAbsolutePath().normalize().equals(d.current())) {
            return Check.OK; // unchanged
        }
        DiskFile disk = diskFile(lab, r);
        if (disk.problem() != null) return new Check(ManagementService.INVALID_PARAMETER, disk.problem());
        Path file = disk.file();
        if (st.controller(d.controllerId()).kind() == ControllerKind.IDE && vm.state() != PowerState.OFF)
            return new Check(ManagementService.INVALID_STATE, "an IDE disk can be changed only while " + vm.name() + " is off");
        if (swap != null) swap.apply(vm, st, d, file);
        return Check.OK;
    }

    /** The disk file a setting names, or why it cannot be attached (exactly one of the two). */
    private record DiskFile(Path file, String problem) {
        static DiskFile refused(String problem) {
            return new DiskFile(null, "HostResource " + problem);
        }
    }

    private static DiskFile diskFile(Lab lab, CimInstance sasd) {
        List<String> hr = Embedded.strings(sasd, "HostResource");
        if (hr.size() != 1) return DiskFile.refused("must name exactly one VHD or VHDX file, not " + hr.size());
        Path file;
        try {
            file = Path.of(hr.get(0)).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            return DiskFile.refused("is not a file path: " + hr.get(0));
        }
        if (!Files.isRegularFile(file)) return DiskFile.refused(file + " does not exist or is not a file");
        try {
            VirtualDisks.inspect(file);
        } catch (RuntimeException e) {
            return DiskFile.refused(file + " is not a VHD or VHDX file that opens: " + e.getMessage());
        }
        java.util.Optional<String> holder = StorageModel.of(lab).holder(file, StorageSettings::parentOf);
        if (holder.isPresent()) {
            SimVm vm = lab.vm(holder.get());
            String who = vm == null ? holder.get() : "'" + vm.name() + "' (" + vm.id() + ")";
            return DiskFile.refused(file + " is in use by VM " + who);
        }
        return new DiskFile(file, null);
    }

    /** The parent of a differencing disk as its header names it, or null (a base disk, or one that does not open). */
    private static Path parentOf(Path disk) {
        try {
            Path parent = VirtualDisks.inspect(disk).parentPath();
            return parent == null ? null : disk.resolveSibling(parent).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            return null;
        }
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

}
