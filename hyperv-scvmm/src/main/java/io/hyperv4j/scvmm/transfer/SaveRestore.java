package io.hyperv4j.scvmm.transfer;

import io.hyperv4j.substrate.StorageModel;
import java.time.Duration;
import java.util.Objects;

/**
 * How long Hyper-V takes to save a VM's memory to its storage and to restore it, as the
 * management server's transfers see it: the memory at the lab's storage rates (the one
 * {@link StorageModel} quick migration and saved state use) plus the work around the copy of
 * memory (taking the VM offline or online, the management server's own steps). Shared by both
 * transfers, so their outages grow with memory the same way and at the same rates as a quick
 * migration's.
 *
 * @param saveFixed    the work around writing the memory
 * @param restoreFixed the work around reading it back
 * @param storage      the storage's rates
 */
public record SaveRestore(Duration saveFixed, Duration restoreFixed, StorageModel storage) {
    /** Seed 000's SAN transfer of its 6 GiB VM: 13 s to save and 8 s to restore (Tables 4-5 and 4-6). */
    private static final long SEED000_MEMORY = 6L << 30;

    /**
     * Seed 000's hosts (Windows Server 2008 R2, AMS2300 RAID 5): the storage model's rates, and
     * around them what makes the 6 GiB VM's save 13 s and restore 8 s, as hyperv-perf's
     * Seed000Workloads fitted to Tables 4-5 and 4-6 (6.97 s and 4.29 s).
     */
    public static final SaveRestore CALIBRATED = new SaveRestore(
            Duration.ofSeconds(13).minus(StorageModel.CALIBRATED.save(SEED000_MEMORY)),
            Duration.ofSeconds(8).minus(StorageModel.CALIBRATED.restore(SEED000_MEMORY)), StorageModel.CALIBRATED);

    /**
     * Validates the overheads.
     *
     * @param saveFixed    the work around the save, not negative
     * @param restoreFixed the work around the restore, not negative
     * @param storage      the storage's rates
     * @throws IllegalArgumentException when an overhead is negative
     */
    public SaveRestore {
        Objects.requireNonNull(storage, "storage");
        if (saveFixed.isNegative() || restoreFixed.isNegative())
            throw new IllegalArgumentException("save/restore: a negative overhead (" + saveFixed + ", " + restoreFixed + ")");
    }

    /**
     * How long saving this much memory takes.
     *
     * @param memoryBytes the memory
     * @return the duration
     */
    public Duration save(long memoryBytes) {
        return saveFixed.plus(storage.save(memoryBytes));
    }

    /**
     * How long restoring this much memory takes.
     *
     * @param memoryBytes the memory
     * @return the duration
     */
    public Duration restore(long memoryBytes) {
        return restoreFixed.plus(storage.restore(memoryBytes));
    }
}
