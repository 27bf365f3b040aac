package io.hyperv4j.cluster.migration;

import java.time.Duration;
import java.util.Objects;

/**
 * Quick migration (planned failover): the VM's memory is saved to shared storage, the group and its
 * storage change owner, and the destination restores the saved state. The VM is unavailable from
 * the start of the save to the end of the restore.
 */
public final class QuickMigrationModel {
    private static final double MIB = 1024 * 1024;
    private final Parameters p;

    public QuickMigrationModel(Parameters parameters) {
        this.p = Objects.requireNonNull(parameters, "parameters");
    }

    public static QuickMigrationModel calibrated() {
        return new QuickMigrationModel(Parameters.CALIBRATED);
    }

    public Parameters parameters() {
        return p;
    }

    public Plan plan(long memoryBytes) {
        Limits.within("VM memory (bytes)", memoryBytes, 1, Limits.MAX_VM_MEMORY_BYTES);
        Duration save = p.saveOverhead().plus(LiveMigrationModel.seconds(memoryBytes / (p.saveMiBPerSecond() * MIB)));
        Duration restore = p.restoreOverhead().plus(LiveMigrationModel.seconds(memoryBytes / (p.restoreMiBPerSecond() * MIB)));
        return new Plan(save, p.ownershipMove(), restore);
    }

    /** Save, move of ownership, restore: the VM is down for all three. */
    public record Plan(Duration save, Duration move, Duration restore) {
        public Duration total() {
            return save.plus(move).plus(restore);
        }

        public Duration outage() {
            return total();
        }
    }

    /**
     * @param saveMiBPerSecond    writing the memory image to shared storage
     * @param restoreMiBPerSecond reading it back on the destination
     * @param saveOverhead        taking the VM resource offline around the save
     * @param ownershipMove       moving the group and its disk to the destination node
     * @param restoreOverhead     bringing the VM resource online around the restore
     */
    public record Parameters(double saveMiBPerSecond, double restoreMiBPerSecond, Duration saveOverhead,
                             Duration ownershipMove, Duration restoreOverhead) {
        public static final Parameters CALIBRATED = new Parameters(450, 554, Duration.ofSeconds(3),
                Duration.ofSeconds(6), Duration.ofSeconds(3));

        public Parameters {
            Limits.between("save rate (MiB/s)", saveMiBPerSecond, Limits.MIN_STORAGE_MIB_PER_SECOND, Limits.MAX_STORAGE_MIB_PER_SECOND);
            Limits.between("restore rate (MiB/s)", restoreMiBPerSecond, Limits.MIN_STORAGE_MIB_PER_SECOND, Limits.MAX_STORAGE_MIB_PER_SECOND);
            Limits.step("save overhead", saveOverhead);
            Limits.step("ownership move", ownershipMove);
            Limits.step("restore overhead", restoreOverhead);
        }
    }
}
