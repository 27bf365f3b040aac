package io.hyperv4j.cluster;

/** MSCluster_Node.Resume FailbackType. */
public enum FailbackType implements Enums.Coded {
    /** 0: the roles stay where they are. */
    NONE(0),
    /** 1: the drained roles come back at once. */
    IMMEDIATE(1),
    /** 2: the roles come back as their failback policy says. */
    PER_POLICY(2);

    private final long code;

    FailbackType(long code) {
        this.code = code;
    }

    @Override
    public long code() {
        return code;
    }
}
