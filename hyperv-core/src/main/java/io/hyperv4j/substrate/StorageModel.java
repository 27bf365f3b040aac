package io.hyperv4j.substrate;

import java.time.Duration;

/**
 * How fast a host's storage takes a VM's memory image (saved state) and gives it back: the one
 * storage model quick migration, saving and restoring a VM, the SAN transfer and backups use, so
 * one array has one speed everywhere.
 *
 * <p>{@link #CALIBRATED} is fitted once to seeds 000 and 001 together (the same Hitachi AMS2300
 * array under both): seed 000's SAN transfer gives the ratio (its counters show 6 GiB saved in 13 s
 * and restored in 8 s), seed 001's quick migration gives the scale (15 s of ping loss for the 8 GB
 * VM, less the 2 s the cluster takes to hand the disk over): 8 GiB are saved in 8.05 s and
 * restored in 4.95 s, so 1,018 MiB/s and 1,654 MiB/s. See hyperv-cluster/docs/cluster.md.
 *
 * @param saveMiBPerSecond    writing the memory image
 * @param restoreMiBPerSecond reading it back
 */
public record StorageModel(double saveMiBPerSecond, double restoreMiBPerSecond) {
    /** Storage rates a model accepts, in MiB/s: from 1 KiB/s to 1 TiB/s. */
    public static final double MIN_MIB_PER_SECOND = 1.0 / 1024, MAX_MIB_PER_SECOND = 1 << 20;
    /** Seeds 000 and 001's array: 1,018 MiB/s saving, 1,654 MiB/s restoring. */
    public static final StorageModel CALIBRATED = new StorageModel(1018, 1654);
    private static final double MIB = 1 << 20;

    /**
     * Checks both rates.
     *
     * @param saveMiBPerSecond    writing the memory image
     * @param restoreMiBPerSecond reading it back
     * @throws IllegalArgumentException when a rate is outside {@link #MIN_MIB_PER_SECOND}..{@link #MAX_MIB_PER_SECOND}
     */
    public StorageModel {
        check("save rate (MiB/s)", saveMiBPerSecond);
        check("restore rate (MiB/s)", restoreMiBPerSecond);
    }

    private static void check(String what, double v) {
        if (!(v >= MIN_MIB_PER_SECOND && v <= MAX_MIB_PER_SECOND))
            throw new IllegalArgumentException(what + " must be within " + MIN_MIB_PER_SECOND + ".." + MAX_MIB_PER_SECOND + ": " + v);
    }

    /**
     * Writing memory to storage.
     *
     * @param bytes how much memory
     * @return how long it takes
     */
    public Duration save(long bytes) {
        return Seconds.of(checked(bytes) / (saveMiBPerSecond * MIB));
    }

    /**
     * Reading memory back from storage.
     *
     * @param bytes how much memory
     * @return how long it takes
     */
    public Duration restore(long bytes) {
        return Seconds.of(checked(bytes) / (restoreMiBPerSecond * MIB));
    }

    /**
     * Writing memory to storage, as a flow's demand on the storage's link.
     *
     * @return bytes per second
     */
    public double saveBytesPerSecond() {
        return saveMiBPerSecond * MIB;
    }

    /**
     * Reading memory back, as a flow's demand on the storage's link (and the link's throughput:
     * the array reads faster than it writes, so reading is what it can do at most).
     *
     * @return bytes per second
     */
    public double restoreBytesPerSecond() {
        return restoreMiBPerSecond * MIB;
    }

    private static long checked(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("bytes must not be negative: " + bytes);
        return bytes;
    }
}
