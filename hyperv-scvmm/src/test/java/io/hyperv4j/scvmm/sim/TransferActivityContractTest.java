package io.hyperv4j.scvmm.sim;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.scvmm.transfer.NetworkTransferModel;
import io.hyperv4j.scvmm.transfer.SanTransferModel;
import io.hyperv4j.sim.SimActivity;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The transfers publish their phases under the names {@link SimActivity} documents as the contract
 * with the counter models (hyperv-perf's LabCounterSource reads them without depending on this module).
 */
class TransferActivityContractTest {
    @Test
    void thePublishedKindsAreTheContractsNames() {
        assertEquals(SimActivity.SAN_TRANSFER, VmmEngine.SAN_JOB + "/");
        assertEquals(SimActivity.NETWORK_TRANSFER, VmmEngine.NETWORK_JOB + "/");
        assertEquals(List.of(SimActivity.SAVE_STATE, SimActivity.IMPORT_VM, SimActivity.RESTORE_STATE),
                List.of(SanTransferModel.SAVE, SanTransferModel.IMPORT, SanTransferModel.RESTORE));
        assertEquals(List.of(SimActivity.COPY_FILES, SimActivity.SAVE_STATE, SimActivity.COPY_SAVED_STATE, SimActivity.IMPORT_VM, SimActivity.RESTORE_STATE),
                List.of(NetworkTransferModel.COPY, NetworkTransferModel.SAVE, NetworkTransferModel.COPY_STATE, NetworkTransferModel.IMPORT, NetworkTransferModel.RESTORE));
    }
}
