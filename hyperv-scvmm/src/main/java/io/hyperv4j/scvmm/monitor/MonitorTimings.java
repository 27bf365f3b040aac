package io.hyperv4j.scvmm.monitor;

import java.time.Duration;
import java.util.Objects;

/**
 * Delays between a probe's result and the alarm table acting on it.
 *
 * @param alarmLatency from a probe result to the alarm changing state (the remote monitor reporting to its manager)
 * @param dispatch     from an alarm firing to its actions starting on the management server (command, script start)
 */
public record MonitorTimings(Duration alarmLatency, Duration dispatch) {
    /**
     * Checks the values.
     *
     * @param alarmLatency from a probe result to the alarm changing state
     * @param dispatch     from an alarm firing to its actions starting
     */
    public MonitorTimings {
        Objects.requireNonNull(alarmLatency, "alarmLatency");
        Objects.requireNonNull(dispatch, "dispatch");
        if (alarmLatency.isNegative() || dispatch.isNegative())
            throw new IllegalArgumentException("timings cannot be negative: latency " + alarmLatency + ", dispatch " + dispatch);
    }

    /**
     * Seed 001's calibration: with a 60 s poll and a 6 s connection timeout, a 30 s latency gives the
     * paper's 66 s mean detection (30 s to the next poll + 6 + 30) and 126 s from detection to
     * recovery detection (the third poll, 2 x (60 + 6) s after the first failed one).
     *
     * @return the calibrated timings
     */
    public static MonitorTimings seed001() {
        return new MonitorTimings(Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    /**
     * No delay: the alarm changes with the probe's result and actions start at once.
     *
     * @return immediate timings
     */
    public static MonitorTimings immediate() {
        return new MonitorTimings(Duration.ZERO, Duration.ZERO);
    }
}
