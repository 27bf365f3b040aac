package io.hyperv4j.cluster;

import io.hyperv4j.HyperVException;

/** A failover-cluster call failed; {@link ClusterRefusedException} when the cluster refused it. */
public class ClusterException extends HyperVException {
    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
