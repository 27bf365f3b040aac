package io.hyperv4j.backup;

/** What a backup job copies, as DPM names its jobs. */
public enum BackupKind {
    /** Replica creation: the first complete copy of the data source. */
    REPLICA,
    /** Express full: only the blocks changed since the last recovery point. */
    EXPRESS_FULL,
    /** Synchronisation of an in-guest application database (its logs since the last point). */
    SYNCHRONIZATION
}
