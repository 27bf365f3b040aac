package io.hyperv4j.cluster.sim;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;

/**
 * A cluster call the simulator refuses, failed as the MSCluster provider fails it: WBEM_E_FAILED
 * with the HRESULT of a Win32 cluster error (MSCluster methods return no value). Nothing changed.
 */
final class RefusedCall extends CimException {
    private final ClusterError reason;
    private boolean waitForSlot;

    RefusedCall(ClusterError reason, String message) {
        super(CimError.FAILED, reason.hresult(), message + " (" + reason.name() + ", " + reason.code + ")", null);
        this.reason = reason;
    }

    ClusterError clusterError() {
        return reason;
    }

    /** Marks a refusal because a node takes part in as many live migrations as its profile allows: the move may start later. */
    RefusedCall atMigrationLimit() {
        waitForSlot = true;
        return this;
    }

    /** Whether the move may start once a live-migration slot frees (unlike a refusal for memory, which has the same code). */
    boolean mayStartLater() {
        return waitForSlot;
    }
}
