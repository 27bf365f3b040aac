package io.hyperv4j.sim;

/** {@code CIM_ConcreteJob.JobState} values (wmi-facts A.3). */
public enum JobState {
    NEW(2), STARTING(3), RUNNING(4), SUSPENDED(5), SHUTTING_DOWN(6),
    COMPLETED(7), TERMINATED(8), KILLED(9), EXCEPTION(10), SERVICE(11);

    private final int value;

    JobState(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public boolean isFinished() {
        return this == COMPLETED || this == TERMINATED || this == KILLED || this == EXCEPTION;
    }

    public static JobState of(int v) {
        for (JobState s : values()) if (s.value == v) return s;
        throw new IllegalArgumentException("unknown JobState " + v);
    }
}
