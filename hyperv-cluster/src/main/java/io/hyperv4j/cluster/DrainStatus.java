package io.hyperv4j.cluster;

/** MSCluster_Node.NodeDrainStatus. */
public enum DrainStatus implements Enums.Coded {
    /** 0: no drain was started. */
    NOT_INITIATED(0),
    /** 1: roles are leaving the node. */
    IN_PROGRESS(1),
    /** 2: every role left. */
    COMPLETED(2),
    /** 3: some role could not leave. */
    FAILED(3),
    /** A value outside the documented ones. */
    UNKNOWN(-1);

    private final long code;

    DrainStatus(long code) {
        this.code = code;
    }

    @Override
    public long code() {
        return code;
    }
}
