package io.hyperv4j.cluster;

import io.hyperv4j.HyperVTimeoutException;

/**
 * A move did not reach its target owner and state in time (os-win's ClusterGroupMigrationTimeOut).
 * The move was asked to cancel; {@link #lastSeen()} is the group as last read.
 */
public class ClusterMigrationTimeoutException extends HyperVTimeoutException {
    /** The group as last read, or null. */
    private final GroupInfo lastSeen;

    /**
     * @param message  what timed out and how far it got
     * @param lastSeen the group as last read, or null
     */
    public ClusterMigrationTimeoutException(String message, GroupInfo lastSeen) {
        super(message);
        this.lastSeen = lastSeen;
    }

    /**
     * The group as last read before giving up.
     *
     * @return the group, or null when it could not be read
     */
    public GroupInfo lastSeen() {
        return lastSeen;
    }
}
