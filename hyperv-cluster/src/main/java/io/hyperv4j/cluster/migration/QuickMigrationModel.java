package io.hyperv4j.cluster.migration;

import io.hyperv4j.substrate.StorageModel;
import java.time.Duration;
import java.util.Objects;

/**
 * Quick migration (planned failover): the job prepares the move while the VM still runs, the VM's
 * memory is saved to shared storage, the group and its storage change owner, the destination
 * restores the saved state, and the job finishes while the VM runs again. The VM is unavailable
 * (no ping) from the start of the save to the end of the restore only: seed 001 measured 15 s of
 * ping loss in a 45 s quick migration. Save and restore rates come from the one
 * {@link StorageModel}.
 */
public final class QuickMigrationModel {
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
        Limits.within("VM memory (bytes)", memoryBytes, 1, Limits.MAX_VM_MEMORY_BYTES);
        return new Plan(p.prepare(), p.storage().save(memoryBytes), p.ownershipMove(), p.storage().restore(memoryBytes), p.finish());
    }

    /**
     * Prepare (VM running), save, move of ownership, restore (VM down for these three), finish (VM running).
     *
     * @param prepare the job's work before the save
     * @param save    saving the memory image
     * @param move    moving ownership to the destination
     * @param restore restoring the memory image
     * @param finish  the job's work after the restore
     */
    public record Plan(Duration prepare, Duration save, Duration move, Duration restore, Duration finish) {
        /**
         * When the save starts: the VM stops answering.
         *
         * @return the time from the job's start
         */
        public Duration saveStart() {
            return prepare;
        }

        /**
         * The job's length, start to end, as the console reports it.
         *
         * @return the duration
         */
        public Duration total() {
            return prepare.plus(outage()).plus(finish);
        }

        /**
         * The time the VM does not answer: save, ownership move, restore.
         *
         * @return the outage
         */
        public Duration outage() {
            return save.plus(move).plus(restore);
        }
    }

    /**
     * @param storage       the array the memory image is saved to and restored from
     * @param prepare       the job's work before the save (the VM runs): checks, the destination's placement
     * @param ownershipMove moving the group and its disk to the destination node (the VM is down)
     * @param finish        the job's work after the restore (the VM runs): bringing the resources online, refresh
     */
    public record Parameters(StorageModel storage, Duration prepare, Duration ownershipMove, Duration finish) {
        /**
         * Seed 001: 45 s for the 8 GB VM, 15 s of it without ping: save 8.05 s + hand-over 2 s +
         * restore 4.95 s = 15 s; the 30 s the job spends around them split evenly (the paper gives no split).
         */
        public static final Parameters CALIBRATED = new Parameters(StorageModel.CALIBRATED, Duration.ofSeconds(15),
                Duration.ofSeconds(2), Duration.ofSeconds(15));

        /**
         * Validates the steps.
         *
         * @param storage       the array the memory image is saved to and restored from
         * @param prepare       the job's work before the save
         * @param ownershipMove moving the group and its disk
         * @param finish        the job's work after the restore
         * @throws IllegalArgumentException when a step is negative or longer than a day
         */
        public Parameters {
            Objects.requireNonNull(storage, "storage");
            Limits.step("prepare", prepare);
            Limits.step("ownership move", ownershipMove);
            Limits.step("finish", finish);
        }
    }
}
