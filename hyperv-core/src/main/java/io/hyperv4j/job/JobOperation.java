package io.hyperv4j.job;

import io.hyperv4j.cim.JobState;
import io.hyperv4j.JobFailedException;
import io.hyperv4j.MethodFailedException;
import io.hyperv4j.OperationCancelledException;
import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.Subscription;
import io.hyperv4j.cim.Wql;
import io.hyperv4j.cim.CimXml;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operation backed by a Msvm_ConcreteJob. It subscribes to the job's modification events
 * before reading the job once (so a completion between the two is not lost), updates progress
 * from PercentComplete, and finishes on a terminal JobState. Success is JobState 7 or 32768 with
 * ErrorCode 0; 8, 9, 10 or a non-zero ErrorCode fail with {@link JobFailedException}.
 * <p>A job that is gone when looked for (Hyper-V removes finished jobs after TimeBeforeRemoval)
 * is not an error: the result is read from the affected element instead, which is what the job
 * was for (FuseCP's "can't find a job ID" failure is the counter-example).
 */
public final class JobOperation<T> extends AbstractOperation<T, CimInstance> {
    private static final Logger LOG = LoggerFactory.getLogger(JobOperation.class);

    /** Msvm_ConcreteJob.RequestStateChange: Terminate ("stops the job cleanly"). */
    static final int REQUEST_TERMINATE = 4;

    private final ObjectPath jobPath;
    private final String jobId;
    private final Supplier<T> onSuccess;
    private final Supplier<T> onExpired;
    private final Function<JobFailedException, RuntimeException> failureMapper;
    private volatile CimInstance lastSeen;
    private volatile boolean cancelRequested;
    private volatile Subscription subscription;

    private JobOperation(CimSession session, ObjectPath jobPath, String description, Duration defaultTimeout,
                         Supplier<T> onSuccess, Supplier<T> onExpired,
                         Function<JobFailedException, RuntimeException> failureMapper) {
        super(session, description, defaultTimeout);
        this.jobPath = jobPath;
        Object id = jobPath.key("InstanceID");
        this.jobId = id == null ? jobPath.toString() : id.toString();
        this.onSuccess = onSuccess;
        this.onExpired = onExpired;
        this.failureMapper = failureMapper == null ? e -> e : failureMapper;
    }

    /**
     * Starts tracking the job at {@code jobPath}.
     *
     * @param onSuccess     what the operation yields when the job succeeded; may run on the event
     *                      thread, so it must be quick and must not call the session
     * @param onExpired     what it yields when the job was gone before its end was seen: read the
     *                      affected element (runs on the caller's thread)
     * @param failureMapper may turn a job failure into a more specific exception (or return it as is)
     */
    public static <T> JobOperation<T> track(CimSession session, ObjectPath jobPath, String description,
                                            Duration defaultTimeout, Supplier<T> onSuccess, Supplier<T> onExpired,
                                            Function<JobFailedException, RuntimeException> failureMapper) {
        JobOperation<T> op = new JobOperation<>(session, jobPath, description, defaultTimeout, onSuccess, onExpired,
                failureMapper);
        op.begin();
        return op;
    }

    /** The job's InstanceID. */
    public String jobId() {
        return jobId;
    }

    /** The last state of the job this client saw (null before the first read, or if it expired unseen). */
    public CimInstance lastSeenJob() {
        return lastSeen;
    }

    private String namespace() {
        return jobPath.namespace() == null ? "root\\virtualization\\v2" : jobPath.namespace();
    }

    private void begin() {
        String query = "SELECT * FROM __InstanceModificationEvent WITHIN 1 WHERE TargetInstance ISA "
                + Wql.quote(jobPath.className()) + " AND TargetInstance.InstanceID = " + Wql.quote(jobId);
        subscription = subscribeOrPoll(() -> session.subscribe(namespace(), query, event -> {
            try {
                CimInstance job = targetInstance(event);
                if (job != null) observe(job, false);
            } catch (RuntimeException e) {
                LOG.warn("could not read an event for job {} ({})", jobId, description(), e);
            }
        }));
        // An event may have ended the job before the subscription was stored: close it now.
        if (finished.isDone()) closeSubscription();
        readOnce();
    }

    @Override
    protected void recheck() {
        if (!finished.isDone()) readOnce();
    }

    private void readOnce() {
        try {
            observe(session.get(jobPath), true);
        } catch (CimException e) {
            if (e.error() != CimError.NOT_FOUND) {
                closeSubscription();
                throw e;
            }
            LOG.debug("job {} of '{}' no longer exists; reading the affected element instead", jobId, description());
            expired();
        }
    }

    private void observe(CimInstance job, boolean callerThread) {
        if (finished.isDone()) return;
        lastSeen = job;
        job.find("PercentComplete").ifPresent(pct -> reportProgress(pct.asInt()));
        JobState state = JobState.of(job.longOr("JobState", -1));
        if (state.isTerminal()) {
            closeSubscription();
            if (finish(job) && (callerThread || succeeded(job))) settleNow();
        }
    }

    private void expired() {
        closeSubscription();
        if (finish(null)) settleNow();
    }

    private void closeSubscription() {
        Subscription s = subscription;
        if (s != null) s.close();
    }

    @Override
    public OperationState state() {
        if (!finished.isDone()) return OperationState.RUNNING;
        CimInstance job = finished.getNow(null);
        if (job == null) return OperationState.SUCCEEDED;
        JobState s = JobState.of(job.longOr("JobState", -1));
        if (s.isFailure() && cancelRequested) return OperationState.CANCELLED;
        return succeeded(job) ? OperationState.SUCCEEDED : OperationState.FAILED;
    }

    @Override
    protected T settle(CimInstance job) {
        if (job == null) {
            T value = onExpired.get();
            reportProgress(100);
            return value;
        }
        if (succeeded(job)) {
            reportProgress(100);
            return onSuccess.get();
        }
        JobState s = JobState.of(job.longOr("JobState", -1));
        if (s.isFailure() && cancelRequested) {
            throw new OperationCancelledException(description() + " was cancelled (job " + jobId + " ended " + s + ")");
        }
        long code = job.longOr("ErrorCode", 0);
        String desc = job.getString("ErrorDescription");
        String summary = job.getString("ErrorSummaryDescription");
        String msg = description() + " failed: job " + jobId + " ended " + s + " (JobState " + job.longOr("JobState", -1) + ")"
                + (code != 0 ? ", ErrorCode " + code + " (" + ReturnCodes.name(ReturnCodes.Family.MSVM, code) + ")" : "")
                + (summary != null && !summary.isBlank() ? ": " + summary : "")
                + (desc != null && !desc.isBlank() && !desc.equals(summary) ? " - " + desc : "");
        JobFailedException failure = new JobFailedException(msg, jobId, (int) job.longOr("JobState", -1), code, desc, summary,
                errorDetails());
        RuntimeException mapped = failureMapper.apply(failure);
        if (mapped != failure) throw mapped;
        // A refusal the host reported through the job (32773, 32775, ...): the type its return code has, with the reason.
        MethodFailedException refusal = ReturnCodes.fromJobFailure(failure, description());
        throw refusal != null ? refusal : failure;
    }

    /** Msvm_ConcreteJob.GetErrorEx: the job's CIM_Error instances. Best effort: details must not mask the failure. */
    private List<CimInstance> errorDetails() {
        try {
            MethodResult r = session.invoke(jobPath, "GetErrorEx", Map.of());
            CimValue errors = r.find("Errors").orElse(null);
            if (r.returnValue() != 0 || errors == null || !errors.array()) return List.of();
            List<CimInstance> out = new ArrayList<>();
            for (Object e : errors.asList()) out.add(e instanceof CimInstance i ? i : CimXml.readInstance(e.toString()));
            return out;
        } catch (RuntimeException e) {
            LOG.debug("no error details for job {}: {}", jobId, e.toString());
            return List.of();
        }
    }

    private static boolean succeeded(CimInstance job) {
        JobState s = JobState.of(job.longOr("JobState", -1));
        return (s == JobState.COMPLETED || s == JobState.COMPLETED_WITH_WARNINGS) && job.longOr("ErrorCode", 0) == 0;
    }

    @Override
    public boolean cancel() {
        if (finished.isDone()) return false;
        CimInstance job = lastSeen;
        if (job == null || !job.booleanOr("Cancellable", false)) return false;
        MethodResult r;
        try {
            r = session.invoke(jobPath, "RequestStateChange", Map.of("RequestedState", CimValue.uint16(REQUEST_TERMINATE)));
        } catch (CimException e) {
            if (e.error() != CimError.NOT_FOUND) throw e;
            recheck(); // the job ended and was removed meanwhile: settle from the affected element
            return false;
        }
        long code = r.returnValue();
        if (code == ReturnCodes.COMPLETED || code == ReturnCodes.JOB_STARTED) {
            cancelRequested = true;
            recheck();
            return true;
        }
        if (ReturnCodes.isInvalidState(ReturnCodes.Family.JOB_STATE_CHANGE, code)) {
            recheck();
            return false;
        }
        throw ReturnCodes.toException(ReturnCodes.Family.JOB_STATE_CHANGE, code, "cancel " + description(), null);
    }

    @Override
    protected String progressNote() {
        CimInstance job = lastSeen;
        String state = job == null ? "not yet seen" : JobState.of(job.longOr("JobState", -1)).toString();
        return "job " + jobId + " " + state + ", " + progress() + "% done";
    }
}
