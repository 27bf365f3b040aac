package io.hyperv4j.scvmm.monitor;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of one probe attempt.
 *
 * @param ok     whether the service answered
 * @param took   how long the attempt took (the timeout when it timed out)
 * @param detail what happened, for the history ("connected", "connection timed out after 6 s")
 */
public record ProbeResult(boolean ok, Duration took, String detail) {
    /**
     * Checks the values.
     *
     * @param ok     whether the service answered
     * @param took   how long the attempt took
     * @param detail what happened
     */
    public ProbeResult {
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(detail, "detail");
        if (took.isNegative()) throw new IllegalArgumentException("a probe cannot take a negative time, got " + took);
    }
}
