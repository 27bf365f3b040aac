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
        Limits.within("VM memory (bytes)", memoryBytes, 1, Limits.MAX_VM_MEMORY_BYTES);
        Limits.notNegative("dirty rate (bytes/s)", dirtyBytesPerSecond);
        Limits.within("writable working set (bytes)", writableWorkingSetBytes, 0, Long.MAX_VALUE);
        writableWorkingSetBytes = Math.min(writableWorkingSetBytes, memoryBytes);
        Limits.within("pass-through disks", passThroughDisks, 0, Limits.MAX_DISKS_PER_VM);
        Objects.requireNonNull(link, "link");
        blackoutLimit = blackoutLimit == null ? Optional.empty() : blackoutLimit;
        blackoutLimit.ifPresent(l -> Limits.positive("blackout limit", l));
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
