package io.hyperv4j.perf.judge;

import io.hyperv4j.perf.CounterPath;

/**
 * A rule breached by a counter's value over a window (or at one sample).
 *
 * @param rule    the rule breached
 * @param counter the concrete counter
 * @param value   its value (the window's mean)
 * @param limit   the rule's limit on that host
 */
public record Finding(ThresholdRule rule, CounterPath counter, double value, double limit) {

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
        return rule.severity() + " " + counter + " = " + value + " " + rule.comparison().symbol() + " " + limit
                + " (" + rule.id() + (rule.advice().isEmpty() ? "" : ": " + rule.advice()) + ")";
    }
}
