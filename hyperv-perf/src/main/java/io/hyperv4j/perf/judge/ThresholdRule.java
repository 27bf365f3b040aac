package io.hyperv4j.perf.judge;

import io.hyperv4j.perf.CounterPath;
import java.util.Objects;

/**
 * "Counter compared with limit means severity": e.g. {@code \Memory\Pages/sec >= 500 -> WARNING}.
 * The pattern may hold wildcards and no host (then it applies on every host).
 *
 * @param id         short stable name, e.g. "memory.pages"
 * @param counter    counters the rule judges
 * @param comparison how value and limit compare
 * @param limit      the threshold
 * @param severity   what a breach means
 * @param advice     what to do about it
 */
public record ThresholdRule(String id, CounterPath counter, Comparison comparison, Limit limit, Severity severity, String advice) {

    /**
     * Requires every field but {@code advice}.
     *
     * @param id         short stable name
     * @param counter    counters the rule judges
     * @param comparison how value and limit compare
     * @param limit      the threshold
     * @param severity   what a breach means
     * @param advice     what to do about it, may be empty
     */
    public ThresholdRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(counter, "counter");
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(severity, "severity");
    }

    /**
     * Whether the rule judges this counter.
     *
     * @param concrete a counter without wildcards
     * @return whether the rule's pattern matches it
     */
    public boolean applies(CounterPath concrete) {
        return counter.matches(concrete);
    }

    /**
     * Whether {@code value} breaches the rule on a host.
     *
     * @param value the counter's value; NaN (no value) never breaches
     * @param facts the host's facts, for relative limits
     * @return whether it is breached
     */
    public boolean breached(double value, HostFacts facts) {
        return !Double.isNaN(value) && comparison.breached(value, limit.value(facts));
    }

    @Override
    public String toString() {
        return id + ": " + counter + " " + comparison.symbol() + " " + limit.describe() + " -> " + severity;
    }
}
