package io.hyperv4j.job;

/** Where an {@link Operation} stands, as seen by this client. */
public enum OperationState {
    /** Not ended yet. */
    RUNNING,
    /** Ended with a result. */
    SUCCEEDED,
    /** Ended with a failure (the exception {@link Operation#await()} throws). */
    FAILED,
    /** Cancelled at the caller's request. */
    CANCELLED;

    /**
     * True for every state but {@link #RUNNING}.
     *
     * @return whether the operation has ended
     */
    public boolean isDone() {
        return this != RUNNING;
    }
}
