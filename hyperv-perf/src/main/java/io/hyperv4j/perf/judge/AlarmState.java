package io.hyperv4j.perf.judge;

/** Where an alarm is in its life. */
public enum AlarmState {
    /** The counter is on the safe side. */
    NORMAL,
    /** Breached, but not yet for as many samples as the alarm needs. */
    PENDING,
    /** Raised. */
    ACTIVE,
    /** Raised and acknowledged by someone; clears like an active alarm. */
    ACKNOWLEDGED
}
