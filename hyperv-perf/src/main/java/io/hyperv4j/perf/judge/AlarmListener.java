package io.hyperv4j.perf.judge;

/**
 * Told of every alarm change, on the sampler's thread. A listener may act (throttle a copy, move a
 * VM, stop a backup); an exception it throws is logged and does not stop the others.
 */
@FunctionalInterface
public interface AlarmListener {
    /**
     * Called for each change.
     *
     * @param event the change
     */
    void onAlarm(AlarmEvent event);
}
