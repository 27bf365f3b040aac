package io.hyperv4j.cluster;

/** MSCluster_Node.NodeDrainStatus. */
public enum DrainStatus implements Enums.Coded {
    NOT_INITIATED(0), IN_PROGRESS(1), COMPLETED(2), FAILED(3), UNKNOWN(-1);

    private final long code;

    DrainStatus(long code) {
        this.code = code;
    }

    @Override
    public long code() {
        return code;
    }
}
