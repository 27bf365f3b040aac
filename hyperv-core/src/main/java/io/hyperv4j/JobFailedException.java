package io.hyperv4j;

/**
 * A Hyper-V job ended without success: JobState 8 Terminated, 9 Killed, 10 Exception, or a
 * completed state with a non-zero ErrorCode. Carries what Msvm_ConcreteJob reported.
 */
public class JobFailedException extends HyperVException {
    private final String jobId;
    private final int jobState;
    private final long errorCode;
    private final String errorDescription;
    private final String errorSummaryDescription;

    public JobFailedException(String message, String jobId, int jobState, long errorCode,
                              String errorDescription, String errorSummaryDescription) {
        super(message);
        this.jobId = jobId;
        this.jobState = jobState;
        this.errorCode = errorCode;
        this.errorDescription = errorDescription;
        this.errorSummaryDescription = errorSummaryDescription;
    }

    /** The job's InstanceID. */
    public String jobId() { return jobId; }

    /** The final JobState (e.g. 10 Exception). */
    public int jobState() { return jobState; }

    /** The job's ErrorCode (0 when the job was terminated or killed without one). */
    public long errorCode() { return errorCode; }

    public String errorDescription() { return errorDescription; }

    public String errorSummaryDescription() { return errorSummaryDescription; }
}
