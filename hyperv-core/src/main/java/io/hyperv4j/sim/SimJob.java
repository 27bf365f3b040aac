package io.hyperv4j.sim;

import io.hyperv4j.cim.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A job tracking an asynchronous operation ({@code Msvm_ConcreteJob}). What it does when it ends is
 * named by {@link #operation()} and carried out by the {@link JobHandler} registered for that
 * name, so a job survives a save and load of its lab. Mutate only through {@link Jobs}.
 * <p>Thread-safety: not thread-safe; guarded by the lab lock.
 */
public final class SimJob {
    private final String id;
    private final String hostName;
    private final String operation;
    private final int jobType;
    private final String caption;
    private final String description;
    private final boolean cancellable;
    private final String affectedVmId;
    private final Instant submitted;
    private Duration duration;
    private final Map<String, String> data;
    JobState state = JobState.RUNNING;
    int percent;
    Instant started;
    Instant ended;
    int errorCode;
    String errorSummary = "";
    String errorDescription = "";
    boolean removed;

    SimJob(String id, String hostName, JobSpec spec, Instant submitted) {
        this.id = id;
        this.hostName = hostName;
        this.operation = spec.operation();
        this.jobType = spec.jobType();
        this.caption = spec.caption();
        this.description = spec.description();
        this.cancellable = spec.cancellable();
        this.affectedVmId = spec.affectedVmId();
        this.duration = spec.duration();
        this.data = new LinkedHashMap<>(spec.data());
        this.submitted = submitted;
        this.started = submitted;
    }

    /**
     * The job's GUID: {@code InstanceID}.
     *
     * @return the id
     */
    public String id() { return id; }
    /**
     * The host the job runs on.
     *
     * @return the host's name
     */
    public String hostName() { return hostName; }
    /**
     * The operation its handler knows it by.
     *
     * @return the operation's name
     */
    public String operation() { return operation; }
    /**
     * Its CIM JobType.
     *
     * @return the JobType
     */
    public int jobType() { return jobType; }
    /**
     * Its Caption.
     *
     * @return the caption
     */
    public String caption() { return caption; }
    /**
     * Its Description.
     *
     * @return the description
     */
    public String description() { return description; }
    /**
     * Whether a client may terminate it.
     *
     * @return whether it is cancellable
     */
    public boolean cancellable() { return cancellable; }
    /**
     * The VM the job works on ({@code Msvm_AffectedJobElement}), or null.
     *
     * @return the VM's GUID, or null
     */
    public String affectedVmId() { return affectedVmId; }
    /**
     * When it was submitted (TimeSubmitted).
     *
     * @return the time
     */
    public Instant submitted() { return submitted; }
    /**
     * When it began running (StartTime).
     *
     * @return the time
     */
    public Instant started() { return started; }
    /**
     * When it reached a final state, or null while it runs.
     *
     * @return the time, or null
     */
    public Instant ended() { return ended; }
    /**
     * How long it runs when nothing stops it.
     *
     * @return the planned duration
     */
    public Duration duration() { return duration; }

    void duration(Duration d) { this.duration = d; }
    /**
     * Its JobState.
     *
     * @return the state
     */
    public JobState state() { return state; }
    /**
     * Its PercentComplete now.
     *
     * @return the percentage
     */
    public int percentComplete() { return percent; }
    /**
     * Its ErrorCode (0 unless it failed).
     *
     * @return the code
     */
    public int errorCode() { return errorCode; }
    /**
     * Its ErrorSummaryDescription.
     *
     * @return the summary, or null
     */
    public String errorSummary() { return errorSummary; }
    /**
     * Its ErrorDescription.
     *
     * @return the description, or null
     */
    public String errorDescription() { return errorDescription; }
    /**
     * Whether it was removed (past its removal time).
     *
     * @return whether it is gone
     */
    public boolean removed() { return removed; }
    /**
     * Operation-specific values the handler needs (the state to return to on cancel, ...).
     *
     * @param key the value's name
     * @return the value, or null
     */
    public String data(String key) { return data.get(key); }
    Map<String, String> allData() { return data; }

    /**
     * How long it has run: up to now while running, its total once finished.
     *
     * @param now the lab's time
     * @return the time it has run
     */
    public Duration elapsed(Instant now) {
        if (state == JobState.NEW) return Duration.ZERO; // queued, not started
        Instant end = ended != null ? ended : now;
        return end.isBefore(started) ? Duration.ZERO : Duration.between(started, end);
    }

    /**
     * When the job disappears: {@link Jobs#TIME_BEFORE_REMOVAL} after it ends.
     *
     * @return the time, or null while it runs
     */
    public Instant removalTime() {
        return ended == null ? null : ended.plus(Jobs.TIME_BEFORE_REMOVAL);
    }

    @Override
    public String toString() {
        return "SimJob[" + operation + " " + id + " " + state + " " + percent + "%]";
    }

    /**
     * What a new job is: the operation its handler knows, CIM JobType and Caption, whether a client
     * may cancel it, the VM it affects, how long it runs, and data for the handler.
     */
    public record JobSpec(String operation, int jobType, String caption, String description, boolean cancellable,
                          String affectedVmId, Duration duration, Map<String, String> data) {
        /**
         * Validates: operation and caption are required, a null description is the caption, the duration is not negative.
         *
         * @param operation    the operation its handler knows
         * @param jobType      the CIM JobType
         * @param caption      the Caption
         * @param description  the Description, or null
         * @param cancellable  whether a client may terminate it
         * @param affectedVmId the VM it affects, or null
         * @param duration     how long it runs
         * @param data         data for the handler, or null
         * @throws IllegalArgumentException when the duration is negative
         */
        public JobSpec {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(caption, "caption");
            description = description == null ? caption : description;
            if (duration.isNegative()) throw new IllegalArgumentException("negative job duration");
            data = data == null ? Map.of() : Map.copyOf(data);
        }
    }
}
