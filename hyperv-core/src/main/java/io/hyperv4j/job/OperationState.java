package io.hyperv4j.job;

/** Where an {@link Operation} stands, as seen by this client. */
public enum OperationState {
    RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean isDone() {
        return this != RUNNING;
    }
}
