package io.hyperv4j.sim;

import io.hyperv4j.cim.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a lab's jobs on its clock: PercentComplete advances in tenths of the job's duration, the
 * job then completes (its {@link JobHandler} applies the result), and
 * {@link #TIME_BEFORE_REMOVAL} after it ends the job disappears, as Msvm_ConcreteJob's
 * {@code TimeBeforeRemoval = 00000000000500.000000:000} says (wmi-facts A.3). Every step is a
 * change of the model, so subscribers see each one as an instance modification event.
 * <p>Thread-safety: change jobs (submit, refuse, requestStateChange, fail, kill) inside
 * {@link Lab#write}; {@link #register} handlers from {@link SimProvider#attach}; {@link #get} reads
 * without the lock, as {@link Lab#job} does.
 */
public final class Jobs {
    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);

    /** Msvm_ConcreteJob's MOF default: a finished job is removed five minutes after it ends. */
    public static final Duration TIME_BEFORE_REMOVAL = Duration.ofMinutes(5);
    /** Progress updates per job. */
    static final int STEPS = 10;
    /** Bound on taking the lab lock from a scheduled step; a step never gives up silently. */
    private static final Duration STEP_LOCK_TIMEOUT = Duration.ofMinutes(5);

    private final Lab lab;
    private final Map<String, JobHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, List<Scheduler.Task>> tasks = new HashMap<>();

    /** The operation of {@link #refuse}'s jobs: they end before they start, so there is nothing to do or undo. */
    static final String REFUSED = "refused";

    Jobs(Lab lab) {
        this.lab = lab;
        handlers.put(REFUSED, new JobHandler() {
            @Override public void complete(Txn txn, SimJob job) {}
            @Override public void cancelled(Txn txn, SimJob job) {}
        });
    }

    /**
     * A refusal with a reason, reported as Hyper-V reports most of them: the method returns 4096
     * and its job has already failed (JobState 10) with {@code errorCode} (an Msvm return code
     * such as 32773 Invalid parameter), ErrorDescription {@code reason} and the same text in the
     * Msvm_Error that GetErrorEx returns. Nothing in the model changes.
     *
     * @param txn          the change under way
     * @param host         the host the call was made on
     * @param caption      the job's Caption
     * @param affectedVmId the VM the call was about, or null
     * @param errorCode    the Msvm return code the job fails with
     * @param reason       the host's explanation
     * @return the failed job, whose reference the method returns
     */
    public SimJob refuse(Txn txn, SimHost host, String caption, String affectedVmId, int errorCode, String reason) {
        SimJob job = submit(txn, host, new SimJob.JobSpec(REFUSED, 0, caption, caption, false, affectedVmId, Duration.ZERO, Map.of()));
        fail(txn, job, errorCode, "The operation failed.", reason);
        return job;
    }

    /**
     * Registers what jobs of {@code operation} do; one handler per operation name.
     *
     * @param operation the operation's name, as in {@link SimJob.JobSpec#operation()}
     * @param handler   what completes or rolls back its jobs
     */
    public void register(String operation, JobHandler handler) {
        if (handlers.putIfAbsent(operation, handler) != null && handlers.get(operation) != handler)
            throw new IllegalStateException("a handler for job operation " + operation + " is already registered");
    }

    /**
     * Starts a job on {@code host} now; it runs for {@code spec.duration()} of lab time.
     *
     * @param txn  the change under way
     * @param host the host the job runs on
     * @param spec what the job is
     * @return the running job
     */
    public SimJob submit(Txn txn, SimHost host, SimJob.JobSpec spec) {
        if (!handlers.containsKey(spec.operation()))
            throw new IllegalStateException("no handler registered for job operation " + spec.operation());
        SimJob job = new SimJob(lab.random().nextGuid(), host.name(), spec, txn.now());
        lab.index(job);
        txn.created(job);
        scheduleSteps(job);
        return job;
    }

    /**
     * Creates a job on {@code host} that waits in JobState 2 (New) until {@link #start}: work queued
     * behind a limit (a migration beyond the host's maximum of active migrations).
     *
     * @param txn  the change under way
     * @param host the host the job will run on
     * @param spec what the job is; its duration counts from its start
     * @return the waiting job
     */
    public SimJob queue(Txn txn, SimHost host, SimJob.JobSpec spec) {
        if (!handlers.containsKey(spec.operation()))
            throw new IllegalStateException("no handler registered for job operation " + spec.operation());
        SimJob job = new SimJob(lab.random().nextGuid(), host.name(), spec, txn.now());
        job.state = JobState.NEW;
        lab.index(job);
        txn.created(job);
        return job;
    }

    /**
     * Starts a job waiting in JobState 2 (New) now; it runs for its duration from here. Nothing for
     * a job in another state.
     *
     * @param txn the change under way
     * @param job the job
     */
    public void start(Txn txn, SimJob job) {
        if (job.state() != JobState.NEW) return;
        txn.touch(job);
        job.state = JobState.RUNNING;
        job.started = txn.now();
        scheduleSteps(job);
    }

    /**
     * Changes how long a running job runs, from its start (its work turned out slower or faster,
     * e.g. a copy sharing a link): PercentComplete and the completion follow the new length.
     * Nothing when the job has ended.
     *
     * @param txn      the change under way
     * @param job      the job
     * @param duration its new length from its start, not negative
     * @throws IllegalArgumentException when the duration is negative
     */
    public void reschedule(Txn txn, SimJob job, Duration duration) {
        if (duration.isNegative()) throw new IllegalArgumentException("negative job duration for " + job.id());
        if (job.state().isTerminal() || job.duration().equals(duration)) return;
        txn.touch(job);
        cancelTasks(job);
        job.duration(duration);
        scheduleSteps(job);
    }

    /**
     * The job with this InstanceID (any case), or null.
     *
     * @param id the job's InstanceID
     * @return the job, or null
     */
    public SimJob get(String id) {
        return lab.job(id);
    }

    /**
     * Msvm_ConcreteJob.RequestStateChange: 4 Terminate and 5 Kill stop a running, cancellable
     * job (its handler rolls the model back). Returns the method's code: 0 done, 4097 invalid
     * state transition (finished, or not cancellable), 1 not supported (2 Start, 3 Suspend,
     * 6 Service), 5 invalid parameter (other values).
     *
     * @param txn       the change under way
     * @param job       the job
     * @param requested the RequestedState value
     * @return the method's return code
     */
    public int requestStateChange(Txn txn, SimJob job, int requested) {
        switch (requested) {
            case 4, 5 -> {
                if (job.state().isTerminal() || !job.cancellable()) return 4097;
                txn.touch(job);
                handler(job).cancelled(txn, job);
                finish(txn, job, requested == 4 ? JobState.TERMINATED : JobState.KILLED, txn.now());
                job.errorSummary = "The operation was cancelled.";
                job.errorDescription = "'" + job.caption() + "' was cancelled by a RequestStateChange("
                        + requested + ") on the job.";
                return 0;
            }
            case 2, 3, 6 -> {
                return 1;
            }
            default -> {
                return 5;
            }
        }
    }

    /**
     * Ends a running job in JobState 10 (Exception) with an error, from its handler or a fault.
     * Does not call the handler: the caller has put the model where the failure leaves it.
     *
     * @param txn         the change under way
     * @param job         the running job
     * @param errorCode   the job's ErrorCode
     * @param summary     its ErrorSummaryDescription
     * @param description its ErrorDescription
     */
    public void fail(Txn txn, SimJob job, int errorCode, String summary, String description) {
        if (job.state().isTerminal()) return;
        txn.touch(job);
        finish(txn, job, JobState.EXCEPTION, txn.now());
        job.errorCode = errorCode;
        job.errorSummary = summary;
        job.errorDescription = description;
    }

    /**
     * Kills a running job without rollback (fault injection: the work was lost).
     *
     * @param txn         the change under way
     * @param job         the running job
     * @param description its ErrorDescription
     */
    public void kill(Txn txn, SimJob job, String description) {
        if (job.state().isTerminal()) return;
        txn.touch(job);
        finish(txn, job, JobState.KILLED, txn.now());
        job.errorCode = 32768;
        job.errorSummary = "The operation failed.";
        job.errorDescription = description;
    }

    private JobHandler handler(SimJob job) {
        JobHandler h = handlers.get(job.operation());
        if (h == null) throw new IllegalStateException("no handler registered for job operation " + job.operation());
        return h;
    }

    private void finish(Txn txn, SimJob job, JobState state, Instant at) {
        job.state = state;
        job.ended = at;
        if (state == JobState.COMPLETED) job.percent = 100;
        cancelTasks(job);
        scheduleRemoval(job);
        lab.clearBusy(txn, job);
    }

    /** (Re)creates the pending steps of a job from its model: at submission and when a lab is loaded. */
    void scheduleSteps(SimJob job) {
        cancelTasks(job); // a provider may have rescheduled it while the lab was loading: one set of steps only
        if (job.state().isTerminal()) {
            scheduleRemoval(job);
            return;
        }
        if (job.state() == JobState.NEW) return; // queued: its steps begin when it is started
        List<Scheduler.Task> list = new ArrayList<>();
        long total = job.duration().toNanos();
        for (int k = 1; k < STEPS; k++) {
            int pct = k * 100 / STEPS;
            if (pct <= job.percent) continue;
            Instant at = job.started().plusNanos(total / STEPS * k);
            list.add(lab.clock().scheduleAt(at, t -> step(job.id(), pct, t)));
        }
        list.add(lab.clock().scheduleAt(job.started().plus(job.duration()), t -> complete(job.id(), t)));
        synchronized (tasks) {
            tasks.put(job.id(), list);
        }
    }

    private void scheduleRemoval(SimJob job) {
        Instant at = job.removalTime();
        Scheduler.Task t = lab.clock().scheduleAt(at, x -> remove(job.id()));
        synchronized (tasks) {
            tasks.put(job.id(), new ArrayList<>(List.of(t)));
        }
    }

    private void cancelTasks(SimJob job) {
        List<Scheduler.Task> list;
        synchronized (tasks) {
            list = tasks.remove(job.id());
        }
        if (list != null) list.forEach(Scheduler.Task::cancel);
    }

    private void step(String id, int pct, Instant at) {
        lab.write(STEP_LOCK_TIMEOUT, at, txn -> {
            SimJob job = lab.job(id);
            if (job == null || job.state().isTerminal() || job.percent >= pct) return null;
            txn.touch(job);
            job.percent = pct;
            return null;
        });
    }

    private void complete(String id, Instant at) {
        lab.write(STEP_LOCK_TIMEOUT, at, txn -> {
            SimJob job = lab.job(id);
            if (job == null || job.state().isTerminal()) return null;
            txn.touch(job);
            try {
                handler(job).complete(txn, job);
            } catch (RuntimeException e) {
                LOG.error("job {} ({}) failed in its handler", job.id(), job.operation(), e);
                fail(txn, job, 32768, "The operation failed.", String.valueOf(e.getMessage()));
            }
            if (!job.state().isTerminal()) finish(txn, job, JobState.COMPLETED, at);
            return null;
        });
    }

    private void remove(String id) {
        lab.write(STEP_LOCK_TIMEOUT, null, txn -> {
            SimJob job = lab.job(id);
            if (job == null) return null;
            txn.touch(job);
            lab.unindex(job);
            synchronized (tasks) {
                tasks.remove(id);
            }
            return null;
        });
    }
}
