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
    private final Duration duration;
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

    /** The job's GUID: {@code InstanceID}. */
    public String id() { return id; }
    public String hostName() { return hostName; }
    public String operation() { return operation; }
    public int jobType() { return jobType; }
    public String caption() { return caption; }
    public String description() { return description; }
    public boolean cancellable() { return cancellable; }
    /** The VM the job works on ({@code Msvm_AffectedJobElement}), or null. */
    public String affectedVmId() { return affectedVmId; }
    public Instant submitted() { return submitted; }
    public Instant started() { return started; }
    /** When it reached a final state, or null while it runs. */
    public Instant ended() { return ended; }
    public Duration duration() { return duration; }
    public JobState state() { return state; }
    public int percentComplete() { return percent; }
    public int errorCode() { return errorCode; }
    public String errorSummary() { return errorSummary; }
    public String errorDescription() { return errorDescription; }
    public boolean removed() { return removed; }
    /** Operation-specific values the handler needs (the state to return to on cancel, ...). */
    public String data(String key) { return data.get(key); }
    Map<String, String> allData() { return data; }

    /** How long it has run: up to now while running, its total once finished. */
    public Duration elapsed(Instant now) {
        Instant end = ended != null ? ended : now;
        return end.isBefore(started) ? Duration.ZERO : Duration.between(started, end);
    }

    /** When the job disappears: {@link Jobs#TIME_BEFORE_REMOVAL} after it ends. */
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
        public JobSpec {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(caption, "caption");
            description = description == null ? caption : description;
            if (duration.isNegative()) throw new IllegalArgumentException("negative job duration");
            data = data == null ? Map.of() : Map.copyOf(data);
        }
    }
}
