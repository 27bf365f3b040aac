package io.hyperv4j.cluster.sim;

import io.hyperv4j.cim.CimError;

/** Why a cluster operation was refused (seed 002, section 5.3). Nothing was changed. */
public enum ClusterRefusal {
    NOT_A_NODE(CimError.NOT_FOUND),
    NODE_DOWN(CimError.INVALID_OPERATION),
    NODE_PAUSED(CimError.INVALID_OPERATION),
    NOT_POSSIBLE_OWNER(CimError.INVALID_OPERATION),
    ALREADY_OWNER(CimError.INVALID_OPERATION),
    VM_NOT_FOUND(CimError.NOT_FOUND),
    VM_NOT_CLUSTERED(CimError.NOT_FOUND),
    VM_ALREADY_CLUSTERED(CimError.ALREADY_EXISTS),
    VM_OFFLINE(CimError.INVALID_OPERATION),
    NOT_ON_SHARED_STORAGE(CimError.INVALID_OPERATION),
    MIGRATION_LIMIT(CimError.INVALID_OPERATION),
    PROCESSOR_MISMATCH(CimError.INVALID_OPERATION),
    SWITCH_MISSING(CimError.INVALID_OPERATION),
    EDITION(CimError.NOT_SUPPORTED),
    OWNER_FAILED(CimError.INVALID_OPERATION),
    GROUP_BUSY(CimError.INVALID_OPERATION),
    NO_MIGRATION_NETWORK(CimError.INVALID_OPERATION),
    NOT_CANCELLABLE(CimError.INVALID_OPERATION),
    CSV_NOT_ENABLED(CimError.INVALID_OPERATION),
    DISK_NOT_AVAILABLE(CimError.INVALID_OPERATION),
    INVALID_VALUE(CimError.INVALID_PARAMETER);

    final CimError error;

    ClusterRefusal(CimError error) {
        this.error = error;
    }

    public CimError error() {
        return error;
    }
}
