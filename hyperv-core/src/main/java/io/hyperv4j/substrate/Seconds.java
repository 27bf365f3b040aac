package io.hyperv4j.substrate;

import java.time.Duration;

/**
 * Durations from and to seconds without silent loss: {@code Duration.ofNanos(Math.round(s * 1e9))}
 * clips at Long.MAX_VALUE nanoseconds (292 years) and turns NaN into zero; these are exact to the
 * nanosecond for any time a Duration holds and fail loudly otherwise.
 */
public final class Seconds {
    private Seconds() {
    }

    /**
     * Seconds as a Duration, exact to the nanosecond and never clipped.
     *
     * @param seconds the length in seconds
     * @return the duration
     * @throws ArithmeticException when it is negative, not a number, or longer than a Duration holds
     */
    public static Duration of(double seconds) {
        if (!(seconds >= 0) || seconds >= 9.2e18)
            throw new ArithmeticException("a duration of " + seconds + " s is negative, not a number or too long");
        long whole = (long) Math.floor(seconds);
        return Duration.ofSeconds(whole, Math.round((seconds - whole) * 1e9));
    }

    /**
     * A duration in seconds, for any Duration ({@code toNanos()} overflows past 292 years).
     *
     * @param d the duration
     * @return its length in seconds
     */
    public static double in(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }
}
