package io.hyperv4j.cluster;

/** MSCluster_Node.State. */
public enum NodeState implements Enums.Coded {
    UNKNOWN(-1), UP(0), DOWN(1), PAUSED(2), JOINING(3);

    private final long code;

    NodeState(long code) {
        this.code = code;
    }

    @Override
    public long code() {
        return code;
    }
}
