package io.hyperv4j.cluster;

/** MSCluster_Network.Role. */
public enum NetworkRole implements Enums.Coded {
    NONE(0), CLUSTER(1), CLIENT(2), BOTH(3), UNKNOWN(-1);

    private final long code;

    NetworkRole(long code) {
        this.code = code;
    }

    @Override
    public long code() {
        return code;
    }
}
