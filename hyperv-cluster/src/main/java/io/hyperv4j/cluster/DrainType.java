package io.hyperv4j.cluster;

/** MSCluster_Node.Pause DrainType. */
public enum DrainType implements Enums.Coded {
    NONE(0), DRAIN(1), FORCE_DRAIN(2);

    private final long code;

    DrainType(long code) {
        this.code = code;
    }

    @Override
    public long code() {
        return code;
    }
}
