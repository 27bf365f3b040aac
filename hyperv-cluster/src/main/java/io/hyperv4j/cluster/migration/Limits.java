package io.hyperv4j.cluster.migration;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds every model input and parameter is checked against where it is set, so that a bad
 * value fails at once, naming itself, instead of in a later migration, and so that no model can
 * produce a negative, NaN or overflowing duration. Model records throw
 * {@link IllegalArgumentException}; the lab's settings (cluster.sim.ClusterLab) turn the same check
 * into the cluster's PARAMETER_OUT_OF_BOUNDS refusal.
 *
 * <p>The per-VM limits are Hyper-V's ("Plan for Hyper-V scalability in Windows Server"): 12 TB of
 * memory, and 4 SCSI controllers of 64 disks plus 2 IDE controllers of 2 disks, so 260 disks a VM
 * can have attached, pass-through disks included.
 */
public final class Limits {
    /** The most memory a Hyper-V VM can have (12 TB, Windows Server 2016 and later, generation 2). */
    public static final long MAX_VM_MEMORY_BYTES = 12L << 40;
    /** The most disks a VM can have attached: 4 SCSI controllers × 64 + 2 IDE controllers × 2. */
    public static final int MAX_DISKS_PER_VM = 4 * 64 + 2 * 2;
    /** Link speeds above 1 Tb/s exist on no Ethernet (the fastest standard is 800 GbE). */
    public static final double MAX_LINK_BITS_PER_SECOND = 1e12;
    /** The slowest link a model accepts: 1 kb/s (slower than any network Hyper-V migrates over, yet finite). */
    public static final double MIN_LINK_BITS_PER_SECOND = 1e3;
    /** Storage rates a model accepts, in MiB/s: from 1 KiB/s to 1 TiB/s. */
    public static final double MIN_STORAGE_MIB_PER_SECOND = 1.0 / 1024, MAX_STORAGE_MIB_PER_SECOND = 1 << 20;
    /** A round trip longer than this is no network a migration can run over (TCP gives up first). */
    public static final Duration MAX_ROUND_TRIP = Duration.ofMinutes(1);
    /** The longest fixed step a model parameter may set (setup, overheads, pauses): no step of a move waits a day. */
    public static final Duration MAX_STEP = Duration.ofDays(1);

    private Limits() {
    }

    /**
     * Checks a number lies within a range.
     *
     * @param what  the parameter's name, for the message
     * @param value the value
     * @param min   the least allowed (finite)
     * @param max   the most allowed (finite)
     * @return {@code value}
     * @throws IllegalArgumentException when it is outside the range or not a number
     */
    public static double between(String what, double value, double min, double max) {
        if (!(value >= min) || !(value <= max))
            throw new IllegalArgumentException(what + " must be within " + min + ".." + max + ": " + value);
        return value;
    }

    /**
     * Checks a number is finite and not negative.
     *
     * @param what  the parameter's name, for the message
     * @param value the value
     * @return {@code value}
     * @throws IllegalArgumentException when it is negative, infinite or not a number
     */
    public static double notNegative(String what, double value) {
        if (!(value >= 0) || Double.isInfinite(value))
            throw new IllegalArgumentException(what + " must be finite and not negative: " + value);
        return value;
    }

    /**
     * Checks a count lies within a range.
     *
     * @param what  the parameter's name, for the message
     * @param value the value
     * @param min   the least allowed
     * @param max   the most allowed
     * @return {@code value}
     * @throws IllegalArgumentException when it is outside the range
     */
    public static long within(String what, long value, long min, long max) {
        if (value < min || value > max)
            throw new IllegalArgumentException(what + " must be within " + min + ".." + max + ": " + value);
        return value;
    }

    /**
     * Checks a duration is present and not negative.
     *
     * @param what the parameter's name, for the message
     * @param d    the duration
     * @return {@code d}
     * @throws IllegalArgumentException when it is negative
     */
    public static Duration notNegative(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) throw new IllegalArgumentException(what + " must not be negative: " + d);
        return d;
    }

    /**
     * Checks a model's fixed step: present, not negative, at most {@link #MAX_STEP}.
     *
     * @param what the parameter's name, for the message
     * @param d    the duration
     * @return {@code d}
     * @throws IllegalArgumentException when it is negative or too long
     */
    public static Duration step(String what, Duration d) {
        notNegative(what, d);
        if (d.compareTo(MAX_STEP) > 0) throw new IllegalArgumentException(what + " must be at most " + MAX_STEP + ": " + d);
        return d;
    }

    /**
     * Checks a duration is present and above zero.
     *
     * @param what the parameter's name, for the message
     * @param d    the duration
     * @return {@code d}
     * @throws IllegalArgumentException when it is zero or negative
     */
    public static Duration positive(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(what + " must be positive: " + d);
        return d;
    }

    /**
     * {@code seconds} as a Duration, exact to the nanosecond and never clipped: a value that is not
     * finite, negative, or longer than Duration can hold fails instead of saturating.
     *
     * @param seconds the length in seconds
     * @return the duration
     * @throws ArithmeticException when it is negative, not a number or too long
     */
    public static Duration seconds(double seconds) {
        return io.hyperv4j.substrate.Seconds.of(seconds);
    }

    /**
     * A duration in seconds, for any Duration (toNanos() overflows past 292 years).
     *
     * @param d the duration
     * @return its length in seconds
     */
    public static double toSeconds(Duration d) {
        return io.hyperv4j.substrate.Seconds.in(d);
    }
}
