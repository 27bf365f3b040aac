package io.hyperv4j.cim;

/**
 * CIM_ConcreteJob.JobState, as Msvm_ConcreteJob documents it (MSDOCS HyperV_v2 msvm-concretejob;
 * wmi-facts A.3): 2 New, 3 Starting, 4 Running, 5 Suspended, 6 Shutting Down, 7 Completed,
 * 8 Terminated, 9 Killed, 10 Exception, 11 Service; 32768 is read as "completed with warnings",
 * as os-win does. The one enum for both sides: the simulator's jobs and the typed API's reading.
 */
public enum JobState {
    NEW(2), STARTING(3), RUNNING(4), SUSPENDED(5), SHUTTING_DOWN(6), COMPLETED(7), TERMINATED(8),
    KILLED(9), EXCEPTION(10), SERVICE(11), COMPLETED_WITH_WARNINGS(32768), UNKNOWN(-1);

    private final int value;

    JobState(int value) {
        this.value = value;
    }

    /** The JobState number. */
    public int value() {
        return value;
    }

    /** The state of a JobState number; UNKNOWN for one the schema does not list. */
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
