package io.hyperv4j.cluster;

/** MSCluster_ResourceGroup.State. */
public enum GroupState implements Enums.Coded {
    UNKNOWN(-1), ONLINE(0), OFFLINE(1), FAILED(2), PARTIAL_ONLINE(3), PENDING(4);

    private final long code;

    GroupState(long code) {
        this.code = code;
    }

    @Override
    public long code() {
        return code;
    }
}
