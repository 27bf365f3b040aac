package io.hyperv4j.cim;

/**
 * CIM_ConcreteJob.JobState, as Msvm_ConcreteJob documents it (MSDOCS HyperV_v2 msvm-concretejob;
 * wmi-facts A.3): 2 New, 3 Starting, 4 Running, 5 Suspended, 6 Shutting Down, 7 Completed,
 * 8 Terminated, 9 Killed, 10 Exception, 11 Service; 32768 is read as "completed with warnings",
 * as os-win does. The one enum for both sides: the simulator's jobs and the typed API's reading.
 */
public enum JobState {
    /** 2: created, not started. */
    NEW(2),
    /** 3: starting. */
    STARTING(3),
    /** 4: running. */
    RUNNING(4),
    /** 5: suspended. */
    SUSPENDED(5),
    /** 6: shutting down. */
    SHUTTING_DOWN(6),
    /** 7: completed successfully. */
    COMPLETED(7),
    /** 8: terminated by a request. */
    TERMINATED(8),
    /** 9: killed. */
    KILLED(9),
    /** 10: ended abnormally. */
    EXCEPTION(10),
    /** 11: in service. */
    SERVICE(11),
    /** 32768: completed with warnings (a vendor value, read as os-win reads it). */
    COMPLETED_WITH_WARNINGS(32768),
    /** A number the schema does not list. */
    UNKNOWN(-1);

    private final int value;

    JobState(int value) {
        this.value = value;
    }

    /**
     * The JobState number.
     *
     * @return the value as the schema lists it
     */
    public int value() {
        return value;
    }

    /**
     * The state of a JobState number.
     *
     * @param value the number
     * @return its state; UNKNOWN for one the schema does not list
     */
    public static JobState of(long value) {
        for (JobState s : values()) if (s.value == value) return s;
        return UNKNOWN;
    }

    /**
     * Whether the job never leaves this state.
     *
     * @return true for completed (with or without warnings), terminated, killed, exception
     */
    public boolean isTerminal() {
        return this == COMPLETED || this == COMPLETED_WITH_WARNINGS || isFailure();
    }

    /**
     * Whether this state is a failure.
     *
     * @return true for 8 Terminated, 9 Killed, 10 Exception
     */
    public boolean isFailure() {
        return this == TERMINATED || this == KILLED || this == EXCEPTION;
    }
}
