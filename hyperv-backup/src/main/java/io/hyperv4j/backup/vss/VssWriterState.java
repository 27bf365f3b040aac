package io.hyperv4j.backup.vss;

/** VSS_WRITER_STATE (vss.h): where a writer is in the backup sequence, and in which phase it failed. */
public enum VssWriterState {
    /** 0: unknown. */
    UNKNOWN(0),
    /** 1: stable, ready for a backup. */
    STABLE(1),
    /** 2: waiting for the freeze. */
    WAITING_FOR_FREEZE(2),
    /** 3: waiting for the thaw. */
    WAITING_FOR_THAW(3),
    /** 4: waiting for post-snapshot. */
    WAITING_FOR_POST_SNAPSHOT(4),
    /** 5: waiting for backup complete. */
    WAITING_FOR_BACKUP_COMPLETE(5),
    /** 6: failed while identifying itself. */
    FAILED_AT_IDENTIFY(6),
    /** 7: failed while preparing for backup. */
    FAILED_AT_PREPARE_BACKUP(7),
    /** 8: failed while preparing for the snapshot. */
    FAILED_AT_PREPARE_SNAPSHOT(8),
    /** 9: failed at the freeze. */
    FAILED_AT_FREEZE(9),
    /** 10: failed at the thaw. */
    FAILED_AT_THAW(10),
    /** 11: failed after the snapshot. */
    FAILED_AT_POST_SNAPSHOT(11),
    /** 12: failed at backup complete. */
    FAILED_AT_BACKUP_COMPLETE(12),
    /** 13: failed before restore. */
    FAILED_AT_PRE_RESTORE(13),
    /** 14: failed after restore. */
    FAILED_AT_POST_RESTORE(14),
    /** 15: failed while shutting down the backup. */
    FAILED_AT_BACKUPSHUTDOWN(15);

    private final int value;

    VssWriterState(int value) {
        this.value = value;
    }

    /**
     * The VSS_WRITER_STATE value.
     *
     * @return 0..15
     */
    public int value() {
        return value;
    }

    /**
     * Whether this is one of the failed states.
     *
     * @return true for FAILED_AT_*
     */
    public boolean failed() {
        return value >= FAILED_AT_IDENTIFY.value;
    }

    /**
     * The state with that value.
     *
     * @param value a VSS_WRITER_STATE value
     * @return the state; {@link #UNKNOWN} for a value VSS does not define
     */
    public static VssWriterState of(long value) {
        for (VssWriterState s : values()) if (s.value == value) return s;
        return UNKNOWN;
    }
}
