package io.hyperv4j.scvmm.transfer;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * SAN transfer (seed 000 section 3.2) as a management server performs it: validate and refresh
 * both hosts, save the VM, hide its LU from the source, show it to the destination, rescan there,
 * import the VM (ImportSystemDefinition, RealizePlannedSystem), restore it, refresh. Nothing but
 * the save and the restore depends on the VM: the rest is the server's and the array's fixed work.
 * Pure and deterministic.
 */
public final class SanTransferModel {
    public static final String VALIDATE = "Validate", SAVE = "SaveState", UNMAP = "UnmapLu", MAP = "MapLu",
            RESCAN = "Rescan", IMPORT = "ImportVm", RESTORE = "RestoreState", REFRESH = "Refresh";
    private final Parameters p;

    public SanTransferModel(Parameters parameters) {
        this.p = Objects.requireNonNull(parameters, "parameters");
    }

    public static SanTransferModel calibrated() {
        return new SanTransferModel(Parameters.CALIBRATED);
    }

    public Parameters parameters() {
        return p;
    }

    public TransferPlan plan(long memoryBytes) {
        if (memoryBytes <= 0) throw new IllegalArgumentException("memory must be positive: " + memoryBytes);
        return new TransferPlan(List.of(
                new TransferPlan.Phase(VALIDATE, p.validate(), false, 0),
                new TransferPlan.Phase(SAVE, p.saveRestore().save(memoryBytes), true, 0),
                new TransferPlan.Phase(UNMAP, p.unmap(), true, 0),
                new TransferPlan.Phase(MAP, p.map(), true, 0),
                new TransferPlan.Phase(RESCAN, p.rescan(), true, 0),
                new TransferPlan.Phase(IMPORT, p.importVm(), true, 0),
                new TransferPlan.Phase(RESTORE, p.saveRestore().restore(memoryBytes), true, 0),
                new TransferPlan.Phase(REFRESH, p.refresh(), false, 0)));
    }

    /**
     * @param validate the server's checks and host refresh before it touches the VM (40 s and the
     *                 final refresh 39.3 s: the paper's 105.3 s less its 26 s outage, split as
     *                 hyperv-perf's Seed000Workloads splits it for Tables 4-5 and 4-6)
     * @param unmap    the hardware provider hiding the LU from the source's host group
     * @param map      showing it to the destination's
     * @param rescan   the destination finding the disk and mounting its volume
     * @param importVm ImportSystemDefinition then RealizePlannedSystem
     * @param refresh  refreshing both hosts and the VM after the restore
     */
    public record Parameters(Duration validate, SaveRestore saveRestore, Duration unmap, Duration map, Duration rescan,
                             Duration importVm, Duration refresh) {
        public static final Parameters CALIBRATED = new Parameters(Duration.ofSeconds(40), SaveRestore.CALIBRATED,
                Duration.ofMillis(1500), Duration.ofMillis(1500), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(39_300));

        public Parameters {
            for (Duration d : new Duration[] {validate, unmap, map, rescan, importVm, refresh})
                if (d.isNegative()) throw new IllegalArgumentException("SAN transfer: negative duration " + d);
            Objects.requireNonNull(saveRestore, "saveRestore");
        }
    }
}
