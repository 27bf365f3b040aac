package io.hyperv4j.cluster;

/** MSCluster_ResourceGroup.State. */
public enum GroupState implements Enums.Coded {
    /** -1: the state could not be determined. */
    UNKNOWN(-1),
    /** 0: online. */
    ONLINE(0),
    /** 1: offline. */
    OFFLINE(1),
    /** 2: failed. */
    FAILED(2),
    /** 3: some resources are online. */
    PARTIAL_ONLINE(3),
    /** 4: going online or offline. */
    PENDING(4);

    private final long code;

    GroupState(long code) {
        this.code = code;
    }

    @Override
    public long code() {
        return code;
    }
}
