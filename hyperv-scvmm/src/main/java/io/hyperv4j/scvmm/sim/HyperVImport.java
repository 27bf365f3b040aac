package io.hyperv4j.scvmm.sim;

import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import io.hyperv4j.sim.v2.SystemDefinitions;
import java.nio.file.Path;

/**
 * How a transfer lands a VM on its destination: through Hyper-V's own route, as the management
 * server drives it (seed 000 §3.2-3.3): the VM's definition exported with its saved state into its
 * folder (on the LU, or already copied to the destination), the VM removed from the source (its
 * files stay), the definition imported on the destination as a planned VM and realized there. The
 * VM keeps its GUID; the transfer's job keeps holding it.
 */
final class HyperVImport {
    private HyperVImport() {}

    /**
     * Moves {@code vm} to {@code to} by export, destroy, import and realize.
     *
     * @param txn    the change under way
     * @param vm     the VM (off or saved)
     * @param to     the destination host
     * @param folder the VM's folder both hosts reach at this point of the transfer
     * @return the VM as the destination now has it
     */
    static SimVm relocate(Txn txn, SimVm vm, SimHost to, Path folder) {
        if (vm.host() == to) return vm;
        String job = vm.busyJobId();
        vm.busyJobId(null); // the transfer's own job exports it
        try {
            Path definition = SystemDefinitions.export(txn, vm, folder, false, true);
            SystemDefinitions.destroy(txn, vm);
            String id = SystemDefinitions.importDefinition(txn, to, definition, false);
            SimVm there = SystemDefinitions.realize(txn, to, id);
            there.busyJobId(job);
            return there;
        } finally {
            if (!vm.removed()) vm.busyJobId(job);
        }
    }
}
