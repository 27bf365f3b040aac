package io.hyperv4j.sim.v2;

import io.hyperv4j.internal.NameUuids;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimProvider;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import io.hyperv4j.sim.v2.storage.SimController;
import io.hyperv4j.sim.v2.storage.SimDrive;
import io.hyperv4j.sim.v2.storage.StorageModel;
import io.hyperv4j.sim.v2.storage.SimCheckpoint;
import io.hyperv4j.sim.v2.storage.VmStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hyper-V's own route for moving a VM's configuration between hosts, as the simulated
 * Msvm_VirtualSystemManagementService serves it: ExportSystemDefinition writes the definition (and,
 * when asked, copies the disks), ImportSystemDefinition turns a definition into a
 * Msvm_PlannedComputerSystem on a host, RealizePlannedSystem makes the planned VM real (its fixed
 * devices given as DefineSystem gives them, its disks attached, its saved state kept), and
 * DestroySystem removes a VM leaving its files. Simulator-side callers (the management server's
 * transfers) use the same steps under the lab lock. A refusal is a {@link Refused} with the
 * method's code; nothing has changed when it is thrown.
 */
public final class SystemDefinitions {
    /** Return codes these methods document. */
    static final int FAILED = 32768, NOT_SUPPORTED = 32770, INVALID_PARAMETER = 32773, INVALID_STATE = 32775, FILE_IN_USE = 32779;
    /** The folder Hyper-V puts definitions in, under the export directory. */
    public static final String DEFINITIONS_FOLDER = "Virtual Machines";
    private static final String DISKS_FOLDER = "Virtual Hard Disks";
    /** The folder an export with every checkpoint puts the checkpoints' definitions in. */
    public static final String SNAPSHOTS_FOLDER = "Snapshots";

    private SystemDefinitions() {}

    /** A refusal: the method's return code and why. */
    public static final class Refused extends RuntimeException {
        private final int code;

        Refused(int code, String why) {
            super(why, null, false, false);
            this.code = code;
        }

        /**
         * The Msvm return code.
         *
         * @return the code
         */
        public int code() {
            return code;
        }
    }

    /**
     * Writes {@code vm}'s definition into {@code directory/Virtual Machines/<GUID>.vmcx} (JSON: see
     * {@link SystemDefinition}), copying its disks into {@code directory/Virtual Hard Disks} first
     * when {@code copyStorage}. The VM must be off or saved; its saved state goes with it when
     * {@code runtimeState}.
     *
     * @param txn          the change under way
     * @param vm           the VM
     * @param directory    where to export to
     * @param copyStorage  whether to copy the disks (CopyVmStorage)
     * @param runtimeState whether to carry the saved state (CopyVmRuntimeInformation)
     * @return the definition file
     * @throws Refused when the VM cannot be exported
     */
    public static Path export(Txn txn, SimVm vm, Path directory, boolean copyStorage, boolean runtimeState) {
        if (vm.isBusy()) throw new Refused(32774, "'" + vm.name() + "' is busy with job " + vm.busyJobId());
        if (vm.state() != PowerState.OFF && vm.state() != PowerState.SAVED)
            throw new Refused(INVALID_STATE, "'" + vm.name() + "' is " + vm.state() + "; the simulated host exports a virtual machine that is off or saved");
        VmStorage st = StorageSettings.of(txn.lab(), vm);
        Map<Path, Path> copies = new HashMap<>();
        boolean flatten = !st.checkpoints().isEmpty(); // without its checkpoints, each drive's chain becomes one disk
        if (copyStorage && flatten) {
            for (SimDrive d : st.drives()) if (d.current() != null) copies.put(d.current(), directory.resolve(DISKS_FOLDER).resolve(stem(d.current()) + ".vhdx"));
        } else if (copyStorage) {
            for (Path f : st.files()) copies.put(f, directory.resolve(DISKS_FOLDER).resolve(f.getFileName()));
        }
        return write(SystemDefinition.of(txn.lab(), vm, st, runtimeState, f -> copies.getOrDefault(f, f)), directory, copies, flatten, vm.name());
    }

