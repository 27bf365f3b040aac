package io.hyperv4j.cluster;

/** MSCluster_Node.State. */
public enum NodeState implements Enums.Coded {
    /** -1: the state could not be determined. */
    UNKNOWN(-1),
    /** 0: up. */
    UP(0),
    /** 1: down. */
    DOWN(1),
    /** 2: paused (drained or suspended). */
    PAUSED(2),
    /** 3: joining the cluster. */
    JOINING(3);

    private final long code;

    NodeState(long code) {
        this.code = code;
    }

    @Override
    public long code() {
        return code;
    }
}
