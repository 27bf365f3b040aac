package io.hyperv4j.backup.sim;

import io.hyperv4j.backup.vss.HyperVWriter;
import io.hyperv4j.backup.vss.VssBackupType;
import io.hyperv4j.backup.vss.VssComponent;
import io.hyperv4j.backup.vss.VssError;
import io.hyperv4j.backup.vss.VssException;
import io.hyperv4j.backup.vss.VssRequester;
import io.hyperv4j.backup.vss.VssSnapshot;
import io.hyperv4j.backup.vss.VssSnapshotSet;
import io.hyperv4j.backup.vss.VssWriter;
import io.hyperv4j.backup.vss.VssWriterState;
import io.hyperv4j.backup.vss.VssWriterStatus;
import io.hyperv4j.cluster.sim.CsvBackups;
import io.hyperv4j.sim.Scheduler;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimVm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The VSS requester of a simulated host: the sequence of IVssBackupComponents over the host's
 * Hyper-V writer (a component per VM) and the software provider, each asynchronous step taking its
 * time on the lab clock (gather and prepare together {@link BackupLab#PREPARE}, freeze to thaw
 * {@link BackupTimings#FREEZE_TO_THAW}) and waited for at most the requester's timeout. Snapshots are
 * made in the backup context, so they are auto-release: closing the requester deletes those left.
 */
final class SimVssRequester implements VssRequester {
    private enum Step { NEW, GATHERED, SNAPSHOT, COMPLETE, RESTORE_GATHERED, PRE_RESTORED, RESTORED, CLOSED }

    private final BackupLab backup;
    private final String host;
    private final Duration timeout;
    private Step step = Step.NEW;
    private VssWriter writer;
    private VssWriterState state = VssWriterState.STABLE;
    private int failure;
    private final Set<String> selectedVms = new LinkedHashSet<>();
    private final List<UUID> sets = new ArrayList<>();
    private VssBackupType type;
    /** SetBackupSucceeded per component name added to the backup. */
    private final java.util.Map<String, Boolean> succeeded = new java.util.LinkedHashMap<>();
    /** The components a restore's document holds as backed up: writer id and component name. */
    private final Set<String> restorable = new LinkedHashSet<>();
    private final Set<String> selectedForRestore = new LinkedHashSet<>();
    /** The VMs (the Hyper-V writer's components) selected for restore, and those its PreRestore prepared. */
    private final Set<String> restoreVms = new LinkedHashSet<>(), preparedVms = new LinkedHashSet<>();
    private UUID lastSet;
    /** The document InitializeForRestore took: the writer holds the files put back to it. */
    private BackupDocument.Contents restoreDocument;

    SimVssRequester(BackupLab backup, String host, Duration timeout) {
        this.backup = backup;
        this.host = host;
        this.timeout = timeout;
    }

    @Override
    public synchronized List<VssWriter> gatherWriterMetadata(VssBackupType type) {
        expect(Step.NEW, "GatherWriterMetadata");
        this.type = type;
        return gather(Step.GATHERED);
    }

    /** GatherWriterMetadata: the host's Hyper-V writer, after its time on the lab clock. */
    private List<VssWriter> gather(Step next) {
        waitFor("GatherWriterMetadata", BackupLab.PREPARE.dividedBy(2));
        writer = backup.read(() -> Vss.hyperVWriter(host, backup.hyperVComponents().getOrDefault(host, List.of())));
        step = next;
        return List.of(writer);
    }

    @Override
    public synchronized void addComponent(VssWriter w, VssComponent component) {
        expect(Step.GATHERED, "AddComponent");
        if (!w.instanceId().equals(writer.instanceId()) || !writer.components().contains(component))
            throw new VssException("AddComponent: " + w.name() + " has no component " + component.name() + " on " + host,
                    VssError.OBJECT_NOT_FOUND, VssError.OBJECT_NOT_FOUND.hresult());
        selectedVms.add(component.name());
        succeeded.put(component.name(), false);
    }

    @Override
    public synchronized VssSnapshotSet createSnapshotSet(List<String> volumes) {
        if (volumes.isEmpty()) throw new IllegalArgumentException("a snapshot set needs at least one volume");
        expect(Step.GATHERED, "StartSnapshotSet");
        UUID setId = Vss.guid(backup.lab().random().nextGuid());
        backup.change(txn -> {
            if (backup.vss.setInProgress != null)
                throw new VssException("StartSnapshotSet: another snapshot set (" + backup.vss.setInProgress + ") is being created",
                        VssError.SNAPSHOT_SET_IN_PROGRESS, VssError.SNAPSHOT_SET_IN_PROGRESS.hresult());
            Set<String> known = knownVolumes();
            for (String v : volumes)
                if (!known.contains(normal(v)))
                    throw new VssException("AddToSnapshotSet: no provider supports volume " + v + " on " + host + " (volumes: " + known + ")",
                            VssError.VOLUME_NOT_SUPPORTED, VssError.VOLUME_NOT_SUPPORTED.hresult());
            backup.vss.setInProgress = setId;
        });
        try {
            waitFor("PrepareForBackup", BackupLab.PREPARE.dividedBy(2));
            failIfSelectedVmIsGone();
            waitFor("DoSnapshotSet", BackupTimings.FREEZE_TO_THAW.dividedBy(2));
            List<VssSnapshot> snapshots = backup.write(txn -> {
                List<VssSnapshot> out = new ArrayList<>();
                for (String v : volumes) {
                    VssSnapshot s = new VssSnapshot(Vss.guid(backup.lab().random().nextGuid()), setId, v, backup.vss.nextDevice(),
                            Vss.SOFTWARE.providerId(), Vss.DIFFERENTIAL, txn.now());
                    backup.vss.shadows.put(s.id(), s);
                    out.add(s);
                }
                return out;
            });
            sets.add(setId);
            lastSet = setId;
            waitFor("DoSnapshotSet", BackupTimings.FREEZE_TO_THAW.dividedBy(2)); // thaw, post-snapshot
            state = VssWriterState.WAITING_FOR_BACKUP_COMPLETE;
            step = Step.SNAPSHOT;
            return new VssSnapshotSet(setId, snapshots);
        } finally {
            backup.change(txn -> {
                if (setId.equals(backup.vss.setInProgress)) backup.vss.setInProgress = null;
            });
        }
    }

    /** A selected VM deleted since the metadata: the Hyper-V writer fails to prepare its snapshot. */
    private void failIfSelectedVmIsGone() {
        for (String vm : selectedVms) {
            if (backup.read(() -> backup.lab().vm(vm)) == null) {
                state = VssWriterState.FAILED_AT_PREPARE_SNAPSHOT;
                failure = VssError.WRITERERROR_NONRETRYABLE.hresult();
                throw new VssException("DoSnapshotSet failed: the Hyper-V writer could not prepare VM " + vm + " (it no longer exists)",
                        VssError.WRITERERROR_NONRETRYABLE, failure);
            }
        }
    }

    @Override
    public synchronized List<VssWriterStatus> writerStatus() {
        if (writer == null || step == Step.CLOSED) throw badState("GatherWriterStatus");
        return List.of(new VssWriterStatus(writer.writerId(), writer.instanceId(), writer.name(), state, failure));
    }

    @Override
    public synchronized void backupComplete() {
        expect(Step.SNAPSHOT, "BackupComplete");
        waitFor("BackupComplete", Duration.ZERO);
        state = VssWriterState.STABLE;
        step = Step.COMPLETE;
    }

    @Override
    public synchronized void setBackupSucceeded(VssWriter w, VssComponent component, boolean ok) {
        expect(Step.SNAPSHOT, "SetBackupSucceeded");
        if (!w.instanceId().equals(writer.instanceId()) || !succeeded.containsKey(component.name()))
            throw new VssException("SetBackupSucceeded: component " + component.name() + " of " + w.name() + " is not in this backup",
                    VssError.OBJECT_NOT_FOUND, VssError.OBJECT_NOT_FOUND.hresult());
        succeeded.put(component.name(), ok);
    }

    @Override
    public synchronized String backupDocument() {
        if (step != Step.SNAPSHOT && step != Step.COMPLETE) throw badState("SaveAsXML");
        return BackupDocument.write(type, lastSet, writer, succeeded);
    }

    @Override
    public synchronized List<VssWriter> initializeForRestore(String document) {
        expect(Step.NEW, "InitializeForRestore");
        restoreDocument = BackupDocument.read(document);
        restorable.addAll(restoreDocument.succeeded());
        return gather(Step.RESTORE_GATHERED);
    }

    @Override
    public synchronized void selectForRestore(VssWriter w, VssComponent component) {
        expect(Step.RESTORE_GATHERED, "SetSelectedForRestore");
        String key = BackupDocument.key(w.writerId(), component.name());
        if (!restorable.contains(key))
            throw new VssException("SetSelectedForRestore: the backup document holds no successfully backed-up component " + component.name()
                    + " of " + w.name(), VssError.OBJECT_NOT_FOUND, VssError.OBJECT_NOT_FOUND.hresult());
        selectedForRestore.add(key);
        if (w.writerId().equals(HyperVWriter.WRITER_ID)) restoreVms.add(component.name());
    }

    /** PreRestore: the Hyper-V writer prepares each selected VM (turns it off); its failure is the writer's. */
    @Override
    public synchronized void preRestore() {
        expect(Step.RESTORE_GATHERED, "PreRestore");
        waitFor("PreRestore", Duration.ZERO);
        writerPhase("PreRestore", vm -> {
            backup.change(txn -> backup.writerRestore.preRestore(txn, vm, restoreDocument));
            preparedVms.add(vm);
        });
        state = VssWriterState.STABLE;
        step = Step.PRE_RESTORED;
    }

    /** PostRestore: the Hyper-V writer takes each selected VM's restored files (put back since PreRestore). */
    @Override
    public synchronized void postRestore() {
        expect(Step.PRE_RESTORED, "PostRestore");
        waitFor("PostRestore", Duration.ZERO);
        writerPhase("PostRestore", vm -> {
            preparedVms.remove(vm);
            backup.change(txn -> backup.writerRestore.postRestore(txn, vm));
        });
        step = Step.RESTORED;
    }

    /** Runs a restore phase of the Hyper-V writer for each selected VM; a failure leaves the writer failed and is typed. */
    private void writerPhase(String call, java.util.function.Consumer<String> phase) {
        for (String vm : restoreVms) {
            try {
                phase.accept(vm);
            } catch (WriterRestore.WriterFailure e) {
                state = e.state;
                failure = e.error.hresult();
                abandonRestore();
                throw new VssException(call + " failed: " + e.getMessage(), e.error, failure);
            }
        }
    }

    private void abandonRestore() {
        if (preparedVms.isEmpty()) return;
        List<String> vms = List.copyOf(preparedVms);
        preparedVms.clear();
        backup.change(txn -> vms.forEach(backup.writerRestore::abandon));
    }

    @Override
    public synchronized void deleteSnapshotSet(VssSnapshotSet set) {
        if (step == Step.CLOSED) throw badState("DeleteSnapshots");
        if (!sets.remove(set.id()))
            throw new VssException("DeleteSnapshots: no snapshot set " + set.id() + " of this requester", VssError.OBJECT_NOT_FOUND,
                    VssError.OBJECT_NOT_FOUND.hresult());
        backup.change(txn -> backup.vss.shadows.values().removeIf(s -> s.setId().equals(set.id())));
    }

    @Override
    public synchronized void close() {
        if (step == Step.CLOSED) return;
        step = Step.CLOSED;
        abandonRestore();
        List<UUID> left = List.copyOf(sets);
        sets.clear();
        if (!left.isEmpty()) backup.change(txn -> backup.vss.shadows.values().removeIf(s -> left.contains(s.setId())));
    }

    private Set<String> knownVolumes() {
        Set<String> out = new LinkedHashSet<>();
        out.add(normal("C:\\"));
        SimHost h = backup.lab().host(host);
        if (h != null) for (SimVm v : h.vms()) CsvBackups.volumeOf(backup.lab(), v.id()).ifPresent(x -> out.add(normal(x.path())));
        return out;
    }

    private static String normal(String volume) {
        String v = volume.toLowerCase(Locale.ROOT);
        return v.endsWith("\\") ? v : v + "\\";
    }

    /** One IVssAsync: done after {@code takes} on the lab clock, waited for at most the timeout, cancelled after. */
    private void waitFor(String what, Duration takes) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Scheduler.Task task = backup.lab().clock().schedule(takes, at -> done.complete(null));
        if (!backup.lab().clock().await(done, timeout)) {
            task.cancel();
            throw new VssException(what + " did not finish within " + timeout + "; it was cancelled", VssError.TIMEOUT, 0);
        }
    }

    private void expect(Step wanted, String call) {
        if (step != wanted) throw badState(call);
    }

    private VssException badState(String call) {
        return new VssException(call + ": called " + (step == Step.CLOSED ? "after close" : "out of sequence (the requester is at " + step + ")"),
                VssError.BAD_STATE, VssError.BAD_STATE.hresult());
    }
}
