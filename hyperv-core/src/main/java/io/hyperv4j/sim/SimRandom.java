package io.hyperv4j.sim;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

/**
 * The lab's one source of random choices (SplitMix64): the same seed and the same calls give the
 * same results, and its whole state is one long, so a saved lab goes on with the same sequence.
 * Not thread-safe on its own: use it under the lab lock.
 */
public final class SimRandom {
    private long state;

    /**
     * A source starting from {@code seed}; the same seed gives the same sequence.
     *
     * @param seed the seed (or a saved {@link #state()})
     */
    public SimRandom(long seed) {
        this.state = seed;
    }

    /**
     * The state to save; {@code new SimRandom(state())} continues the same sequence.
     *
     * @return the state
     */
    public long state() {
        return state;
    }

    /**
     * The next value (SplitMix64).
     *
     * @return a uniformly distributed long
     */
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Uniform in [0, 1).
     *
     * @return the value
     */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * Uniform in [0, bound).
     *
     * @param bound the exclusive upper bound, positive
     * @return the value
     */
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive");
        return (int) ((nextLong() >>> 1) % bound);
    }

    /**
     * {@code base} stretched by a uniform factor in [1 - spread, 1 + spread].
     *
     * @param base   the duration
     * @param spread the relative spread, e.g. 0.1 for plus or minus 10%
     * @return the stretched duration
     */
    public Duration jitter(Duration base, double spread) {
        double f = 1 + spread * (2 * nextDouble() - 1);
        return Duration.ofNanos(Math.max(0, (long) (base.toNanos() * f)));
    }

    /**
     * A random (version 4) GUID in the upper-case form Hyper-V uses for VM and job ids.
     *
     * @return the GUID
     */
    public String nextGuid() {
        long hi = (nextLong() & ~0xF000L) | 0x4000L;
        long lo = (nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo).toString().toUpperCase(Locale.ROOT);
    }
}
