package io.hyperv4j.cluster;

import io.hyperv4j.cluster.sim.ClusterRefusal;

/**
 * The cluster refused an operation and changed nothing: the destination is down or not a possible
 * owner, the VM is offline, a node is at its live-migration limit, ... {@link #reason()} says
 * which, when the host named it (the simulator always does; Windows gives only its message).
 */
public class ClusterRefusedException extends ClusterException {
    private final ClusterRefusal reason;

    public ClusterRefusedException(ClusterRefusal reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Why, or null when the host's error did not say. */
    public ClusterRefusal reason() {
        return reason;
    }
}
