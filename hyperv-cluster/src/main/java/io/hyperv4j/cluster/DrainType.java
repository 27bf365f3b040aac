package io.hyperv4j.cluster;

/** MSCluster_Node.Pause DrainType. */
public enum DrainType implements Enums.Coded {
    /** 0: pause without moving the roles. */
    NONE(0),
    /** 1: move the roles off first. */
    DRAIN(1),
    /** 2: move the roles off, failing over those that cannot move. */
    FORCE_DRAIN(2);

    private final long code;

    DrainType(long code) {
        this.code = code;
    }

    @Override
    public long code() {
        return code;
    }
}
