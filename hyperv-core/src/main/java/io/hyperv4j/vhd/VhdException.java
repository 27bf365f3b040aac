package io.hyperv4j.vhd;

import io.hyperv4j.HyperVException;

/** A virtual disk operation failed: I/O error, unsupported operation, or bad arguments. Immutable. */
public class VhdException extends HyperVException {
    /**
     * @param message what failed, naming the file
     */
    public VhdException(String message) {
        super(message);
    }

    /**
     * @param message what failed, naming the file
     * @param cause   the underlying failure
     */
    public VhdException(String message, Throwable cause) {
        super(message, cause);
    }
}
