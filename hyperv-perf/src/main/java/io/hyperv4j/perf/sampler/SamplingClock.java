package io.hyperv4j.perf.sampler;

import java.time.Instant;

/**
 * The time the sampler runs on: the system clock in production, a virtual clock in tests and on
 * the simulator (sleeping advances it, so a 15-minute window samples in milliseconds).
 */
public interface SamplingClock {

    /** Now, in milliseconds since the Unix epoch. */
    long millis();

    /** Blocks (or, on a virtual clock, advances) until {@code targetMillis}. */
    void sleepUntil(long targetMillis) throws InterruptedException;

    default Instant now() {
        return Instant.ofEpochMilli(millis());
    }

    /** The wall clock. */
    static SamplingClock system() {
        return SystemClock.INSTANCE;
    }

    /** A virtual clock starting at {@code startMillis} that advances only when slept on or told to. */
    static VirtualClock virtual(long startMillis) {
        return new VirtualClock(startMillis);
    }

    /** The wall clock. */
    enum SystemClock implements SamplingClock {
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
