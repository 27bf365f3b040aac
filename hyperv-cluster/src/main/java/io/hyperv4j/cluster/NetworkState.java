package io.hyperv4j.cluster;

/** MSCluster_Network.State. */
public enum NetworkState implements Enums.Coded {
    UNKNOWN(-1), UNAVAILABLE(0), DOWN(1), PARTITIONED(2), UP(3);

    private final long code;

    NetworkState(long code) {
        this.code = code;
    }

    @Override
    public long code() {
        return code;
    }
}
