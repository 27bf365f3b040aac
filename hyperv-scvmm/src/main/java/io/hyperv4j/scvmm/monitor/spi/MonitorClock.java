package io.hyperv4j.scvmm.monitor.spi;

import io.hyperv4j.cim.Subscription;
import java.time.Instant;

/**
 * The time an alarm table runs on: polls, alarm latency and action dispatch are scheduled on it. A
 * simulated lab gives its virtual clock (a 10-minute failover runs in milliseconds); production uses
 * a scheduler over the system clock.
 */
public interface MonitorClock {
    /**
     * Now.
     *
     * @return the time
     */
    Instant now();

    /**
     * Runs {@code task} at {@code at} (at once if that is past), on the clock's thread.
     *
     * @param at   when
     * @param task what to run
     * @return the registration; closing it cancels the task and throws nothing
     */
    Subscription at(Instant at, Runnable task);
}
