package io.hyperv4j.job;

/**
 * Msvm_ConcreteJob.JobState (MSDOCS HyperV_v2 msvm-concretejob): 2 New, 3 Starting, 4 Running,
 * 5 Suspended, 6 Shutting Down, 7 Completed, 8 Terminated, 9 Killed, 10 Exception, 11 Service;
 * 32768 is read as "completed with warnings", as os-win does.
 */
public enum JobState {
    NEW(2), STARTING(3), RUNNING(4), SUSPENDED(5), SHUTTING_DOWN(6), COMPLETED(7), TERMINATED(8),
    KILLED(9), EXCEPTION(10), SERVICE(11), COMPLETED_WITH_WARNINGS(32768), UNKNOWN(-1);

    private final int value;

    JobState(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static JobState of(long value) {
        for (JobState s : values()) if (s.value == value) return s;
        return UNKNOWN;
    }

    /** True for states the job never leaves: completed (with or without warnings), terminated, killed, exception. */
    public boolean isTerminal() {
        return this == COMPLETED || this == COMPLETED_WITH_WARNINGS || isFailure();
    }

    /** 8 Terminated, 9 Killed, 10 Exception. */
    public boolean isFailure() {
        return this == TERMINATED || this == KILLED || this == EXCEPTION;
    }
}
