package io.hyperv4j.scvmm.monitor;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of an alarm table's history.
 *
 * @param time   when it happened
 * @param kind   what happened
 * @param alarm  the alarm's name
 * @param vm     the VM it is about ("" when none)
 * @param action the action's description ("" for alarm changes)
 * @param detail what happened, in words (a failure's message, a probe's detail)
 * @param skip   why the action was skipped (null unless {@code kind} is {@link Kind#ACTION_SKIPPED})
 */
public record MonitorEvent(Instant time, Kind kind, String alarm, String vm, String action, String detail, SkipReason skip) {
    /** What happened. */
    public enum Kind {
        /** The alarm went abnormal (failure detected). */
        FIRED,
        /** The alarm went back to normal (recovery detected). */
        RECOVERED,
        /** A bound action started. */
        ACTION_STARTED,
        /** A bound action ended well. */
        ACTION_SUCCEEDED,
        /** A bound action failed; {@code detail} says why. */
        ACTION_FAILED,
        /** A guarded action was not run; {@code skip} says why. */
        ACTION_SKIPPED
    }

    /**
     * Checks the values.
     *
     * @param time   when it happened
     * @param kind   what happened
     * @param alarm  the alarm's name
     * @param vm     the VM it is about
     * @param action the action's description
     * @param detail what happened, in words
     * @param skip   why the action was skipped
     */
    public MonitorEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.ACTION_SKIPPED) != (skip != null))
            throw new IllegalArgumentException("a skip, and only a skip, has a reason: " + kind + " / " + skip);
    }

    @Override
    public String toString() {
        return time + " " + kind + " " + alarm + (vm.isEmpty() ? "" : " vm=" + vm) + (action.isEmpty() ? "" : " action=" + action)
                + (skip == null ? "" : " skip=" + skip) + (detail.isEmpty() ? "" : " : " + detail);
    }
}
