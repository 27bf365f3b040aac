package io.hyperv4j.vm;

import io.hyperv4j.AmbiguousNameException;
import io.hyperv4j.HyperVException;
import io.hyperv4j.NotFoundException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.ElementName;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.Wql;
import io.hyperv4j.job.MethodCall;
import io.hyperv4j.job.Operation;
import io.hyperv4j.job.ReturnCodes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checkpoints of one VM (Checkpoint-VM, Get-VMSnapshot, Restore-VMSnapshot, Remove-VMSnapshot,
 * Rename-VMSnapshot), through Msvm_VirtualSystemSnapshotService. Checkpoint names are NOT unique:
 * {@link #byName} returns every match and {@link #requireByName} refuses an ambiguous name with
 * {@link AmbiguousNameException}; ids are unique ({@link #byId}). Every read asks the host.
 * <p>Thread-safety: thread-safe (no mutable state); concurrent changes to one VM's checkpoints are
 * ordered by the host, which refuses one while another runs.
 */
public final class Checkpoints {
    static final String SNAPSHOT_SERVICE = "Msvm_VirtualSystemSnapshotService";
    static final String SNAPSHOT_TYPE = "Microsoft:Hyper-V:Snapshot:Realized";
    static final String MOST_CURRENT = "Msvm_MostCurrentSnapshotInBranch";
    static final int FULL_SNAPSHOT = 2;

    private final VirtualMachine vm;
    private final VirtualMachines vms;
    private final CimSession session;

    Checkpoints(VirtualMachine vm, VirtualMachines vms) {
        this.vm = vm;
        this.vms = vms;
        this.session = vms.session();
    }

    /** Every checkpoint of the VM, oldest first. */
    public List<Checkpoint> list() {
        List<CimInstance> found = session.query(Msvm.NAMESPACE, "SELECT * FROM " + Msvm.SYSTEM_SETTING_DATA
                + " WHERE VirtualSystemType = " + Wql.quote(SNAPSHOT_TYPE) + " AND VirtualSystemIdentifier = " + Wql.quote(vm.id()));
        Map<String, String> names = new HashMap<>();
        for (CimInstance i : found) names.put(idOf(i.path()), i.getString("ElementName"));
        List<Checkpoint> out = new ArrayList<>();
        for (CimInstance i : found) out.add(toCheckpoint(i, names));
        out.sort(java.util.Comparator.comparing(Checkpoint::creationTime, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
        return out;
    }

    public Optional<Checkpoint> byId(String id) {
        return list().stream().filter(c -> c.id().equalsIgnoreCase(id)).findFirst();
    }

    /** Every checkpoint with that name (names are not unique). */
    public List<Checkpoint> byName(String name) {
        return list().stream().filter(c -> c.name().equals(name)).toList();
    }

    /**
     * The one checkpoint with that name.
     *
     * @throws NotFoundException when none has it
     * @throws AmbiguousNameException when several have it (pick by id from {@link AmbiguousNameException#ids()})
     */
    public Checkpoint requireByName(String name) {
        List<Checkpoint> found = byName(name);
        if (found.isEmpty()) throw new NotFoundException(vm.label() + " has no checkpoint named '" + name + "'");
        if (found.size() > 1)
            throw new AmbiguousNameException(vm.label() + " has " + found.size() + " checkpoints named '" + name
                    + "'; choose one by id", found.stream().map(Checkpoint::id).toList());
        return found.get(0);
    }

    /** The checkpoints with no parent (usually one). */
    public List<Checkpoint> roots() {
        return list().stream().filter(c -> c.parentId() == null).toList();
    }

    public List<Checkpoint> children(Checkpoint parent) {
        return list().stream().filter(c -> parent.id().equalsIgnoreCase(c.parentId())).toList();
    }

    /** The checkpoint the VM's current state descends from (Msvm_MostCurrentSnapshotInBranch), if any. */
    public Optional<Checkpoint> current() {
        List<CimInstance> found = session.associators(vm.path(), MOST_CURRENT, Msvm.SYSTEM_SETTING_DATA);
        return found.isEmpty() ? Optional.empty() : byId(idOf(found.get(0).path()));
    }

    /** The tree as indented lines ("name (id)"), parents before children, for display. */
    public List<String> tree() {
        List<Checkpoint> all = list();
        List<String> out = new ArrayList<>();
        for (Checkpoint root : all) if (root.parentId() == null) walk(root, all, 0, out);
        return out;
    }

    private void walk(Checkpoint c, List<Checkpoint> all, int depth, List<String> out) {
        out.add("  ".repeat(depth) + c.name() + " (" + c.id() + ")");
        for (Checkpoint child : all) if (c.id().equalsIgnoreCase(child.parentId())) walk(child, all, depth + 1, out);
    }

    /**
     * Checkpoint-VM: takes a checkpoint of the VM's disks (and, for a standard checkpoint of a
     * running VM, its memory). {@code name} null gives Hyper-V's default "VM - (date - time)".
     * Yields the new checkpoint's id.
     */
    public Operation<String> create(String name) {
        String settings = "";
        if (name != null) {
            checkName(name);
            settings = CimInstance.builder(Msvm.SYSTEM_SETTING_DATA).put("ElementName", CimValue.string(name)).build().toString();
        }
        return call("CreateSnapshot", "create checkpoint" + (name == null ? "" : " '" + name + "'") + " of " + vm.label())
                .with("AffectedSystem", CimValue.ref(vm.path()))
                .with("SnapshotSettings", CimValue.string(settings))
                .with("SnapshotType", CimValue.uint16(FULL_SNAPSHOT))
                .invoke(r -> idOf(r.get("ResultingSnapshot").asPath()));
    }

    /** Restore-VMSnapshot: the VM continues from the checkpoint (off, or saved if it holds memory). The VM must be off or saved. */
    public Operation<Void> apply(Checkpoint c) {
        return call("ApplySnapshot", "apply checkpoint '" + c.name() + "' to " + vm.label())
                .with("Snapshot", CimValue.ref(pathOf(c)))
                .invoke(r -> null);
    }

    /** Remove-VMSnapshot: deletes one checkpoint; its children hang from its parent, its disk is merged. */
    public Operation<Void> delete(Checkpoint c) {
        return call("DestroySnapshot", "delete checkpoint '" + c.name() + "' of " + vm.label())
                .with("AffectedSnapshot", CimValue.ref(pathOf(c)))
                .invoke(r -> null);
    }

    /** Remove-VMSnapshot -IncludeAllChildSnapshots: deletes the checkpoint and everything below it. */
    public Operation<Void> deleteSubtree(Checkpoint c) {
        return call("DestroySnapshotTree", "delete checkpoint subtree '" + c.name() + "' of " + vm.label())
                .with("SnapshotSettingData", CimValue.ref(pathOf(c)))
                .invoke(r -> null);
    }

    private static void checkName(String name) {
        ElementName.problem("a checkpoint name", name).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
    }

    /** Rename-VMSnapshot (ModifySystemSettings on the snapshot's settings). */
    public Operation<Void> rename(Checkpoint c, String newName) {
        checkName(newName);
        CimInstance vssd = session.get(pathOf(c)).toBuilder().put("ElementName", CimValue.string(newName)).build();
        return MethodCall.on(session, vms.managementService(), "ModifySystemSettings", ReturnCodes.Family.CIM_METHOD)
                .with("SystemSettings", CimValue.string(vssd.toString()))
                .attempting("rename checkpoint '" + c.name() + "' of " + vm.label() + " to '" + newName + "'")
                .timeout(vms.operationTimeout())
                .invoke(r -> null);
    }

    /** Discards a checkpoint's saved memory (ClearSnapshotState): applying it then leaves the VM off. */
    public Operation<Void> clearSavedState(Checkpoint c) {
        return call("ClearSnapshotState", "clear the saved state of checkpoint '" + c.name() + "'")
                .with("SnapshotSettingData", CimValue.ref(pathOf(c)))
                .invoke(r -> null);
    }

    /** The VM's checkpoint type (UserSnapshotType). */
    public CheckpointType type() {
        return CheckpointType.of(vm.systemSettingsInstance().longOr("UserSnapshotType", CheckpointType.PRODUCTION.value()));
    }

    /** Set-VM -CheckpointType (ModifySystemSettings). */
    public Operation<Void> setType(CheckpointType type) {
        CimInstance vssd = vm.systemSettingsInstance().toBuilder().put("UserSnapshotType", CimValue.uint16(type.value())).build();
        return MethodCall.on(session, vms.managementService(), "ModifySystemSettings", ReturnCodes.Family.CIM_METHOD)
                .with("SystemSettings", CimValue.string(vssd.toString()))
                .attempting("set the checkpoint type of " + vm.label() + " to " + type.powerShellName())
                .timeout(vms.operationTimeout())
                .invoke(r -> null);
    }

    private MethodCall call(String method, String attempted) {
        return call(method, attempted, ReturnCodes.Family.CIM_METHOD);
    }

    private MethodCall call(String method, String attempted, ReturnCodes.Family family) {
        return MethodCall.on(session, snapshotService(), method, family)
                .attempting(attempted)
                .timeout(vms.operationTimeout())
                .currentState(vm::state);
    }

    private ObjectPath snapshotService() {
        List<CimInstance> found = session.query(Msvm.NAMESPACE, "SELECT * FROM " + SNAPSHOT_SERVICE);
        if (found.isEmpty()) throw new HyperVException("Host " + session.host() + " has no " + SNAPSHOT_SERVICE);
        return VirtualMachines.withNamespace(found.get(0).path());
    }

    private static ObjectPath pathOf(Checkpoint c) {
        return VirtualMachines.withNamespace(ObjectPath.parse(c.path()));
    }

    private Checkpoint toCheckpoint(CimInstance i, Map<String, String> names) {
        String id = idOf(i.path());
        String parent = i.getString("Parent");
        String parentId = parent == null || parent.isEmpty() ? null : idOf(ObjectPath.parse(parent));
        long userType = i.longOr("UserSnapshotType", CheckpointType.STANDARD.value());
        CheckpointType type = userType == CheckpointType.PRODUCTION.value() || userType == CheckpointType.PRODUCTION_ONLY.value()
                ? CheckpointType.PRODUCTION : CheckpointType.STANDARD;
        return new Checkpoint(id, i.getString("ElementName"), vm.id(), parentId, parentId == null ? null : names.get(parentId),
                i.instant("CreationTime").orElse(null), type, i.booleanOr("IsSaved", false), i.path().relative().toString(),
                i.getString("ConfigurationDataRoot"));
    }

    /** The GUID in a snapshot settings InstanceID ("Microsoft:GUID"). */
    static String idOf(ObjectPath p) {
        String iid = String.valueOf(p.key("InstanceID"));
        int colon = iid.indexOf(':');
        String rest = colon < 0 ? iid : iid.substring(colon + 1);
        int slash = rest.lastIndexOf('\\');
        return (slash < 0 ? rest : rest.substring(slash + 1)).toUpperCase(java.util.Locale.ROOT);
    }
}
