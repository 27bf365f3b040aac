package io.hyperv4j;

import io.hyperv4j.cim.CimInstance;
import java.util.List;
import java.util.Optional;

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
    private final List<CimInstance> errors;

    public JobFailedException(String message, String jobId, int jobState, long errorCode,
                              String errorDescription, String errorSummaryDescription) {
        this(message, jobId, jobState, errorCode, errorDescription, errorSummaryDescription, List.of());
    }

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

    /** The job's InstanceID. */
    public String jobId() { return jobId; }

    /** The final JobState (e.g. 10 Exception). */
    public int jobState() { return jobState; }

    /** The job's ErrorCode (0 when the job was terminated or killed without one). */
    public long errorCode() { return errorCode; }

    public String errorDescription() { return errorDescription; }

    public String errorSummaryDescription() { return errorSummaryDescription; }

    /** The job's CIM_Error instances from Msvm_ConcreteJob.GetErrorEx (Message, MessageID, ...); empty if unavailable. */
    public List<CimInstance> errors() { return errors; }

    /** The job's ErrorDescription, or else the first CIM_Error Message; empty when the job said neither. */
    @Override
    public Optional<String> hostMessage() {
        if (errorDescription != null && !errorDescription.isBlank()) return Optional.of(errorDescription);
        return errors.stream().map(e -> e.getString("Message")).filter(m -> m != null && !m.isBlank()).findFirst();
    }
}
