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

    /**
     * A model with these constants.
     *
     * @param parameters the constants
     */
    public QuickMigrationModel(Parameters parameters) {
        this.p = Objects.requireNonNull(parameters, "parameters");
    }

    /**
     * The model with {@link Parameters#CALIBRATED}.
     *
     * @return the model
     */
    public static QuickMigrationModel calibrated() {
        return new QuickMigrationModel(Parameters.CALIBRATED);
    }

    /**
     * The model's constants.
     *
     * @return the parameters
     */
    public Parameters parameters() {
        return p;
    }

    /**
     * How a quick migration of a VM with this much memory unfolds.
     *
     * @param memoryBytes the VM's memory, positive
     * @return the plan
     * @throws IllegalArgumentException when the memory is not positive
     */
    public Plan plan(long memoryBytes) {
        if (memoryBytes <= 0) throw new IllegalArgumentException("memory must be positive: " + memoryBytes);
        Duration save = p.saveOverhead().plus(LiveMigrationModel.seconds(memoryBytes / (p.saveMiBPerSecond() * MIB)));
        Duration restore = p.restoreOverhead().plus(LiveMigrationModel.seconds(memoryBytes / (p.restoreMiBPerSecond() * MIB)));
        return new Plan(save, p.ownershipMove(), restore);
    }

    /** Save, move of ownership, restore: the VM is down for all three. */
    public record Plan(Duration save, Duration move, Duration restore) {
        /**
         * Save, move and restore together.
         *
         * @return the duration
         */
        public Duration total() {
            return save.plus(move).plus(restore);
        }

        /**
         * How long the VM is unavailable: the whole migration.
         *
         * @return the outage
         */
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
        /** 450 MiB/s save, 554 MiB/s restore, 3 s offline, 6 s ownership move, 3 s online. */
        public static final Parameters CALIBRATED = new Parameters(450, 554, Duration.ofSeconds(3),
                Duration.ofSeconds(6), Duration.ofSeconds(3));

        /**
         * Validates the throughputs.
         *
         * @param saveMiBPerSecond    save throughput, positive
         * @param restoreMiBPerSecond restore throughput, positive
         * @param saveOverhead        offline time around the save
         * @param ownershipMove       the ownership move
         * @param restoreOverhead     online time around the restore
         * @throws IllegalArgumentException when a throughput is not positive
         */
        public Parameters {
            if (!(saveMiBPerSecond > 0) || !(restoreMiBPerSecond > 0))
                throw new IllegalArgumentException("storage throughput must be positive");
        }
    }
}
