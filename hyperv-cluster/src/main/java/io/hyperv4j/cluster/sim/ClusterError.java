package io.hyperv4j.cluster.sim;

/**
 * The Win32 error codes the simulated cluster fails with, named and numbered as in Microsoft's
 * "System Error Codes" (WinError.h). The MSCluster provider reports a refused call as the HRESULT
 * of its Win32 error (0x8007xxxx; WMI's own status is then WBEM_E_FAILED), and a move that ended
 * without moving the role in the Virtual Machine resource's LastOperationStatusCode; the simulator
 * does both with these codes.
 */
enum ClusterError {
    ERROR_NOT_SUPPORTED(50),
    ERROR_INVALID_PARAMETER(87),
    ERROR_NOT_FOUND(1168),
    ERROR_CANCELLED(1223),
    ERROR_RESOURCE_NOT_ONLINE(5004),
    ERROR_HOST_NODE_NOT_AVAILABLE(5005),
    ERROR_RESOURCE_NOT_AVAILABLE(5006),
    ERROR_RESOURCE_NOT_FOUND(5007),
    ERROR_OBJECT_ALREADY_EXISTS(5010),
    ERROR_GROUP_NOT_ONLINE(5014),
    ERROR_HOST_NODE_NOT_GROUP_OWNER(5016),
    ERROR_INVALID_STATE(5023),
    ERROR_NETWORK_NOT_AVAILABLE(5035),
    ERROR_RESOURCE_FAILED(5038),
    ERROR_CLUSTER_JOIN_IN_PROGRESS(5041),
    ERROR_CLUSTER_NODE_NOT_FOUND(5042),
    ERROR_CLUSTER_NETWORK_NOT_FOUND(5045),
    ERROR_CLUSTER_INVALID_REQUEST(5048),
    ERROR_CLUSTER_NODE_DOWN(5050),
    ERROR_CLUSTER_NODE_NOT_PAUSED(5058),
    ERROR_CLUSTER_NODE_PAUSED(5070),
    ERROR_CLUSTER_GROUP_MOVING(5908),
    ERROR_CLUSTER_PARAMETER_OUT_OF_BOUNDS(5913),
    ERROR_CLUSTER_NOT_SHARED_VOLUME(5945),
    ERROR_CLUSTER_SHARED_VOLUMES_IN_USE(5947),
    ERROR_CLUSTER_RESOURCE_VETOED_MOVE_INCOMPATIBLE_NODES(5953),
    ERROR_CLUSTER_RESOURCE_VETOED_MOVE_NOT_ENOUGH_RESOURCES_ON_DESTINATION(5957),
    ERROR_CLUSTER_RESOURCE_VETOED_MOVE_NOT_ENOUGH_RESOURCES_ON_SOURCE(5958),
    ERROR_RESOURCE_NOT_IN_AVAILABLE_STORAGE(5965);

    /** The Win32 error number. */
    final int code;

    ClusterError(int code) {
        this.code = code;
    }

    /** HRESULT_FROM_WIN32: how WMI reports the error of a failed call. */
    long hresult() {
        return 0x80070000L | code;
    }
}
