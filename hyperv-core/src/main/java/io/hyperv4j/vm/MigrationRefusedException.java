package io.hyperv4j.vm;

import io.hyperv4j.JobFailedException;

/**
 * Hyper-V refused or failed a migration, with the typed reason and the host's sentence
 * ({@link #hostMessage()}). The VM stays where it was.
 */
public final class MigrationRefusedException extends JobFailedException {
    /** Why the host refused. */
    private final MigrationRefusal refusal;

    /**
     * Types a failed migration job.
     *
     * @param refusal the reason
     * @param failed  the failed job as the host reported it
     */
    public MigrationRefusedException(MigrationRefusal refusal, JobFailedException failed) {
        super(failed.getMessage() + " [" + refusal + "]", failed.jobId(), failed.jobState(), failed.errorCode(),
                failed.errorDescription(), failed.errorSummaryDescription(), failed.errors());
        this.refusal = refusal;
        initCause(failed);
    }

    /**
     * Why the host refused.
     *
     * @return the reason
     */
    public MigrationRefusal refusal() {
        return refusal;
    }
}
