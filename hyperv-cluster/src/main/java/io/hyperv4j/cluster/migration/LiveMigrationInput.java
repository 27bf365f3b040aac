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

    public static LiveMigrationInput of(long memoryBytes, Workload workload, MigrationLink link) {
        return new LiveMigrationInput(memoryBytes, workload.dirtyBytesPerSecond(),
                workload.workingSetBytes(memoryBytes), 0, link, Optional.empty());
    }

    public LiveMigrationInput withPassThroughDisks(int n) {
        return new LiveMigrationInput(memoryBytes, dirtyBytesPerSecond, writableWorkingSetBytes, n, link, blackoutLimit);
    }

    public LiveMigrationInput withBlackoutLimit(Duration limit) {
        return new LiveMigrationInput(memoryBytes, dirtyBytesPerSecond, writableWorkingSetBytes, passThroughDisks, link,
                Optional.of(limit));
    }

    public LiveMigrationInput withLink(MigrationLink l) {
        return new LiveMigrationInput(memoryBytes, dirtyBytesPerSecond, writableWorkingSetBytes, passThroughDisks, l, blackoutLimit);
    }

    public LiveMigrationInput withDirtyRate(double bytesPerSecond) {
        return new LiveMigrationInput(memoryBytes, bytesPerSecond, writableWorkingSetBytes, passThroughDisks, link, blackoutLimit);
    }
}
