package io.hyperv4j.cluster;

/** MSCluster_Node.Resume FailbackType. */
public enum FailbackType implements Enums.Coded {
    NONE(0), IMMEDIATE(1), PER_POLICY(2);

    private final long code;

    FailbackType(long code) {
        this.code = code;
    }

    @Override
    public long code() {
        return code;
    }
}
