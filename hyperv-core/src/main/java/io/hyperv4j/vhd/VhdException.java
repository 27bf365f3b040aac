package io.hyperv4j.vhd;

import io.hyperv4j.HyperVException;

/** A virtual disk operation failed: I/O error, unsupported operation, or bad arguments. */
public class VhdException extends HyperVException {
    public VhdException(String message) {
        super(message);
    }

    public VhdException(String message, Throwable cause) {
        super(message, cause);
    }
}