    /**
     * CopySnapshotConfiguration 0 (ExportAllSnapshots, "all snapshots will be exported with the
     * virtual machine"): the VM's definition in {@code directory/Virtual Machines/<GUID>.vmcx} and each
     * of its checkpoints' (the user's; recovery checkpoints belong to a backup application) in
     * {@code directory/Snapshots/<checkpoint GUID>.vmcx}, as the checkpoint kept it. With
     * {@code copyStorage} every file of the VM's and its checkpoints' chains is copied as it is into
     * {@code directory/Virtual Hard Disks}, each differencing copy pointing at its parent's copy, and
     * the definitions name the copies. The VM must be off or saved.
     *
     * @param txn          the change under way
     * @param vm           the VM
     * @param directory    where to export to
     * @param copyStorage  whether to copy the disks (CopyVmStorage)
     * @param runtimeState whether to carry the saved states (CopyVmRuntimeInformation)
     * @return the VM's definition file
     * @throws Refused when the VM cannot be exported
     */
    public static Path exportAll(Txn txn, SimVm vm, Path directory, boolean copyStorage, boolean runtimeState) {
        if (vm.isBusy()) throw new Refused(32774, "'" + vm.name() + "' is busy with job " + vm.busyJobId());
        if (vm.state() != PowerState.OFF && vm.state() != PowerState.SAVED)
            throw new Refused(INVALID_STATE, "'" + vm.name() + "' is " + vm.state() + "; the simulated host exports a virtual machine that is off or saved");
        VmStorage st = StorageSettings.of(txn.lab(), vm);
        Map<Path, Path> copies = new java.util.LinkedHashMap<>();
        if (copyStorage) for (Path f : st.files()) copies.put(f, directory.resolve(DISKS_FOLDER).resolve(f.getFileName()));
        try {
            for (Map.Entry<Path, Path> c : copies.entrySet()) atomicCopy(c.getKey(), c.getValue());
            for (Path copy : copies.values()) { // the chains as they were, between the copies
                Path parent = io.hyperv4j.vhd.VirtualDisks.inspect(copy).parentPath();
                Path parentCopy = parent == null ? null : copies.get(parent.toAbsolutePath().normalize());
                if (parentCopy != null) io.hyperv4j.vhd.VirtualDisks.setParent(copy, parentCopy);
            }
            for (SimCheckpoint cp : st.checkpoints()) {
                if (SimCheckpoint.RECOVERY.equals(cp.kind())) continue;
                SystemDefinition def = SystemDefinition.ofCheckpoint(txn.lab(), vm, st, cp, cp.id(), runtimeState, f -> copies.getOrDefault(f, f))
                        .asSnapshotOf(vm, cp, cp.id().equalsIgnoreCase(String.valueOf(st.currentCheckpointId())));
                writeDefinition(def, directory.resolve(SNAPSHOTS_FOLDER).resolve(cp.id() + ".vmcx"));
            }
        } catch (IOException | RuntimeException e) {
            throw new Refused(FAILED, "could not write the export of '" + vm.name() + "' with its checkpoints to " + directory + ": " + e.getMessage());
        }
        return write(SystemDefinition.of(txn.lab(), vm, st, runtimeState, f -> copies.getOrDefault(f, f)), directory, Map.of(), false, vm.name());
    }

    /**
     * Exports a checkpoint's configuration (CopySnapshotConfiguration 2, ExportOneSnapshot, or 3,
     * ExportOneSnapshotForBackup): the definition as the checkpoint kept it (its processors, memory,
     * drives and frozen files) in {@code directory/Virtual Machines/<GUID>.vmcx}, under the
     * checkpoint's GUID (2) or the VM's (3, "the exported configuration will use ID of the VM"). With
     * {@code copyStorage} each frozen disk is merged with its parents into a new VHDX in
     * {@code directory/Virtual Hard Disks}; otherwise the definition names the frozen files.
     *
     * @param txn          the change under way
     * @param vm           the VM
     * @param cp           its checkpoint
     * @param directory    where to export to
     * @param forBackup    ExportOneSnapshotForBackup (the VM's GUID) rather than ExportOneSnapshot
     * @param copyStorage  whether to write the disks (always for ExportOneSnapshot)
     * @param runtimeState whether to carry the checkpoint's saved state
     * @return the definition file
     * @throws Refused when it cannot be written
     */
    public static Path exportCheckpoint(Txn txn, SimVm vm, SimCheckpoint cp, Path directory, boolean forBackup, boolean copyStorage,
                                        boolean runtimeState) {
        VmStorage st = StorageSettings.of(txn.lab(), vm);
        Map<Path, Path> copies = new HashMap<>();
        if (copyStorage)
            for (SimCheckpoint.FrozenDrive f : cp.drives().values())
                if (f.file() != null) copies.put(f.file(), directory.resolve(DISKS_FOLDER).resolve(stem(f.file()) + ".vhdx"));
        SystemDefinition def = SystemDefinition.ofCheckpoint(txn.lab(), vm, st, cp, forBackup ? vm.id() : cp.id(), runtimeState, f -> copies.getOrDefault(f, f));
        return write(def, directory, copies, true, vm.name() + "'s checkpoint '" + cp.name());
    }

