package io.hyperv4j.cluster;

import java.util.Arrays;
import java.util.OptionalInt;

/**
 * Why the cluster refused a call, as Windows says it: each reason is a Win32 error the failover
 * cluster reports (Microsoft's "System Error Codes", WinError.h) in the HRESULT of a failed
 * root\MSCluster call or in a resource's LastOperationStatusCode. The simulator fails with the same
 * codes, so a refusal has the same reason on both.
 */
public enum ClusterRefusal {
    /** ERROR_CLUSTER_NODE_NOT_FOUND: the named node is not a node of the cluster. */
    NODE_NOT_FOUND(5042, "ERROR_CLUSTER_NODE_NOT_FOUND"),
    /** ERROR_CLUSTER_NODE_DOWN: the node is down. */
    NODE_DOWN(5050, "ERROR_CLUSTER_NODE_DOWN"),
    /** ERROR_CLUSTER_JOIN_IN_PROGRESS: the node is still joining the cluster. */
    NODE_JOINING(5041, "ERROR_CLUSTER_JOIN_IN_PROGRESS"),
    /** ERROR_CLUSTER_NODE_PAUSED: the node is paused and takes no roles. */
    NODE_PAUSED(5070, "ERROR_CLUSTER_NODE_PAUSED"),
    /** ERROR_CLUSTER_NODE_NOT_PAUSED: resuming a node that is not paused. */
    NODE_NOT_PAUSED(5058, "ERROR_CLUSTER_NODE_NOT_PAUSED"),
    /** ERROR_HOST_NODE_NOT_AVAILABLE: no node is available for the operation. */
    NO_NODE_AVAILABLE(5005, "ERROR_HOST_NODE_NOT_AVAILABLE"),
    /** ERROR_HOST_NODE_NOT_GROUP_OWNER: the node is not a possible owner of the role. */
    NOT_POSSIBLE_OWNER(5016, "ERROR_HOST_NODE_NOT_GROUP_OWNER"),
    /** ERROR_GROUP_NOT_ONLINE: the role is not running (a live migration needs it online). */
    GROUP_NOT_ONLINE(5014, "ERROR_GROUP_NOT_ONLINE"),
    /** ERROR_CLUSTER_GROUP_MOVING: the role is being moved already. */
    GROUP_MOVING(5908, "ERROR_CLUSTER_GROUP_MOVING"),
    /** ERROR_INVALID_STATE: the role or resource is not in a state for this (e.g. its owner failed, no move to cancel). */
    INVALID_STATE(5023, "ERROR_INVALID_STATE"),
    /** ERROR_RESOURCE_FAILED: a resource failed (e.g. the role reached its failover threshold). */
    RESOURCE_FAILED(5038, "ERROR_RESOURCE_FAILED"),
    /** ERROR_CLUSTER_NOT_SHARED_VOLUME: the VM's files are not on a Cluster Shared Volume. */
    NOT_SHARED_VOLUME(5945, "ERROR_CLUSTER_NOT_SHARED_VOLUME"),
    /** ERROR_CLUSTER_RESOURCE_VETOED_MOVE_INCOMPATIBLE_NODES: processors, virtual switches or editions differ. */
    INCOMPATIBLE_NODES(5953, "ERROR_CLUSTER_RESOURCE_VETOED_MOVE_INCOMPATIBLE_NODES"),
    /** ERROR_CLUSTER_RESOURCE_VETOED_MOVE_NOT_ENOUGH_RESOURCES_ON_DESTINATION: e.g. the destination is at its live-migration limit. */
    NOT_ENOUGH_RESOURCES_ON_DESTINATION(5957, "ERROR_CLUSTER_RESOURCE_VETOED_MOVE_NOT_ENOUGH_RESOURCES_ON_DESTINATION"),
    /** ERROR_CLUSTER_RESOURCE_VETOED_MOVE_NOT_ENOUGH_RESOURCES_ON_SOURCE: e.g. the source is at its live-migration limit. */
    NOT_ENOUGH_RESOURCES_ON_SOURCE(5958, "ERROR_CLUSTER_RESOURCE_VETOED_MOVE_NOT_ENOUGH_RESOURCES_ON_SOURCE"),
    /** ERROR_NETWORK_NOT_AVAILABLE: no live-migration network is up. */
    NETWORK_NOT_AVAILABLE(5035, "ERROR_NETWORK_NOT_AVAILABLE"),
    /** ERROR_CLUSTER_NETWORK_NOT_FOUND: the named network does not exist. */
    NETWORK_NOT_FOUND(5045, "ERROR_CLUSTER_NETWORK_NOT_FOUND"),
    /** ERROR_RESOURCE_NOT_FOUND: the named resource (e.g. a cluster disk) does not exist. */
    RESOURCE_NOT_FOUND(5007, "ERROR_RESOURCE_NOT_FOUND"),
    /** ERROR_RESOURCE_NOT_AVAILABLE: the resource (e.g. a volume) cannot be used now. */
    RESOURCE_NOT_AVAILABLE(5006, "ERROR_RESOURCE_NOT_AVAILABLE"),
    /** ERROR_RESOURCE_NOT_ONLINE: the resource is not online. */
    RESOURCE_NOT_ONLINE(5004, "ERROR_RESOURCE_NOT_ONLINE"),
    /** ERROR_RESOURCE_NOT_IN_AVAILABLE_STORAGE: the disk is not in Available Storage (e.g. already a volume). */
    NOT_IN_AVAILABLE_STORAGE(5965, "ERROR_RESOURCE_NOT_IN_AVAILABLE_STORAGE"),
    /** ERROR_CLUSTER_SHARED_VOLUMES_IN_USE: shared volumes are configured, so this cannot be done. */
    SHARED_VOLUMES_IN_USE(5947, "ERROR_CLUSTER_SHARED_VOLUMES_IN_USE"),
    /** ERROR_OBJECT_ALREADY_EXISTS: e.g. the VM is a clustered role already. */
    ALREADY_EXISTS(5010, "ERROR_OBJECT_ALREADY_EXISTS"),
    /** ERROR_CLUSTER_INVALID_REQUEST: the request is not valid for this object (e.g. the role already runs there). */
    INVALID_REQUEST(5048, "ERROR_CLUSTER_INVALID_REQUEST"),
    /** ERROR_CLUSTER_PARAMETER_OUT_OF_BOUNDS: a value is out of its range. */
    PARAMETER_OUT_OF_BOUNDS(5913, "ERROR_CLUSTER_PARAMETER_OUT_OF_BOUNDS"),
    /** ERROR_NOT_SUPPORTED: the cluster's version does not do this (live migration or CSV on Windows Server 2008 RTM). */
    NOT_SUPPORTED(50, "ERROR_NOT_SUPPORTED"),
    /** ERROR_INVALID_PARAMETER: a parameter is not correct. */
    INVALID_PARAMETER(87, "ERROR_INVALID_PARAMETER"),
    /** ERROR_NOT_FOUND: the element (e.g. the virtual machine) was not found. */
    NOT_FOUND(1168, "ERROR_NOT_FOUND"),
    /** The host refused without a Win32 error this SDK knows; the exception's message and {@link ClusterRefusedException#win32Error()} say more. */
    UNKNOWN(-1, "");

    /** ERROR_CANCELLED: how a move that was stopped (cancelled, or over its blackout limit) ends; not a refusal. */
    static final int ERROR_CANCELLED = 1223;

    private final int code;
    private final String symbol;

    ClusterRefusal(int code, String symbol) {
        this.code = code;
        this.symbol = symbol;
    }

    /**
     * The Win32 error number (e.g. 5050), -1 for {@link #UNKNOWN}.
     *
     * @return the code
     */
    public int code() {
        return code;
    }

    /**
     * The symbolic name Microsoft documents, e.g. {@code ERROR_CLUSTER_NODE_DOWN}; empty for {@link #UNKNOWN}.
     *
     * @return the symbol
     */
    public String symbol() {
        return symbol;
    }

    /**
     * The reason for a Win32 error; {@link #UNKNOWN} when there is none or it is not one of these.
     *
     * @param win32Error the Win32 error the host reported, or empty
     * @return the reason
     */
    public static ClusterRefusal of(OptionalInt win32Error) {
        if (win32Error.isEmpty()) return UNKNOWN;
        int c = win32Error.getAsInt();
        return Arrays.stream(values()).filter(r -> r.code == c).findFirst().orElse(UNKNOWN);
    }
}
