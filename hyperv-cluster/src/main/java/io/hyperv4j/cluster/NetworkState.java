package io.hyperv4j.cluster;

/** MSCluster_Network.State. */
public enum NetworkState implements Enums.Coded {
    /** -1: the state could not be determined. */
    UNKNOWN(-1),
    /** 0: unavailable. */
    UNAVAILABLE(0),
    /** 1: down. */
    DOWN(1),
    /** 2: partitioned (some nodes cannot reach it). */
    PARTITIONED(2),
    /** 3: up. */
    UP(3);

    private final long code;

    NetworkState(long code) {
        this.code = code;
    }

    @Override
    public long code() {
        return code;
    }
}
