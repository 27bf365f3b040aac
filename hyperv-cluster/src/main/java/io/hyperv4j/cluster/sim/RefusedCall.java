package io.hyperv4j.cluster.sim;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;

/**
 * A cluster call the simulator refuses, failed as the MSCluster provider fails it: WBEM_E_FAILED
 * with the HRESULT of a Win32 cluster error (MSCluster methods return no value). Nothing changed.
 */
final class RefusedCall extends CimException {
    private final ClusterError reason;

    RefusedCall(ClusterError reason, String message) {
        super(CimError.FAILED, reason.hresult(), message + " (" + reason.name() + ", " + reason.code + ")", null);
        this.reason = reason;
    }

    ClusterError clusterError() {
        return reason;
    }
}
