package io.hyperv4j.cluster;

import io.hyperv4j.HyperVTimeoutException;

/**
 * A move did not reach its target owner and state in time (os-win's ClusterGroupMigrationTimeOut).
 * The move was asked to cancel; {@link #lastSeen()} is the group as last read.
 */
public class ClusterMigrationTimeoutException extends HyperVTimeoutException {
    private final GroupInfo lastSeen;

    public ClusterMigrationTimeoutException(String message, GroupInfo lastSeen) {
        super(message);
        this.lastSeen = lastSeen;
    }

    public GroupInfo lastSeen() {
        return lastSeen;
    }
}
