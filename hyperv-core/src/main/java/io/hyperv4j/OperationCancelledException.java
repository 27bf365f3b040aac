package io.hyperv4j;

/** The operation was cancelled at the caller's request before it completed. */
public class OperationCancelledException extends HyperVException {
    /**
     * @param message which operation was cancelled
     */
    public OperationCancelledException(String message) {
        super(message);
    }
}
