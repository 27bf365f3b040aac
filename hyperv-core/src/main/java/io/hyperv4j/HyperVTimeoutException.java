package io.hyperv4j;

/**
 * Waiting for an operation took longer than allowed. The operation itself may still be running on
 * the host (a Hyper-V job is not cancelled by a client giving up); the message says how far it got.
 */
public class HyperVTimeoutException extends HyperVException {
    /**
     * @param message what was waited for or looked up, and how far it got
     */
    public HyperVTimeoutException(String message) {
        super(message);
    }

    /**
     * @param message what was waited for or looked up, and how far it got
     * @param cause   the underlying failure
     */
    public HyperVTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
