package io.hyperv4j.cluster;

import io.hyperv4j.HyperVException;

/** A failover-cluster call failed; {@link ClusterRefusedException} when the cluster refused it. */
public class ClusterException extends HyperVException {
    /**
     * @param message what failed and where
     */
    public ClusterException(String message) {
        super(message);
    }

    /**
     * @param message what failed and where
     * @param cause   the underlying failure
     */
    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
