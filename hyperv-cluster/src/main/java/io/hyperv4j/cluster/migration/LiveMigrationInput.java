package io.hyperv4j.cluster.migration;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a live migration depends on.
 *
 * @param memoryBytes            the VM's assigned memory (all of it is copied in the first round)
 * @param dirtyBytesPerSecond    how fast the guest's workload writes memory while it runs
 * @param writableWorkingSetBytes the most memory the workload keeps rewriting: pages dirtied in one
 *                               interval are at most this many, however long the interval
 * @param passThroughDisks       physical disks attached to the VM directly; the VM stays paused
 *                               until their ownership has moved
 * @param link                   the live-migration network
 * @param blackoutLimit          when present, a migration whose final pause would exceed it is
 *                               cancelled before the VM is paused (it keeps running on the source)
 */
public record LiveMigrationInput(long memoryBytes, double dirtyBytesPerSecond, long writableWorkingSetBytes,
                                 int passThroughDisks, MigrationLink link, Optional<Duration> blackoutLimit) {
    /**
     * Validates every field; the working set is capped at the memory and a null limit is empty.
     *
     * @param memoryBytes             the VM's assigned memory, positive
     * @param dirtyBytesPerSecond     the guest's dirty rate, finite and not negative
     * @param writableWorkingSetBytes the memory the workload keeps rewriting, not negative
     * @param passThroughDisks        pass-through disks, not negative
     * @param link                    the live-migration network
     * @param blackoutLimit           the longest pause allowed (positive), or empty
     * @throws IllegalArgumentException naming the field that is out of range
     */
    public LiveMigrationInput {
        if (memoryBytes <= 0) throw new IllegalArgumentException("memory must be positive: " + memoryBytes);
        if (!(dirtyBytesPerSecond >= 0) || Double.isInfinite(dirtyBytesPerSecond))
            throw new IllegalArgumentException("dirty rate must be finite and not negative: " + dirtyBytesPerSecond);
        if (writableWorkingSetBytes < 0) throw new IllegalArgumentException("negative working set: " + writableWorkingSetBytes);
        writableWorkingSetBytes = Math.min(writableWorkingSetBytes, memoryBytes);
        if (passThroughDisks < 0) throw new IllegalArgumentException("negative pass-through disk count: " + passThroughDisks);
        Objects.requireNonNull(link, "link");
        blackoutLimit = blackoutLimit == null ? Optional.empty() : blackoutLimit;
        blackoutLimit.ifPresent(l -> {
            if (l.isNegative() || l.isZero()) throw new IllegalArgumentException("blackout limit must be positive: " + l);
        });
    }

    /**
     * An input from a workload profile, with no pass-through disks and no blackout limit.
     *
     * @param memoryBytes the VM's memory
     * @param workload    how the guest writes memory
     * @param link        the live-migration network
     * @return the input
     */
    public static LiveMigrationInput of(long memoryBytes, Workload workload, MigrationLink link) {
        return new LiveMigrationInput(memoryBytes, workload.dirtyBytesPerSecond(),
                workload.workingSetBytes(memoryBytes), 0, link, Optional.empty());
    }

    /**
     * A copy with {@code n} pass-through disks.
     *
     * @param n the disk count
     * @return the new input
     */
    public LiveMigrationInput withPassThroughDisks(int n) {
        return new LiveMigrationInput(memoryBytes, dirtyBytesPerSecond, writableWorkingSetBytes, n, link, blackoutLimit);
    }

    /**
     * A copy with a blackout limit.
     *
     * @param limit the longest pause allowed, positive
     * @return the new input
     */
    public LiveMigrationInput withBlackoutLimit(Duration limit) {
        return new LiveMigrationInput(memoryBytes, dirtyBytesPerSecond, writableWorkingSetBytes, passThroughDisks, link,
                Optional.of(limit));
    }

    /**
     * A copy over another link.
     *
     * @param l the link
     * @return the new input
     */
    public LiveMigrationInput withLink(MigrationLink l) {
        return new LiveMigrationInput(memoryBytes, dirtyBytesPerSecond, writableWorkingSetBytes, passThroughDisks, l, blackoutLimit);
    }

    /**
     * A copy with another dirty rate.
     *
     * @param bytesPerSecond the dirty rate
     * @return the new input
     */
    public LiveMigrationInput withDirtyRate(double bytesPerSecond) {
        return new LiveMigrationInput(memoryBytes, bytesPerSecond, writableWorkingSetBytes, passThroughDisks, link, blackoutLimit);
    }
}
