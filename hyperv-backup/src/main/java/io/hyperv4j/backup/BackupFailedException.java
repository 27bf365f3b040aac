package io.hyperv4j.backup;

import io.hyperv4j.HyperVException;

/**
 * A backup job that started and failed: DPM logs 30112 (a retryable VSS error: a writer had a
 * transient error) or 30111 (the VSS writer or provider is in a bad state). The job left no
 * recovery point and no shadow copy.
 */
public final class BackupFailedException extends HyperVException {
    /** The DPM event id. */
    private final int eventId;

    /**
     * A failed job.
     *
     * @param eventId the DPM event id
     * @param message what failed
     */
    public BackupFailedException(int eventId, String message) {
        super(message);
        this.eventId = eventId;
    }

    /**
     * The DPM event id the failure was logged with.
     *
     * @return 30111, 30112, or another id
     */
    public int eventId() {
        return eventId;
    }
}
