package io.hyperv4j.cluster;

import java.time.Duration;
import java.util.Objects;

/**
 * What the cluster does when a role's Virtual Machine resource fails (MSCluster_Resource
 * RestartAction, RestartThreshold, RestartPeriod): restart it on its node up to {@code threshold}
 * times within {@code period}; past that, {@link Action#RESTART_THEN_FAIL_OVER} fails the role over
 * to another node (within the role's failover policy) and {@link Action#RESTART} leaves it failed.
 * With VM heartbeat monitoring on, a VM whose guest heartbeat is lost is such a failure.
 *
 * @param action    RestartAction
 * @param threshold RestartThreshold: restarts allowed within the period
 * @param period    RestartPeriod (whole milliseconds on the wire)
 */
public record RestartPolicy(Action action, long threshold, Duration period) {
    /**
     * Failover Cluster Manager's defaults for a resource: restart on the current node, at most once in
     * 15 minutes, then fail the role over.
     */
    public static final RestartPolicy DEFAULT = new RestartPolicy(Action.RESTART_THEN_FAIL_OVER, 1, Duration.ofMinutes(15));

    /**
     * Checks the values.
     *
     * @param action    RestartAction
     * @param threshold restarts allowed within the period (0..4294967295)
     * @param period    the period (0..4294967295 ms)
     * @throws IllegalArgumentException naming the value out of range
     */
    public RestartPolicy {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(period, "period");
        if (threshold < 0 || threshold > 0xFFFF_FFFFL) throw new IllegalArgumentException("RestartThreshold must be 0..4294967295, got " + threshold);
        if (period.isNegative() || period.toMillis() > 0xFFFF_FFFFL) throw new IllegalArgumentException("RestartPeriod must be 0..4294967295 ms, got " + period);
    }

    /** MSCluster_Resource.RestartAction. */
    public enum Action implements Enums.Coded {
        /** 0: do not restart the resource after a failure. */
        DONT_RESTART(0),
        /** 1: restart it; past the threshold within the period, do not fail the role over. */
        RESTART(1),
        /** 2 (default): restart it; past the threshold within the period, fail the role over to another node. */
        RESTART_THEN_FAIL_OVER(2);

        private final long code;

        Action(long code) {
            this.code = code;
        }

        @Override
        public long code() {
            return code;
        }
    }
}
