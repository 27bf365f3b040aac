package io.hyperv4j.backup.vss;

import java.util.Optional;

/**
 * Why VSS or a writer refused or failed: the VSS_E_* HRESULTs of vsserror.h a requester meets, plus
 * {@link #TIMEOUT} for a wait this library gave up on. A writer's failure (GetWriterStatus) is one of
 * the VSS_E_WRITERERROR_* values; {@link #retryable()} says whether the backup may succeed if run again.
 */
public enum VssError {
    /** VSS_E_BAD_STATE: a call out of sequence. */
    BAD_STATE(0x80042301, false),
    /** VSS_E_UNEXPECTED: an unexpected VSS error (see the event log). */
    UNEXPECTED(0x80042302, false),
    /** VSS_E_PROVIDER_VETO: the provider refused the snapshot. */
    PROVIDER_VETO(0x80042306, false),
    /** VSS_E_OBJECT_NOT_FOUND: no such snapshot, set or component. */
    OBJECT_NOT_FOUND(0x80042308, false),
    /** VSS_E_INVALID_XML_DOCUMENT: the XML document (e.g. a Backup Components Document given to InitializeForRestore) is not valid. */
    INVALID_XML_DOCUMENT(0x80042311, false),
    /** VSS_E_VOLUME_NOT_SUPPORTED: no provider supports the volume. */
    VOLUME_NOT_SUPPORTED(0x8004230C, false),
    /** VSS_E_UNEXPECTED_PROVIDER_ERROR: the provider failed. */
    UNEXPECTED_PROVIDER_ERROR(0x8004230F, true),
    /** VSS_E_FLUSH_WRITES_TIMEOUT: the file system could not flush in time. */
    FLUSH_WRITES_TIMEOUT(0x80042313, true),
    /** VSS_E_HOLD_WRITES_TIMEOUT: writes could not be held long enough. */
    HOLD_WRITES_TIMEOUT(0x80042314, true),
    /** VSS_E_SNAPSHOT_SET_IN_PROGRESS: another snapshot set is being created. */
    SNAPSHOT_SET_IN_PROGRESS(0x80042316, true),
    /** VSS_E_MAXIMUM_NUMBER_OF_SNAPSHOTS_REACHED: the volume holds as many snapshots as it can. */
    MAXIMUM_NUMBER_OF_SNAPSHOTS_REACHED(0x80042317, false),
    /** VSS_E_WRITER_NOT_RESPONDING: a writer did not answer. */
    WRITER_NOT_RESPONDING(0x80042319, true),
    /** VSS_E_INSUFFICIENT_STORAGE: no room for the snapshot's differences. */
    INSUFFICIENT_STORAGE(0x8004231F, false),
    /** VSS_E_WRITERERROR_INCONSISTENTSNAPSHOT: the snapshot would be inconsistent for a writer. */
    WRITERERROR_INCONSISTENTSNAPSHOT(0x800423F0, true),
    /** VSS_E_WRITERERROR_OUTOFRESOURCES: a writer ran out of resources. */
    WRITERERROR_OUTOFRESOURCES(0x800423F1, true),
    /** VSS_E_WRITERERROR_TIMEOUT: a writer timed out between freeze and thaw. */
    WRITERERROR_TIMEOUT(0x800423F2, true),
    /** VSS_E_WRITERERROR_RETRYABLE: a transient writer error. */
    WRITERERROR_RETRYABLE(0x800423F3, true),
    /** VSS_E_WRITERERROR_NONRETRYABLE: a writer error that retrying will not fix. */
    WRITERERROR_NONRETRYABLE(0x800423F4, false),
    /** VSS_E_WRITERERROR_RECOVERY_FAILED: a writer's post-snapshot recovery failed. */
    WRITERERROR_RECOVERY_FAILED(0x800423F5, false),
    /** VSS_E_WRITERERROR_PARTIAL_FAILURE: some components of a writer failed. */
    WRITERERROR_PARTIAL_FAILURE(0x80042336, false),
    /** Not VSS's: this library stopped waiting for an IVssAsync after the requester's timeout (and cancelled it). */
    TIMEOUT(0, true),
    /** Another HRESULT (see {@link VssException#hresult()}). */
    OTHER(0, false);

    private final int hresult;
    private final boolean retryable;

    VssError(int hresult, boolean retryable) {
        this.hresult = hresult;
        this.retryable = retryable;
    }

    /**
     * The HRESULT, as a signed 32-bit value.
     *
     * @return the HRESULT; 0 for {@link #TIMEOUT} and {@link #OTHER}
     */
    public int hresult() {
        return hresult;
    }

    /**
     * Whether the same backup may succeed if run again.
     *
     * @return true for transient causes
     */
    public boolean retryable() {
        return retryable;
    }

    /**
     * The error with that HRESULT.
     *
     * @param hresult an HRESULT
     * @return the error; empty for S_OK and for HRESULTs not listed here
     */
    public static Optional<VssError> of(int hresult) {
        if (hresult == 0) return Optional.empty();
        for (VssError e : values()) if (e.hresult == hresult && e != TIMEOUT && e != OTHER) return Optional.of(e);
        return Optional.empty();
    }
}
