package io.hyperv4j.cluster;

/** MSCluster_Network.Role. */
public enum NetworkRole implements Enums.Coded {
    /** 0: the cluster does not use the network. */
    NONE(0),
    /** 1: cluster traffic only. */
    CLUSTER(1),
    /** 2: client access only. */
    CLIENT(2),
    /** 3: cluster and client traffic. */
    BOTH(3),
    /** A value outside the documented ones. */
    UNKNOWN(-1);

    private final long code;

    NetworkRole(long code) {
        this.code = code;
    }

    @Override
    public long code() {
        return code;
    }
}
