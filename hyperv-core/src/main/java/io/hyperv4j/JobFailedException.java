package io.hyperv4j;

import io.hyperv4j.cim.CimInstance;
import java.util.List;
import java.util.Optional;

/**
 * A Hyper-V job ended without success: JobState 8 Terminated, 9 Killed, 10 Exception, or a
 * completed state with a non-zero ErrorCode. Carries what Msvm_ConcreteJob reported.
 */
public class JobFailedException extends HyperVException {
    /** The job's InstanceID. */
    private final String jobId;
    /** The final JobState. */
    private final int jobState;
    /** The job's ErrorCode. */
    private final long errorCode;
    /** The job's ErrorDescription, or null. */
    private final String errorDescription;
    /** The job's ErrorSummaryDescription, or null. */
    private final String errorSummaryDescription;
    /** The job's CIM_Error instances. */
    private final List<CimInstance> errors;

    /**
     * A failed job without CIM_Error instances.
     *
     * @param message                 what failed
     * @param jobId                   the job's InstanceID
     * @param jobState                the final JobState
     * @param errorCode               the job's ErrorCode (0 if none)
     * @param errorDescription        the job's ErrorDescription, or null
     * @param errorSummaryDescription the job's ErrorSummaryDescription, or null
     */
    public JobFailedException(String message, String jobId, int jobState, long errorCode,
                              String errorDescription, String errorSummaryDescription) {
        this(message, jobId, jobState, errorCode, errorDescription, errorSummaryDescription, List.of());
    }

    /**
     * A failed job as Msvm_ConcreteJob and its GetErrorEx reported it.
     *
     * @param message                 what failed
     * @param jobId                   the job's InstanceID
     * @param jobState                the final JobState
     * @param errorCode               the job's ErrorCode (0 if none)
     * @param errorDescription        the job's ErrorDescription, or null
     * @param errorSummaryDescription the job's ErrorSummaryDescription, or null
     * @param errors                  the job's CIM_Error instances (copied; null means none)
     */
    public JobFailedException(String message, String jobId, int jobState, long errorCode,
                              String errorDescription, String errorSummaryDescription, List<CimInstance> errors) {
        super(message);
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.jobId = jobId;
        this.jobState = jobState;
        this.errorCode = errorCode;
        this.errorDescription = errorDescription;
        this.errorSummaryDescription = errorSummaryDescription;
    }

    /**
     * The job's InstanceID.
     *
     * @return the id
     */
    public String jobId() { return jobId; }

    /**
     * The final JobState.
     *
     * @return the state's value, e.g. 10 Exception
     */
    public int jobState() { return jobState; }

    /**
     * The job's ErrorCode.
     *
     * @return the code; 0 when the job was terminated or killed without one
     */
    public long errorCode() { return errorCode; }

    /**
     * The job's ErrorDescription: the host's explanation of the failure.
     *
     * @return the description, or null when the job gave none
     */
    public String errorDescription() { return errorDescription; }

    /**
     * The job's ErrorSummaryDescription: a short summary of the failure.
     *
     * @return the summary, or null when the job gave none
     */
    public String errorSummaryDescription() { return errorSummaryDescription; }

    /**
     * The job's CIM_Error instances from Msvm_ConcreteJob.GetErrorEx (Message, MessageID, ...).
     *
     * @return the instances, immutable; empty if unavailable
     */
    public List<CimInstance> errors() { return errors; }

    /**
     * The job's ErrorDescription, or else the first CIM_Error Message.
     *
     * @return the host's words, or empty when the job said neither
     */
    @Override
    public Optional<String> hostMessage() {
        if (errorDescription != null && !errorDescription.isBlank()) return Optional.of(errorDescription);
        return errors.stream().map(e -> e.getString("Message")).filter(m -> m != null && !m.isBlank()).findFirst();
    }
}
