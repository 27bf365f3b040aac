package io.hyperv4j.perf.judge;

import io.hyperv4j.perf.CounterPath;
import java.time.Instant;

/**
 * A change of an alarm's state.
 *
 * @param kind    what happened
 * @param rule    the rule the alarm is for
 * @param counter the concrete counter it is on
 * @param value   the sample's value that caused the change
 * @param limit   the rule's limit on that host
 * @param time    the sample's time
 * @param state   the alarm's state after the change
 */
public record AlarmEvent(Kind kind, ThresholdRule rule, CounterPath counter, double value, double limit, Instant time,
                         AlarmState state) {

    /** What happened to the alarm. */
    public enum Kind {
        /** Breached for as many samples as the alarm needs. */
        RAISED,
        /** Back on the safe side (beyond the hysteresis band) for as many samples as it needs. */
        CLEARED,
        /** Acknowledged through {@link AlarmManager#acknowledge}. */
        ACKNOWLEDGED
    }

    /**
     * The rule's severity.
     *
     * @return the severity
     */
    public Severity severity() {
        return rule.severity();
    }

    @Override
    public String toString() {
        return time + " " + kind + " " + rule.severity() + " " + counter + " = " + value + " (" + rule.comparison().symbol() + " " + limit + ", " + rule.id() + ")";
    }
}
