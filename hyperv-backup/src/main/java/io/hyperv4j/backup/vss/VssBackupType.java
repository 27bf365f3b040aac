package io.hyperv4j.backup.vss;

/** VSS_BACKUP_TYPE (vss.h): what the backup copies and whether writers treat it as part of their history. */
public enum VssBackupType {
    /** 1: every file; writers may truncate their logs afterwards. */
    FULL(1),
    /** 2: files changed since the last full or incremental backup. */
    INCREMENTAL(2),
    /** 3: files changed since the last full backup. */
    DIFFERENTIAL(3),
    /** 4: log files only. */
    LOG(4),
    /** 5: a full copy that leaves the writers' backup history alone. */
    COPY(5);

    private final int value;

    VssBackupType(int value) {
        this.value = value;
    }

    /**
     * The VSS_BACKUP_TYPE value.
     *
     * @return 1..5
     */
    public int value() {
        return value;
    }
}
