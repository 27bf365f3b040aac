package io.hyperv4j.backup.sim;

import io.hyperv4j.backup.vss.VssError;
import io.hyperv4j.backup.vss.VssWriterState;
import io.hyperv4j.cluster.sim.CsvBackups;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import io.hyperv4j.sim.v2.storage.SimDrive;
import io.hyperv4j.sim.v2.storage.StorageModel;
import io.hyperv4j.sim.v2.storage.VmStorage;
import io.hyperv4j.vhd.ByteRange;
import io.hyperv4j.vhd.ChangedRanges;
import io.hyperv4j.vhd.OpenMode;
import io.hyperv4j.vhd.VirtualDisk;
import io.hyperv4j.vhd.VirtualDisks;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A restore of a VM to its original location, in the Hyper-V VSS writer's phases: PreRestore (the
 * writer turns the VM off so its files can be replaced), the backup application puts the point's files
 * back, PostRestore (the writer takes the restored configuration; a clustered VM's configuration
 * resource is then Failed with events 21502 and 1069 until brought online). One implementation: the
 * protection server's restore job runs the three steps in one change, and a VSS requester's PreRestore
 * and PostRestore run the writer's steps with the application's {@link BackupLab#putBack} between them.
 * A step that cannot run is a {@link WriterFailure}: the writer's state and VSS_E_WRITERERROR_* result.
 */
final class WriterRestore {
    private final BackupLab backup;
    private final Lab lab;
    /** VMs the writer prepared (PreRestore done, PostRestore not yet), to the point put back since (null: none yet). */
    private final Map<String, BackupLab.Point> prepared = new HashMap<>();
    /** The Backup Components Document each prepared VM's restore was initialised with. */
    private final Map<String, BackupDocument.Contents> initialisedWith = new HashMap<>();
    /** Prepared VMs whose files put back were not the document's point: why, for PostRestore. */
    private final Map<String, String> mismatched = new HashMap<>();
    /** Crash injection for tests: called at each step of putting a point's files back. */
    java.util.function.Consumer<String> crash = step -> { };

    /** The writer failed a restore phase for a VM. */
    static final class WriterFailure extends RuntimeException {
        final VssWriterState state;
        final VssError error;

        WriterFailure(VssWriterState state, VssError error, String why) {
            super(why, null, false, false);
            this.state = state;
            this.error = error;
        }
    }

    WriterRestore(BackupLab backup, Lab lab) {
        this.backup = backup;
        this.lab = lab;
    }

    /**
     * PreRestore for one VM, of the restore initialised with {@code document}: the writer refuses while
     * the VM is being backed up (retryable) or when nothing of it is known (non-retryable); otherwise it
     * turns the VM off (a VM deleted since its backup has nothing to turn off: the files put back
     * register it again) and keeps the document to check the files put back against.
     */
    void preRestore(Txn txn, String vmId, BackupDocument.Contents document) {
        SimVm v = lab.vm(vmId);
        if (v == null) {
            if (backup.pointsOf(vmId).isEmpty())
                throw new WriterFailure(VssWriterState.FAILED_AT_PRE_RESTORE, VssError.WRITERERROR_NONRETRYABLE, "the Hyper-V writer cannot restore VM "
                        + vmId + " in place: it is not on this host");
            prepare(vmId, document);
            return;
        }
        if (backup.isBackingUp(v.id()))
            throw new WriterFailure(VssWriterState.FAILED_AT_PRE_RESTORE, VssError.WRITERERROR_RETRYABLE, "the Hyper-V writer cannot restore "
                    + v.name() + " while it is being backed up; retry when the backup ends");
        txn.touch(v);
        if (v.state() != PowerState.OFF) v.state(PowerState.OFF, txn.now());
        prepare(v.id(), document);
    }

    private void prepare(String vmId, BackupDocument.Contents document) {
        prepared.put(key(vmId), null);
        initialisedWith.put(key(vmId), document);
        mismatched.remove(key(vmId));
    }

    /**
     * What the backup application does between PreRestore and PostRestore: the VM's drives become the
     * point's, as the point recorded them (a drive added since is taken out, its file left where it
     * is; a drive removed since is put back on its controller and location, its file written anew), and
     * every drive gets the point's bytes: each drive there moves onto a new child holding what differs
     * from the point. Every file is written and flushed before the model changes, and no file the saved
     * lab names is written, so a kill before the lab is saved again leaves the old disks.
     */
    void putBack(Txn txn, String vmId, BackupLab.Point point) {
        SimVm v = lab.vm(vmId);
        if (!prepared.containsKey(key(vmId)))
            throw new IllegalStateException("the files of " + (v == null ? vmId : v.name()) + " can be put back only after the writer's PreRestore");
        verify(new BackupLab.Protected(vmId, v == null ? point.info().vm() : v.name()), point);
        if (v == null) {
            reregister(txn, vmId, point);
            return;
        }
        List<Restores.Drive> recorded = Restores.Config.read(Restores.configOf(point)).drives();
        VmStorage st = StorageModel.of(lab).vm(v.id());
        List<String> ids = recorded.isEmpty() ? backup.drives(v).stream().map(SimDrive::id).toList() // a point from before drives were recorded
                : recorded.stream().map(Restores.Drive::id).toList();
        if (ids.size() != point.disks().size())
            throw new IllegalArgumentException(v.name() + " has " + ids.size() + " disks and point " + point.info().id() + " " + point.disks().size());
        List<String> present = ids.stream().filter(id -> st.drive(id) != null && st.drive(id).current() != null).toList();
        Map<String, Path> recreated = new java.util.LinkedHashMap<>();
        crash.accept("before");
        try {
            for (int i = 0; i < ids.size(); i++)
                if (!present.contains(ids.get(i))) recreated.put(ids.get(i), recreate(recorded.get(i).path(), point.disks().get(i)));
            StorageModel.of(lab).vm(v.id()).replaceContent(present, () -> lab.random().nextGuid(), (driveId, child) -> {
                ChangedRanges written = rewrite(point.disks().get(ids.indexOf(driveId)), child);
                crash.accept("written " + driveId);
                return written;
            });
        } catch (RuntimeException | Error e) {
            recreated.values().forEach(BackupStore::deleteTree);
            throw e;
        }
        List<String> now = st.drives().stream().filter(d -> d.current() != null).map(SimDrive::id).toList();
        if (!recorded.isEmpty() && !now.equals(ids)) redrive(v, st, recorded, recreated); // reconfigured since the backup
        crash.accept("switched");
        txn.touch(v);
        prepared.put(key(vmId), point);
    }

    /**
     * The files about to be put back must fit the Backup Components Document the restore was initialised
     * with: a host-level point's only under a document holding the VM's component (named by its GUID),
     * and, when the document is one of the VM's recovery points' (its snapshot set is that point's
     * backup), only that point's files. Otherwise the writer fails (at PostRestore, non-retryable) naming
     * the mismatch, before anything is written. A document of a backup the server did not make (a
     * requester's own snapshot set, its files the application's copy) is held to the component only.
     */
    private void verify(BackupLab.Protected v, BackupLab.Point point) {
        BackupDocument.Contents started = initialisedWith.get(key(v.id()));
        if (started == null) return; // initialised with no document: nothing to hold the files to
        BackupDocument.Contents files = backup.restores.components(v, point);
        String why = null;
        if (Restores.hostLevel(point) && !started.succeeded().contains(Restores.vmComponent(v.id())))
            why = "the Backup Components Document the restore was initialised with holds no component " + v.id() + " (" + v.name()
                    + "); it holds " + started.succeeded();
        else if (!java.util.Objects.equals(started.snapshotSetId(), files.snapshotSetId())) {
            String documentOf = pointOfSet(v, started.snapshotSetId());
            if (documentOf != null)
                why = "the files put back are recovery point " + point.info().id() + "'s (snapshot set " + files.snapshotSetId()
                        + "), not those of " + documentOf + ", whose Backup Components Document started the restore (snapshot set "
                        + started.snapshotSetId() + ")";
        }
        if (why == null) return;
        mismatched.put(key(v.id()), why);
        throw new WriterFailure(VssWriterState.FAILED_AT_POST_RESTORE, VssError.WRITERERROR_NONRETRYABLE,
                "the Hyper-V writer refuses the files of " + v.name() + ": " + why);
    }

    /** The VM's recovery point whose backup was snapshot set {@code set}, or null (a point whose document cannot be read is none). */
    private String pointOfSet(BackupLab.Protected v, java.util.UUID set) {
        if (set == null) return null;
        for (BackupLab.Point q : backup.pointsOf(v.id())) {
            try {
                if (set.equals(backup.restores.components(v, q).snapshotSetId())) return q.info().id();
            } catch (io.hyperv4j.backup.BackupRefusedException e) { // its document is damaged: it names no set
            }
        }
        return null;
    }

    /**
     * A VM deleted since the point, registered again as the point recorded it (what the Hyper-V writer's
     * restore of a VM component does when the VM no longer exists): each drive's file written at its
     * original path (flushed, then renamed over what is there), then the VM with its GUID on the host
     * it was backed up on, off, its drives on their recorded controllers and locations. It is a host's
     * VM: a clustered VM is made a role again separately. PostRestore then gives it its configuration.
     */
    private void reregister(Txn txn, String vmId, BackupLab.Point point) {
        Restores.Config config = Restores.Config.read(Restores.configOf(point));
        List<Restores.Drive> drives = config.drives();
        io.hyperv4j.sim.SimHost host = lab.host(point.replicaHost());
        if (drives.size() != point.disks().size() || host == null)
            throw new IllegalArgumentException("point " + point.info().id() + " of deleted VM " + vmId + " does not record its drives or its host "
                    + point.replicaHost() + " is gone: restore it to a host or a folder");
        crash.accept("before");
        for (int i = 0; i < drives.size(); i++) {
            BackupStore.flatten(point.disks().get(i), drives.get(i).path());
            crash.accept("written " + drives.get(i).id());
        }
        SimVm v = lab.createVm(txn, host, vmId, config.name() == null || config.name().isBlank() ? point.info().vm() : config.name(), txn.now());
        VmStorage st = StorageModel.of(lab).vm(v.id());
        for (Restores.Drive d : drives) {
            if (st.controller(d.controllerId()) == null) st.addController(d.controllerId(), io.hyperv4j.sim.v2.storage.ControllerKind.SCSI);
            st.attach(d.id(), d.diskId(), d.controllerId(), d.location(), d.path());
            StorageModel.of(lab).given(v.id(), d.path());
        }
        crash.accept("switched");
        prepared.put(key(vmId), point);
    }

    /**
     * A drive's file the VM no longer has, written anew from the point at its old path, or beside it when
     * a file is there now (the user's since: not overwritten), flushed before the model names it.
     */
    private Path recreate(Path was, Path pointDisk) {
        String name = was.getFileName().toString();
        Path to = java.nio.file.Files.exists(was) ? was.resolveSibling(name.replaceFirst("\\.vhdx?$", "") + "-restored-" + lab.random().nextGuid() + ".vhdx") : was;
        BackupStore.flatten(pointDisk, to);
        return to;
    }

    /** The VM's drives become the recorded ones, in the recorded order: drives added since go, those removed since come back. */
    private void redrive(SimVm v, VmStorage st, List<Restores.Drive> recorded, Map<String, Path> recreated) {
        java.util.Set<String> keep = new java.util.HashSet<>();
        recorded.forEach(d -> keep.add(d.id()));
        for (SimDrive d : st.drives())
            if (d.current() != null && !keep.contains(d.id())) st.detach(d.id()); // its file stays: the restore does not delete the user's disks
        for (Restores.Drive d : recorded) {
            SimDrive now = st.drive(d.id());
            Path file = recreated.containsKey(d.id()) ? recreated.get(d.id()) : now.current();
            if (now != null) st.detach(d.id()); // attached again below: the recorded order is the guest's
            if (st.controller(d.controllerId()) == null) st.addController(d.controllerId(), io.hyperv4j.sim.v2.storage.ControllerKind.SCSI);
            st.attach(d.id(), d.diskId(), d.controllerId(), d.location(), file);
            StorageModel.of(lab).given(v.id(), file);
        }
    }

    /**
     * PostRestore for one VM: the writer fails (non-retryable) when its files were not put back;
     * otherwise the VM takes the point's configuration, and a clustered VM's configuration resource fails.
     */
    void postRestore(Txn txn, String vmId) {
        SimVm v = lab.vm(vmId);
        BackupLab.Point point = prepared.remove(key(vmId));
        initialisedWith.remove(key(vmId));
        String mismatch = mismatched.remove(key(vmId));
        if (mismatch != null && point == null)
            throw new WriterFailure(VssWriterState.FAILED_AT_POST_RESTORE, VssError.WRITERERROR_NONRETRYABLE, "the Hyper-V writer refused the files of "
                    + (v == null ? vmId : v.name()) + ": " + mismatch);
        if (v == null || point == null)
            throw new WriterFailure(VssWriterState.FAILED_AT_POST_RESTORE, VssError.WRITERERROR_NONRETRYABLE, "the Hyper-V writer found no restored files of "
                    + (v == null ? vmId : v.name()) + " at PostRestore: put the point's files back between PreRestore and PostRestore");
        Restores.Config config = Restores.Config.read(Restores.configOf(point));
        txn.touch(v);
        if (config.name() != null && !config.name().isBlank()) v.name(config.name()); // a VM renamed since gets its name back
        v.processors(config.processors());
        v.memoryMb(config.memoryMb());
        StorageModel.of(lab).changed(lab); // a lab without a file folds the old files now; one with a file once saved
        if (CsvBackups.clustered(lab, v.id())) {
            CsvBackups.configurationFailed(txn, lab, v.id());
            backup.event(txn, 21502, "Microsoft-Windows-Hyper-V-High-Availability", v.name(), "'Virtual Machine Configuration "
                    + v.name() + "' failed to come online: its configuration was replaced by a restore");
            backup.event(txn, 1069, "Microsoft-Windows-FailoverClustering", v.name(), "Cluster resource 'Virtual Machine Configuration "
                    + v.name() + "' of type 'Virtual Machine Configuration' in clustered role '" + v.name() + "' failed");
        }
    }

    /** A restore abandoned after PreRestore (the requester closed): the writer forgets the VM. */
    void abandon(String vmId) {
        prepared.remove(key(vmId));
        initialisedWith.remove(key(vmId));
        mismatched.remove(key(vmId));
    }

    /** Writes into {@code child} (which reads as the drive does now) what differs from the point's disk, and makes it durable. */
    private static ChangedRanges rewrite(Path pointDisk, Path child) {
        ChangedRanges written = new ChangedRanges();
        try (VirtualDisk from = VirtualDisks.open(pointDisk, OpenMode.READ_ONLY);
             VirtualDisk to = VirtualDisks.open(child, OpenMode.READ_WRITE)) {
            List<ByteRange> changed = VirtualDisks.changedBlocks(pointDisk, child);
            VirtualDisks.copyRanges(from, to, changed);
            changed.forEach(range -> written.add(range.offset(), range.length()));
            to.flush();
        }
        return written;
    }

    private static String key(String vmId) {
        return vmId.toUpperCase(Locale.ROOT);
    }
}
