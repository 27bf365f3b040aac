package io.hyperv4j;

/** The operation was cancelled at the caller's request before it completed. */
public class OperationCancelledException extends HyperVException {
    public OperationCancelledException(String message) {
        super(message);
    }
}
