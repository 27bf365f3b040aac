package io.hyperv4j.perf.sampler;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A deterministic clock: time moves only when someone sleeps on it or calls {@link #advance}.
 * Thread-safe; time never goes back.
 */
public final class VirtualClock implements SamplingClock {
    private final AtomicLong now;

    VirtualClock(long startMillis) {
        now = new AtomicLong(startMillis);
    }

    @Override
    public long millis() {
        return now.get();
    }

    @Override
    public void sleepUntil(long targetMillis) {
        now.accumulateAndGet(targetMillis, Math::max);
    }

    /**
     * Moves time forward.
     *
     * @param millis how far, at least 0
     * @throws IllegalArgumentException if {@code millis} is negative
     */
    public void advance(long millis) {
        if (millis < 0) throw new IllegalArgumentException("cannot go back in time: " + millis + " ms");
        now.addAndGet(millis);
    }
}
