package io.hyperv4j.perf.sampler;

import java.time.Instant;

/**
 * The time the sampler runs on: the system clock in production, a virtual clock in tests and on
 * the simulator (sleeping advances it, so a 15-minute window samples in milliseconds). Both
 * implementations here are thread-safe.
 */
public interface SamplingClock {

    /**
     * Now, in milliseconds since the Unix epoch.
     *
     * @return the time
     */
    long millis();

    /**
     * Blocks (or, on a virtual clock, advances) until {@code targetMillis}.
     *
     * @param targetMillis the time to reach, in milliseconds since the Unix epoch
     * @throws InterruptedException if the thread is interrupted while blocked
     */
    void sleepUntil(long targetMillis) throws InterruptedException;

    /**
     * Now, as an instant.
     *
     * @return the time
     */
    default Instant now() {
        return Instant.ofEpochMilli(millis());
    }

    /**
     * The wall clock.
     *
     * @return the shared instance
     */
    static SamplingClock system() {
        return SystemClock.INSTANCE;
    }

    /**
     * A virtual clock starting at {@code startMillis} that advances only when slept on or told to.
     *
     * @param startMillis the start, in milliseconds since the Unix epoch
     * @return a new clock
     */
    static VirtualClock virtual(long startMillis) {
        return new VirtualClock(startMillis);
    }

    /** The wall clock. */
    enum SystemClock implements SamplingClock {
        /** The one instance. */
        INSTANCE;

        @Override
        public long millis() {
            return System.currentTimeMillis();
        }

        @Override
        public void sleepUntil(long targetMillis) throws InterruptedException {
            long wait;
            while ((wait = targetMillis - System.currentTimeMillis()) > 0) Thread.sleep(wait);
        }
    }
}
