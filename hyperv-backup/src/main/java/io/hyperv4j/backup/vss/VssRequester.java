package io.hyperv4j.backup.vss;

import java.util.List;

/**
 * A VSS requester: the calls a backup application makes on IVssBackupComponents, in the order VSS
 * requires them (gather writer metadata, select components, create the snapshot set, back up,
 * report completion, delete the snapshots). Implemented over vssapi.dll on Windows
 * ({@code io.hyperv4j.backup.vss.internal.WindowsVssRequester}) and by the simulator's requester,
 * so backup code is written once against this interface.
 * <p>One requester drives one backup; create a new one for the next. Every method that waits for
 * VSS (an IVssAsync) waits at most the requester's finite timeout and then cancels the wait and
 * throws {@link VssException} with {@link VssError#TIMEOUT}. A refusal or failure of VSS or of a
 * writer is a {@link VssException} whose {@link VssException#error() error} names it.
 * <p>Thread-safety: implementations are thread-safe, but the VSS sequence is stateful: drive one
 * backup from one thread.
 */
public interface VssRequester extends AutoCloseable {

    /**
     * InitializeForBackup, SetContext (backup context), SetBackupState (components selected,
     * {@code type}), GatherWriterMetadata: every writer on the machine with its components.
     *
     * @param type the backup type to announce to the writers
     * @return the writers, in the order VSS lists them
     * @throws VssException when VSS refuses or a wait times out
     */
    List<VssWriter> gatherWriterMetadata(VssBackupType type);

    /**
     * AddComponent: includes one component of a writer in the backup (for the Hyper-V writer, one
     * VM: see {@link HyperVWriter}). Call after {@link #gatherWriterMetadata} and before {@link #createSnapshotSet}.
     *
     * @param writer    the writer, as {@link #gatherWriterMetadata} listed it
     * @param component one of its components
     * @throws VssException when VSS refuses (e.g. the component is not selectable)
     */
    void addComponent(VssWriter writer, VssComponent component);

    /**
     * StartSnapshotSet, AddToSnapshotSet for each volume (the system chooses the provider),
     * PrepareForBackup, DoSnapshotSet (writers freeze, the provider commits, writers thaw), then
     * GetSnapshotProperties of each snapshot.
     *
     * @param volumes the volumes to snapshot, e.g. {@code C:\} or {@code \\?\Volume{GUID}\}
     * @return the snapshot set
     * @throws VssException when VSS, a provider or a writer fails, or a wait times out
     * @throws IllegalArgumentException when {@code volumes} is empty
     */
    VssSnapshotSet createSnapshotSet(List<String> volumes);

    /**
     * GatherWriterStatus: each writer's state and failure now (after a phase, to see who failed).
     *
     * @return the status of every writer
     * @throws VssException when VSS refuses or a wait times out
     */
    List<VssWriterStatus> writerStatus();

    /**
     * BackupComplete: tells the writers the backup is done (they may now, e.g., truncate logs).
     *
     * @throws VssException when VSS refuses or a wait times out
     */
    void backupComplete();

    /**
     * DeleteSnapshots of a whole snapshot set.
     *
     * @param set the set {@link #createSnapshotSet} returned
     * @throws VssException when VSS refuses (e.g. the set no longer exists)
     */
    void deleteSnapshotSet(VssSnapshotSet set);

    /**
     * SetBackupSucceeded: reports whether the data of a component added to the backup was copied
     * (after {@link #createSnapshotSet}, before {@link #backupComplete}); writers read it at backup complete.
     *
     * @param writer    the writer, as {@link #gatherWriterMetadata} listed it
     * @param component a component added with {@link #addComponent}
     * @param succeeded whether its data was backed up
     * @throws VssException when VSS refuses (out of sequence, or the component is not in the backup)
     */
    void setBackupSucceeded(VssWriter writer, VssComponent component, boolean succeeded);

    /**
     * SaveAsXML: the Backup Components Document of this backup (the components, their writers and
     * whether each succeeded), to keep with the backup and give to {@link #initializeForRestore}.
     *
     * @return the document
     * @throws VssException when VSS refuses (before the snapshot set, or after close)
     */
    String backupDocument();

    /**
     * InitializeForRestore with a backup's document, then GatherWriterMetadata: the writers that take
     * part in the restore. Call on a new requester instead of {@link #gatherWriterMetadata}.
     *
     * @param backupDocument what {@link #backupDocument} gave when the backup was made
     * @return the writers, in the order VSS lists them
     * @throws VssException when the document is not one ({@link VssError#INVALID_XML_DOCUMENT}), out of
     *                      sequence, or a wait times out
     */
    List<VssWriter> initializeForRestore(String backupDocument);

    /**
     * SetSelectedForRestore: restores one component the backup document holds.
     *
     * @param writer    the writer, as {@link #initializeForRestore} listed it
     * @param component a component the backup holds, backed up successfully
     * @throws VssException when the document has no such successful component, or out of sequence
     */
    void selectForRestore(VssWriter writer, VssComponent component);

    /**
     * PreRestore: the writers prepare for the selected components' files to be put back.
     *
     * @throws VssException when a writer fails, out of sequence, or the wait times out
     */
    void preRestore();

    /**
     * PostRestore: the files are back; the writers finish the restore.
     *
     * @throws VssException when a writer fails, out of sequence, or the wait times out
     */
    void postRestore();

    /** Releases the backup components (a backup not completed is aborted first); never throws. */
    @Override
    void close();
}
