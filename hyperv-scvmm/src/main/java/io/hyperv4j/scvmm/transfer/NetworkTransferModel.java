package io.hyperv4j.scvmm.transfer;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Network transfer (seed 000 section 3.3): the VM's files are copied to the destination while it
 * runs (BITS), then it is saved, its saved state and configuration follow, it is imported and
 * restored, and the source's files are deleted. The copy reads a chunk from the source's disk and
 * then sends it, one chunk at a time, so its rate is {@code 1 / (1/network + 1/disk)}: more
 * bandwidth always helps, less than proportionally. The outage holds the save, the saved state's
 * copy, the import and the restore: it grows with memory, never with the disks.
 * Pure and deterministic.
 */
public final class NetworkTransferModel {
    /** The plan's phase names. */
    public static final String VALIDATE = "Validate", COPY = "CopyFiles", SAVE = "SaveState", COPY_STATE = "CopySavedState",
            IMPORT = "ImportVm", RESTORE = "RestoreState", CLEANUP = "DeleteSourceFiles";
    private final Parameters p;

    /**
     * A model with these constants.
     *
     * @param parameters the constants
     */
    public NetworkTransferModel(Parameters parameters) {
        this.p = Objects.requireNonNull(parameters, "parameters");
    }

    /**
     * The model fitted to seed 000's network transfer.
     *
     * @return the model
     */
    public static NetworkTransferModel calibrated() {
        return new NetworkTransferModel(Parameters.CALIBRATED);
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
     * Bytes per second the copy moves over a link of {@code bitsPerSecond}.
     *
     * @param bitsPerSecond the link's line rate
     * @return the copy rate, bytes per second
     */
    public double copyRate(double bitsPerSecond) {
        return new io.hyperv4j.substrate.BitsCopy(p.protocolEfficiency(), p.sourceReadBytesPerSecond()).rate(bitsPerSecond);
    }

    /**
     * @param fileBytes     what is left to copy of the VM's disks and checkpoints (less on a resumed transfer)
     * @param configBytes   the configuration file, copied with the saved state
     * @param memoryBytes   the VM's memory
     * @param bitsPerSecond the network between the hosts
     * @return the plan, phase by phase
     */
    public TransferPlan plan(long fileBytes, long configBytes, long memoryBytes, double bitsPerSecond) {
        if (fileBytes < 0 || configBytes < 0) throw new IllegalArgumentException("file sizes must not be negative");
        if (memoryBytes <= 0) throw new IllegalArgumentException("memory must be positive: " + memoryBytes);
        double rate = copyRate(bitsPerSecond);
        long state = (long) (memoryBytes * p.savedStateShare()) + configBytes;
        return new TransferPlan(List.of(
                new TransferPlan.Phase(VALIDATE, p.validate(), false, 0),
                new TransferPlan.Phase(COPY, TransferPlan.seconds(fileBytes / rate), false, fileBytes),
                new TransferPlan.Phase(SAVE, p.saveRestore().save(memoryBytes), true, 0),
                new TransferPlan.Phase(COPY_STATE, TransferPlan.seconds(state / rate), true, state),
                new TransferPlan.Phase(IMPORT, p.importVm(), true, 0),
                new TransferPlan.Phase(RESTORE, p.saveRestore().restore(memoryBytes), true, 0),
                new TransferPlan.Phase(CLEANUP, p.cleanup(), false, 0)));
    }

    /**
     * @param protocolEfficiency       share of the line rate that carries file bytes (as for live migration)
     * @param sourceReadBytesPerSecond the source's disk under the running VM (fitted once, with the efficiency, as
     *                                 {@link io.hyperv4j.substrate.BitsCopy#CALIBRATED})
     * @param savedStateShare          share of memory in the saved state file (fitted to the paper's 45.7 s outage)
     */
    public record Parameters(Duration validate, double protocolEfficiency, double sourceReadBytesPerSecond, double savedStateShare,
                             SaveRestore saveRestore, Duration importVm, Duration cleanup) {
        /** The constants fitted to seed 000. */
        public static final Parameters CALIBRATED = new Parameters(Duration.ZERO, io.hyperv4j.substrate.BitsCopy.CALIBRATED.protocolEfficiency(),
                io.hyperv4j.substrate.BitsCopy.CALIBRATED.sourceReadBytesPerSecond(), 0.07008,
                SaveRestore.CALIBRATED, Duration.ofSeconds(2), Duration.ZERO);

        /**
         * Validates the constants.
         *
         * @param validate                 the server's checks before the copy
         * @param protocolEfficiency       share of the line rate carrying file bytes, in (0, 1]
         * @param sourceReadBytesPerSecond the source disk's read rate, positive
         * @param savedStateShare          share of memory in the saved state file, in [0, 1]
         * @param saveRestore              saving and restoring the VM
         * @param importVm                 importing the VM on the destination
         * @param cleanup                  deleting the source's files
         * @throws IllegalArgumentException when a constant is out of range
         */
        public Parameters {
            if (!(protocolEfficiency > 0 && protocolEfficiency <= 1)) throw new IllegalArgumentException("efficiency must be in (0, 1]");
            if (!(sourceReadBytesPerSecond > 0)) throw new IllegalArgumentException("disk rate must be positive");
            if (!(savedStateShare >= 0 && savedStateShare <= 1)) throw new IllegalArgumentException("saved-state share must be in [0, 1]");
            if (validate.isNegative() || importVm.isNegative() || cleanup.isNegative()) throw new IllegalArgumentException("negative duration");
            Objects.requireNonNull(saveRestore, "saveRestore");
            new io.hyperv4j.substrate.BitsCopy(protocolEfficiency, sourceReadBytesPerSecond); // the copy's own limits, at the door
        }
    }
}