    private static String stem(Path f) {
        String n = f.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** Copies (or, {@code flatten}, merges each chain into a new dynamic VHDX) the disks, then writes the definition, each atomically. */
    private static Path write(SystemDefinition def, Path directory, Map<Path, Path> copies, boolean flatten, String what) {
        Path file = directory.resolve(DEFINITIONS_FOLDER).resolve(def.id() + ".vmcx");
        try {
            for (Map.Entry<Path, Path> c : copies.entrySet()) {
                if (!flatten) {
                    atomicCopy(c.getKey(), c.getValue());
                    continue;
                }
                Files.createDirectories(c.getValue().getParent());
                Path tmp = c.getValue().resolveSibling("." + c.getValue().getFileName() + ".tmp");
                Files.deleteIfExists(tmp);
                io.hyperv4j.vhd.VirtualDisks.convert(c.getKey(), tmp, io.hyperv4j.vhd.VhdFormat.VHDX, io.hyperv4j.vhd.VhdType.DYNAMIC);
                Files.move(tmp, c.getValue(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            writeDefinition(def, file);
        } catch (IOException | RuntimeException e) {
            throw new Refused(FAILED, "could not write the export of '" + what + "' to " + directory + ": " + e.getMessage());
        }
        return file;
    }

    private static void writeDefinition(SystemDefinition def, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, def.toJson(), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads a definition into a planned VM on {@code host} (Msvm_PlannedComputerSystem).
     *
     * @param txn           the change under way
     * @param host          the host importing it
     * @param file          the definition file
     * @param newIdentifier whether the planned VM gets a new GUID (GenerateNewSystemIdentifier)
     * @return the planned VM's GUID
     * @throws Refused when the file is not a definition, or a VM or planned VM with its GUID exists
     */
    public static String importDefinition(Txn txn, SimHost host, Path file, boolean newIdentifier) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new Refused(INVALID_PARAMETER, "SystemDefinitionFile " + file + " cannot be read: " + e.getMessage());
        }
        SystemDefinition def;
        try {
            def = SystemDefinition.parse(text, file.toString());
        } catch (IllegalArgumentException e) {
            throw new Refused(INVALID_PARAMETER, e.getMessage());
        }
        if (def.snapshot() != null)
            throw new Refused(INVALID_PARAMETER, file + " is the definition of a checkpoint of " + def.snapshot().vmId() + "; ImportSnapshotDefinitions imports it");
        String sourceId = def.id();
        if (newIdentifier) def = def.withId(txn.lab().random().nextGuid());
        PlannedSystems planned = planned(txn.lab());
        if (txn.lab().vm(def.id()) != null || planned.find(def.id()) != null)
            throw new Refused(INVALID_STATE, "a virtual machine with identifier " + def.id() + " already exists; import with a new identifier");
        planned.add(txn, host, def, sourceId);
        return def.id();
    }

    /**
     * ImportSnapshotDefinitions: reads every checkpoint definition in {@code folder} that belongs to the
     * planned VM (the folder an export with every checkpoint wrote, {@code Snapshots}) and adds them to
     * it as its checkpoints, which RealizePlannedSystem makes real. Definitions of other VMs in the
     * folder are not the planned VM's and are left alone ("associated with the specified planned
     * computer system"); a planned VM imported with a new identifier gets new checkpoint GUIDs too.
     *
     * @param txn       the change under way
     * @param host      the planned VM's host
     * @param plannedId its GUID
     * @param folder    SnapshotFolder
     * @return the imported checkpoints' GUIDs, parents first
     * @throws Refused (nothing changed) when there is no such planned VM, the folder is missing, a
     *                 file in it is no checkpoint definition, it holds none of the planned VM's, a
     *                 checkpoint's parent is missing, or a checkpoint with its GUID exists (32775)
     */
    public static List<String> importSnapshots(Txn txn, SimHost host, String plannedId, Path folder) {
        PlannedSystems planned = planned(txn.lab());
        PlannedSystems.Planned p = planned.find(plannedId);
        if (p == null || !p.host().equalsIgnoreCase(host.name()))
            throw new Refused(INVALID_PARAMETER, "PlannedSystem names no planned virtual machine on " + host.name() + ": " + plannedId);
        if (!Files.isDirectory(folder)) throw new Refused(INVALID_PARAMETER, "SnapshotFolder " + folder + " is not a folder");
        List<Path> files;
        try (var list = Files.list(folder)) {
            files = list.filter(f -> f.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".vmcx")).sorted().toList();
        } catch (IOException e) {
            throw new Refused(INVALID_PARAMETER, "SnapshotFolder " + folder + " cannot be read: " + e.getMessage());
        }
        Map<String, SystemDefinition> ours = new java.util.LinkedHashMap<>();
        java.util.Set<String> others = new java.util.TreeSet<>();
        for (Path f : files) {
            SystemDefinition d;
            try {
                d = SystemDefinition.parse(Files.readString(f, StandardCharsets.UTF_8), f.toString());
            } catch (IOException | IllegalArgumentException e) {
                throw new Refused(INVALID_PARAMETER, "SnapshotFolder holds " + f.getFileName() + ", which is not a checkpoint definition: " + e.getMessage());
            }
            if (d.snapshot() == null) throw new Refused(INVALID_PARAMETER, f + " is a virtual machine's definition, not a checkpoint's");
            if (d.snapshot().vmId().equalsIgnoreCase(p.sourceId())) ours.put(d.id().toUpperCase(java.util.Locale.ROOT), d);
            else others.add(d.snapshot().vmId());
        }
        if (ours.isEmpty())
            throw new Refused(INVALID_PARAMETER, "SnapshotFolder " + folder + " holds no checkpoint definition of '" + p.definition().name() + "' (" + p.sourceId() + ")"
                    + (others.isEmpty() ? "" : "; its definitions are of " + String.join(", ", others)));
        // a planned VM with a new identifier: its checkpoints get new ones too, derived from both (importing again finds them)
        java.util.function.UnaryOperator<String> rename = p.sourceId().equalsIgnoreCase(p.definition().id()) ? id -> id
                : id -> derivedId(p.definition().id(), id);
        List<SystemDefinition> ordered = new ArrayList<>();
        for (SystemDefinition d : ours.values()) parentsFirst(d, ours, p.snapshots(), rename, ordered, folder);
        List<SystemDefinition> adding = new ArrayList<>();
        for (SystemDefinition d : ordered) {
            SystemDefinition r = d.renamed(rename);
            if (planned.holds(r.id()) || StorageModel.of(txn.lab()).owning(r.id()) != null || txn.lab().vm(r.id()) != null)
                throw new Refused(INVALID_STATE, "a checkpoint with identifier " + r.id() + " already exists; it was imported before");
            adding.add(r);
        }
        planned.addSnapshots(txn, p.definition().id(), adding);
        return adding.stream().map(SystemDefinition::id).toList();
    }

    private static String derivedId(String plannedId, String checkpointId) {
        byte[] seed = (plannedId + "/" + checkpointId).toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        return NameUuids.of(seed).toString().toUpperCase(java.util.Locale.ROOT);
    }

    /** Adds {@code d} after its parents (from the folder, or imported before); a parent found nowhere is refused. */
    private static void parentsFirst(SystemDefinition d, Map<String, SystemDefinition> all, List<SystemDefinition> before,
                                     java.util.function.UnaryOperator<String> rename, List<SystemDefinition> out, Path folder) {
        if (out.contains(d)) return;
        String parent = d.snapshot().parentId();
        if (parent != null) {
            SystemDefinition pd = all.get(parent.toUpperCase(java.util.Locale.ROOT));
            if (pd != null) parentsFirst(pd, all, before, rename, out, folder);
            else if (before.stream().noneMatch(b -> b.id().equalsIgnoreCase(rename.apply(parent))))
                throw new Refused(INVALID_PARAMETER, "SnapshotFolder " + folder + " lacks the definition of checkpoint " + parent + ", the parent of '" + d.snapshot().name() + "'");
        }
        out.add(d);
    }

    /**
     * Makes a planned VM real on its host: the VM keeps the planned GUID, gets the devices
     * DefineSystem gives, its controllers and disks, and its saved state when the definition has one.
     *
     * @param txn       the change under way
     * @param host      the planned VM's host
     * @param plannedId its GUID
     * @return the VM
     * @throws Refused when there is no such planned VM, or a disk is missing or in use
     */
    public static SimVm realize(Txn txn, SimHost host, String plannedId) {
        Lab lab = txn.lab();
        PlannedSystems planned = planned(lab);
        validate(lab, host, plannedId);
        PlannedSystems.Planned p = planned.find(plannedId);
        SystemDefinition def = p.definition();
        StorageModel storage = StorageModel.of(lab);
        planned.remove(txn, plannedId);
        SimVm vm = lab.createVm(txn, host, def.id(), def.name(), txn.now());
        vm.subType(def.subType());
        vm.version(def.version());
        vm.notes(def.notes());
        vm.processors(def.processors());
        vm.memoryMb(def.memoryMb());
        vm.dynamicMemory(def.dynamicMemory());
        for (SimProvider sp : lab.providers().all()) if (sp instanceof ResourceExtension e) e.vmDefined(txn, vm);
        VmStorage st = StorageSettings.of(lab, vm);
        for (SimController c : def.controllers()) if (st.controller(c.id()) == null) st.addController(c.id(), c.kind());
        for (SystemDefinition.Drive d : def.drives()) {
            st.attach(d.id(), d.diskId(), d.controllerId(), d.address(), d.file());
            if (d.file() != null) storage.given(vm.id(), d.file());
        }
        SystemSettings.apply(lab, vm, def.settings()); // what ModifySystemSettings changed came along
        adoptCheckpoints(lab, vm, st, p.snapshots());
        if (def.saved()) vm.state(PowerState.SAVED, txn.now());
        storage.changed(lab);
        return vm;
    }

    /** The imported checkpoints become the new VM's, on the exported chains' files, with what they captured. */
    private static void adoptCheckpoints(Lab lab, SimVm vm, VmStorage st, List<SystemDefinition> snapshots) {
        if (snapshots.isEmpty()) return;
        List<SimCheckpoint> cps = new ArrayList<>();
        String current = null;
        for (SystemDefinition d : snapshots) {
            SystemDefinition.Snapshot s = d.snapshot();
            Map<String, SimCheckpoint.FrozenDrive> frozen = new java.util.LinkedHashMap<>();
            for (SystemDefinition.Drive dr : d.drives()) {
                Path f = dr.file() == null ? null : dr.file().toAbsolutePath().normalize();
                frozen.put(dr.id(), new SimCheckpoint.FrozenDrive(dr.diskId(), dr.controllerId(), dr.address(), f));
                if (f != null) StorageModel.of(lab).given(vm.id(), f);
            }
            cps.add(new SimCheckpoint(d.id(), s.name(), s.parentId(), s.created(), s.kind(), d.saved(), d.processors(), d.memoryMb(), frozen));
            CheckpointSettings.imported(lab, d.id(), d.settings());
            if (s.current()) current = d.id();
        }
        st.adoptCheckpoints(cps, current);
    }

    /**
     * ValidatePlannedSystem: whether the planned VM could be realized on its host now (no VM has its
     * GUID, every disk exists and no VM uses it). Reads only.
     *
     * @param lab       the lab, read under its lock
     * @param host      the planned VM's host
     * @param plannedId its GUID
     * @throws Refused naming the first problem: no such planned VM (32773), a VM with its GUID
     *                 (32775), a missing disk (32768), a disk in use (32779)
     */
    public static void validate(Lab lab, SimHost host, String plannedId) {
        PlannedSystems.Planned p = planned(lab).find(plannedId);
        if (p == null || !p.host().equalsIgnoreCase(host.name()))
            throw new Refused(INVALID_PARAMETER, "PlannedSystem names no planned virtual machine on " + host.name() + ": " + plannedId);
        SystemDefinition def = p.definition();
        if (lab.vm(def.id()) != null) throw new Refused(INVALID_STATE, "a virtual machine with identifier " + def.id() + " already exists");
        StorageModel storage = StorageModel.of(lab);
        List<SystemDefinition.Drive> drives = new ArrayList<>(def.drives());
        for (SystemDefinition cp : p.snapshots()) drives.addAll(cp.drives());
        for (SystemDefinition.Drive d : drives) {
            if (d.file() == null) continue;
            if (!Files.isRegularFile(d.file())) throw new Refused(FAILED, "the virtual hard disk " + d.file() + " of '" + def.name() + "' does not exist");
            var holder = storage.holder(d.file(), f -> null);
            if (holder.isPresent()) throw new Refused(FILE_IN_USE, d.file() + " is in use by virtual machine " + holder.get());
        }
    }

    /**
     * DestroySystem's effect: the VM leaves the host, its files stay.
     *
     * @param txn the change under way
     * @param vm  the VM
     */
    public static void destroy(Txn txn, SimVm vm) {
        for (SimProvider p : txn.lab().providers().all()) if (p instanceof ResourceExtension e) e.vmDestroyed(txn, vm);
        SystemSettings.forget(txn.lab(), vm.id());
        txn.lab().removeVm(txn, vm);
    }

    static PlannedSystems planned(Lab lab) {
        for (SimProvider p : lab.providers().all()) if (p instanceof PlannedSystems ps) return ps;
        throw new IllegalStateException("the lab has no " + PlannedSystems.class.getSimpleName() + " provider");
    }

    private static void atomicCopy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Path tmp = to.resolveSibling("." + to.getFileName() + ".tmp");
        Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
