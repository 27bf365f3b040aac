package io.hyperv4j.vm;

import io.hyperv4j.HyperVException;
import io.hyperv4j.InvalidStateException;
import io.hyperv4j.NotFoundException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.Wql;
import io.hyperv4j.disk.DiskImages;
import io.hyperv4j.job.MethodCall;
import io.hyperv4j.job.Operation;
import io.hyperv4j.job.ReturnCodes;
import io.hyperv4j.vhd.ByteRange;
import io.hyperv4j.vhd.DiskInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Backup of one VM the Windows Server 2016 way: recovery checkpoints, reference points and
 * resilient change tracking (RCT), through Msvm_VirtualSystemSnapshotService (CreateSnapshot with
 * SnapshotType 32768, ConvertToReferencePoint), Msvm_VirtualSystemReferencePointService
 * (DestroyReferencePoint), Msvm_ReferencePointOfVirtualSystem and
 * Msvm_ImageManagementService.GetVirtualDiskChanges. A backup takes a recovery checkpoint, reads
 * the {@link #frozenDisks frozen disks} (all of them the first time, only the
 * {@link #changesBetween changed ranges} since the previous reference point after that), then
 * converts the checkpoint into the next reference point and destroys the previous one.
 * <pre>{@code
 * ChangeTracking rct = vm.changeTracking();
 * RecoveryCheckpoint cp = rct.recoveryCheckpoint(rct.createRecoveryCheckpoint(ConsistencyLevel.APPLICATION_CONSISTENT).await());
 * for (DiskChanges d : rct.changesBetween(previous, cp)) copy(d.file(), d.ranges());
 * ReferencePoint next = rct.referencePoint(rct.convertToReferencePoint(cp).await()).orElseThrow();
 * rct.destroyReferencePoint(previous).await();
 * }</pre>
 * <p>Thread-safety: thread-safe (no mutable state); the host orders concurrent changes to one VM
 * and refuses one while another runs.
 */
public final class ChangeTracking {
    static final String REFERENCE_POINT = "Msvm_VirtualSystemReferencePoint";
    static final String REFERENCE_POINT_OF = "Msvm_ReferencePointOfVirtualSystem";
    static final String REFERENCE_POINT_SERVICE = "Msvm_VirtualSystemReferencePointService";
    static final String SNAPSHOT_SETTING_DATA = "Msvm_VirtualSystemSnapshotSettingData";
    static final String RECOVERY_TYPE = "Microsoft:Hyper-V:Snapshot:Recovery";
    /** CreateSnapshot's SnapshotType for a recovery checkpoint (a vendor-specific value). */
    static final int RECOVERY_SNAPSHOT = 32768;

    private final VirtualMachine vm;
    private final VirtualMachines vms;
    private final CimSession session;

    ChangeTracking(VirtualMachine vm, VirtualMachines vms) {
        this.vm = vm;
        this.vms = vms;
        this.session = vms.session();
    }

    /**
     * Takes a recovery checkpoint (CreateSnapshot, SnapshotType 32768). Application consistency needs
     * the guest's VSS (a running guest whose integration services quiesce it) or a VM that is off.
     *
     * @param level the consistency to ask for
     * @return the operation, yielding the checkpoint's id
     */
    public Operation<String> createRecoveryCheckpoint(ConsistencyLevel level) {
        String settings = CimInstance.builder(SNAPSHOT_SETTING_DATA)
                .put("ConsistencyLevel", CimValue.uint8(level.value()))
                .put("IgnoreNonSnapshottableDisks", CimValue.bool(true)).build().toString();
        return MethodCall.on(session, service(Checkpoints.SNAPSHOT_SERVICE), "CreateSnapshot", ReturnCodes.Family.CIM_METHOD)
                .with("AffectedSystem", CimValue.ref(vm.path()))
                .with("SnapshotSettings", CimValue.string(settings))
                .with("SnapshotType", CimValue.uint16(RECOVERY_SNAPSHOT))
                .attempting("create a " + level.name().toLowerCase(Locale.ROOT).replace('_', '-') + " recovery checkpoint of " + vm.label())
                .timeout(vms.operationTimeout())
                .currentState(vm::state)
                .invoke(r -> Checkpoints.idOf(r.get("ResultingSnapshot").asPath()));
    }

    /**
     * The VM's recovery checkpoints, oldest first.
     *
     * @return the checkpoints, read now
     */
    public List<RecoveryCheckpoint> recoveryCheckpoints() {
        List<RecoveryCheckpoint> out = new ArrayList<>();
        for (CimInstance i : session.query(Msvm.NAMESPACE, "SELECT * FROM " + Msvm.SYSTEM_SETTING_DATA + " WHERE VirtualSystemType = "
                + Wql.quote(RECOVERY_TYPE) + " AND VirtualSystemIdentifier = " + Wql.quote(vm.id())))
            out.add(new RecoveryCheckpoint(Checkpoints.idOf(i.path()), i.getString("ElementName"), vm.id(),
                    i.instant("CreationTime").orElse(null), i.path().relative().toString()));
        out.sort(Comparator.comparing(RecoveryCheckpoint::creationTime, Comparator.nullsFirst(Comparator.naturalOrder())));
        return out;
    }

    /**
     * The recovery checkpoint with that id.
     *
     * @param id the checkpoint's id, as {@link #createRecoveryCheckpoint} yields it
     * @return the checkpoint
     * @throws NotFoundException when the VM has no recovery checkpoint with that id
     */
    public RecoveryCheckpoint recoveryCheckpoint(String id) {
        return recoveryCheckpoints().stream().filter(c -> c.id().equalsIgnoreCase(id)).findFirst()
                .orElseThrow(() -> new NotFoundException(vm.label() + " has no recovery checkpoint " + id));
    }

    /**
     * The disks as {@code checkpoint} froze them: the files to back up while it exists. It must be
     * the VM's newest checkpoint of any kind (each drive's current file is then a child of the frozen one).
     *
     * @param checkpoint the recovery checkpoint
     * @return one entry per disk, in the VM's drive order
     * @throws InvalidStateException when a newer checkpoint exists, or a drive's file has no parent
     */
    public List<FrozenDisk> frozenDisks(RecoveryCheckpoint checkpoint) {
        requireNewest(checkpoint);
        DiskImages images = DiskImages.over(session, vms.operationTimeout());
        List<FrozenDisk> out = new ArrayList<>();
        for (HardDiskDrive d : vm.hardDisks().list()) {
            Path parent = images.inspect(Path.of(d.path())).parentPath();
            if (parent == null)
                throw new InvalidStateException(vm.label() + ": disk '" + d.path() + "' has no parent, so recovery checkpoint "
                        + checkpoint.name() + " does not freeze it", vm.state());
            out.add(new FrozenDisk(d.diskSettingsId(), parent));
        }
        return out;
    }

    private void requireNewest(RecoveryCheckpoint checkpoint) {
        java.time.Instant newest = null;
        for (CimInstance i : session.query(Msvm.NAMESPACE, "SELECT * FROM " + Msvm.SYSTEM_SETTING_DATA
                + " WHERE VirtualSystemIdentifier = " + Wql.quote(vm.id()))) {
            String type = i.getString("VirtualSystemType");
            if (type == null || !type.startsWith("Microsoft:Hyper-V:Snapshot:")) continue;
            java.time.Instant t = i.instant("CreationTime").orElse(null);
            if (t != null && (newest == null || t.isAfter(newest))) newest = t;
        }
        if (newest != null && checkpoint.creationTime() != null && newest.isAfter(checkpoint.creationTime()))
            throw new InvalidStateException(vm.label() + ": a checkpoint newer than recovery checkpoint " + checkpoint.name()
                    + " exists, so the drives no longer sit directly on its frozen files", vm.state());
    }

    /**
     * ConvertToReferencePoint: turns a recovery checkpoint into a reference point (the checkpoint is
     * deleted and its files merge back into the disks).
     *
     * @param checkpoint the recovery checkpoint
     * @return the operation, yielding the reference point's id
     * @throws io.hyperv4j.InvalidParameterException when the host refuses the checkpoint (not a recovery one)
     */
    public Operation<String> convertToReferencePoint(RecoveryCheckpoint checkpoint) {
        return MethodCall.on(session, service(Checkpoints.SNAPSHOT_SERVICE), "ConvertToReferencePoint", ReturnCodes.Family.CIM_METHOD)
                .with("AffectedSnapshot", CimValue.ref(VirtualMachines.withNamespace(ObjectPath.parse(checkpoint.path()))))
                .with("ReferencePointSettings", CimValue.string(""))
                .attempting("convert recovery checkpoint '" + checkpoint.name() + "' of " + vm.label() + " to a reference point")
                .timeout(vms.operationTimeout())
                .currentState(vm::state)
                .invoke(r -> idOf(r.get("ResultingReferencePoint").asPath()));
    }

    /**
     * Exports the configuration a recovery checkpoint kept, for a backup (ExportSystemDefinition with
     * Msvm_VirtualSystemExportSettingData CopySnapshotConfiguration 3, ExportOneSnapshotForBackup,
     * SnapshotVirtualSystem the checkpoint): {@code directory/Virtual Machines/<VM GUID>.vmcx}, the
     * configuration under the VM's id; the disks are not copied (back up {@link #frozenDisks} instead).
     *
     * @param checkpoint the recovery checkpoint
     * @param directory  the folder to export into (on the host)
     * @return the operation, yielding the configuration file's path
     */
    public Operation<Path> exportConfiguration(RecoveryCheckpoint checkpoint, Path directory) {
        String settings = CimInstance.builder("Msvm_VirtualSystemExportSettingData")
                .put("CopySnapshotConfiguration", CimValue.uint8(3))
                .put("SnapshotVirtualSystem", CimValue.string(VirtualMachines.withNamespace(ObjectPath.parse(checkpoint.path())).toString()))
                .put("CopyVmStorage", CimValue.bool(false))
                .put("CopyVmRuntimeInformation", CimValue.bool(false))
                .put("CreateVmExportSubdirectory", CimValue.bool(false)).build().toString();
        Path file = directory.resolve("Virtual Machines").resolve(vm.id() + ".vmcx");
        return MethodCall.on(session, service("Msvm_VirtualSystemManagementService"), "ExportSystemDefinition", ReturnCodes.Family.CIM_METHOD)
                .with("ComputerSystem", CimValue.ref(vm.path()))
                .with("ExportDirectory", CimValue.string(directory.toString()))
                .with("ExportSettingData", CimValue.string(settings))
                .attempting("export the configuration of recovery checkpoint '" + checkpoint.name() + "' of " + vm.label())
                .timeout(vms.operationTimeout())
                .currentState(vm::state)
                .invoke(r -> file);
    }

    /**
     * The VM's reference points (Msvm_ReferencePointOfVirtualSystem).
     *
     * @return the reference points, read now
     */
    public List<ReferencePoint> referencePoints() {
        List<ReferencePoint> out = new ArrayList<>();
        for (CimInstance i : session.associators(vm.path(), REFERENCE_POINT_OF, REFERENCE_POINT)) out.add(toReferencePoint(i));
        return out;
    }

    /**
     * The reference point with that id.
     *
     * @param id the id, as {@link #convertToReferencePoint} yields it (case ignored)
     * @return the reference point, or empty when the VM has none with that id
     */
    public Optional<ReferencePoint> referencePoint(String id) {
        return referencePoints().stream().filter(r -> r.id().equalsIgnoreCase(id)).findFirst();
    }

    /**
     * DestroyReferencePoint.
     *
     * @param referencePoint the reference point to delete
     * @return the operation
     */
    public Operation<Void> destroyReferencePoint(ReferencePoint referencePoint) {
        return MethodCall.on(session, service(REFERENCE_POINT_SERVICE), "DestroyReferencePoint", ReturnCodes.Family.MSVM)
                .with("AffectedReferencePoint", CimValue.ref(VirtualMachines.withNamespace(ObjectPath.parse(referencePoint.path()))))
                .attempting("destroy reference point " + referencePoint.id() + " of " + vm.label())
                .timeout(vms.operationTimeout())
                .invoke(r -> null);
    }

    /**
     * What changed in each disk of {@code since} up to now, asked on each drive's current file.
     *
     * @param since the baseline reference point
     * @return one entry per disk of the reference point
     * @throws NotFoundException when a disk of the reference point is no longer attached to the VM
     */
    public List<DiskChanges> changesSince(ReferencePoint since) {
        Map<String, Path> files = new java.util.HashMap<>();
        for (HardDiskDrive d : vm.hardDisks().list()) files.put(d.diskSettingsId().toUpperCase(Locale.ROOT), Path.of(d.path()));
        return changes(since, files);
    }

    /**
     * What changed in each disk of {@code since} up to the moment {@code upTo} froze: the ranges to
     * copy from the {@link #frozenDisks frozen files} for an incremental backup.
     *
     * @param since the baseline reference point
     * @param upTo  the recovery checkpoint taken for this backup (the VM's newest checkpoint)
     * @return one entry per disk of the reference point, asked on the frozen file
     * @throws NotFoundException when a disk of the reference point is no longer attached to the VM
     */
    public List<DiskChanges> changesBetween(ReferencePoint since, RecoveryCheckpoint upTo) {
        Map<String, Path> files = new java.util.HashMap<>();
        for (FrozenDisk d : frozenDisks(upTo)) files.put(d.diskSettingsId().toUpperCase(Locale.ROOT), d.file());
        return changes(since, files);
    }

    private List<DiskChanges> changes(ReferencePoint since, Map<String, Path> files) {
        List<DiskChanges> out = new ArrayList<>();
        for (ReferencePoint.Disk d : since.disks()) {
            Path file = files.get(d.diskSettingsId().toUpperCase(Locale.ROOT));
            if (file == null)
                throw new NotFoundException(vm.label() + " no longer has disk " + d.diskSettingsId() + " of reference point " + since.id());
            DiskChanges c = changes(file, d.changeTrackingId());
            out.add(new DiskChanges(d.diskSettingsId(), c.file(), c.changeTrackingId(), c.size(), c.ranges()));
        }
        return out;
    }

    /**
     * GetVirtualDiskChanges over a whole disk file, asking again from where the host stopped until
     * the whole disk is covered (a call may process less than asked).
     *
     * @param file             the disk file (a VHDX of the VM, live or frozen by a recovery checkpoint)
     * @param changeTrackingId the baseline change tracking id
     * @return the changed ranges
     * @throws io.hyperv4j.JobFailedException when the host refuses (an unknown id, a VHD, a file no VM uses)
     */
    public DiskChanges changes(Path file, String changeTrackingId) {
        DiskInfo info = DiskImages.over(session, vms.operationTimeout()).inspect(file);
        ObjectPath images = service("Msvm_ImageManagementService");
        List<ByteRange> ranges = new ArrayList<>();
        long at = 0;
        while (at < info.size()) {
            long from = at;
            Page page = MethodCall.on(session, images, "GetVirtualDiskChanges", ReturnCodes.Family.MSVM)
                    .with("Path", CimValue.string(file.toString()))
                    .with("LimitId", CimValue.string(changeTrackingId))
                    .with("TargetSnapshotId", CimValue.string(""))
                    .with("ByteOffset", CimValue.uint64(from))
                    .with("ByteLength", CimValue.uint64(info.size() - from))
                    .attempting("get the changes of '" + file + "' since " + changeTrackingId)
                    .timeout(vms.operationTimeout())
                    .invoke(ChangeTracking::page)
                    .await();
            if (page == null || page.processed() <= 0)
                throw new HyperVException("GetVirtualDiskChanges on '" + file + "' processed nothing from byte " + from);
            ranges.addAll(page.ranges());
            at = from + page.processed();
        }
        return new DiskChanges(null, file, changeTrackingId, info.size(), ranges);
    }

    private record Page(long processed, List<ByteRange> ranges) {}

    private static Page page(io.hyperv4j.cim.MethodResult r) {
        CimValue processed = r.get("ProcessedByteLength");
        if (processed == null || processed.value() == null) return null; // answered through a job: outputs are not carried
        List<?> offs = r.get("ChangedByteOffsets").asList();
        List<?> lens = r.get("ChangedByteLengths").asList();
        List<ByteRange> out = new ArrayList<>();
        for (int i = 0; i < offs.size(); i++) out.add(new ByteRange(((Number) offs.get(i)).longValue(), ((Number) lens.get(i)).longValue()));
        return new Page(((Number) processed.value()).longValue(), out);
    }

    private ReferencePoint toReferencePoint(CimInstance i) {
        List<Object> disks = i.list("VirtualDiskIdentifiers");
        List<Object> ids = i.list("ResilientChangeTrackingIdentifiers");
        List<ReferencePoint.Disk> out = new ArrayList<>();
        for (int k = 0; k < disks.size() && k < ids.size(); k++) out.add(new ReferencePoint.Disk(String.valueOf(disks.get(k)), String.valueOf(ids.get(k))));
        long type = i.longOr("ReferencePointType", 2);
        return new ReferencePoint(idOf(i.path()), i.getString("VirtualSystemIdentifier"),
                type == 1 ? ReferencePoint.Type.LOG_BASED : ReferencePoint.Type.RCT_BASED,
                ConsistencyLevel.of(i.longOr("ConsistencyLevel", 2)), out, i.path().relative().toString());
    }

    /** The reference point id in an InstanceID ({@code Microsoft:<id>}). */
    static String idOf(ObjectPath p) {
        String iid = String.valueOf(p.key("InstanceID"));
        return iid.regionMatches(true, 0, "Microsoft:", 0, 10) ? iid.substring(10) : iid;
    }

    private ObjectPath service(String className) {
        List<CimInstance> found = session.query(Msvm.NAMESPACE, "SELECT * FROM " + className);
        if (found.isEmpty()) throw new HyperVException("Host " + session.host() + " has no " + className);
        return VirtualMachines.withNamespace(found.get(0).path());
    }
}
