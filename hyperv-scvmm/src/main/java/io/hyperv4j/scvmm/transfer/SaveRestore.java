package io.hyperv4j.scvmm.transfer;

import java.time.Duration;

/**
 * How long Hyper-V takes to save a VM's memory to its storage and to restore it: a fixed part and
 * the memory at a rate. Shared by both transfers, so their outages grow with memory the same way.
 *
 * @param fixed            taking the VM offline or online around the copy of memory
 * @param saveMiBPerSecond writing the memory to the VM's storage
 * @param restoreMiBPerSecond reading it back
 */
public record SaveRestore(Duration fixed, double saveMiBPerSecond, double restoreMiBPerSecond) {
    /**
     * Seed 000's hosts (Windows Server 2008 R2, AMS2300 RAID 5): 13 s to save and 8 s to restore
     * 6 GB, the split hyperv-perf's Seed000Workloads fitted to Tables 4-5 and 4-6.
     */
    public static final SaveRestore CALIBRATED = new SaveRestore(Duration.ZERO, 6144.0 / 13, 6144.0 / 8);

    public SaveRestore {
        if (fixed.isNegative() || !(saveMiBPerSecond > 0) || !(restoreMiBPerSecond > 0))
            throw new IllegalArgumentException("save/restore: a negative overhead or a rate that is not positive");
    }

    public Duration save(long memoryBytes) {
        return fixed.plus(TransferPlan.seconds(memoryBytes / (saveMiBPerSecond * (1 << 20))));
    }

    public Duration restore(long memoryBytes) {
        return fixed.plus(TransferPlan.seconds(memoryBytes / (restoreMiBPerSecond * (1 << 20))));
    }
}
