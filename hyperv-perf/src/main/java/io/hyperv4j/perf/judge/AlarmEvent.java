package io.hyperv4j.perf.judge;

import io.hyperv4j.perf.CounterPath;
import java.time.Instant;

/** A change of an alarm's state. */
public record AlarmEvent(Kind kind, ThresholdRule rule, CounterPath counter, double value, double limit, Instant time,
                         AlarmState state) {

    public enum Kind {
        RAISED,
        CLEARED,
        ACKNOWLEDGED
    }

    public Severity severity() {
        return rule.severity();
    }

    @Override
    public String toString() {
        return time + " " + kind + " " + rule.severity() + " " + counter + " = " + value + " (" + rule.comparison().symbol() + " " + limit + ", " + rule.id() + ")";
    }
}
