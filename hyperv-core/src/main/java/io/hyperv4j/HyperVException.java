package io.hyperv4j;

/**
 * Root of every exception the SDK throws. Unchecked: callers catch the subtypes they can act on
 * ({@link io.hyperv4j.cim.CimException} for transport and schema faults, the typed API's
 * not-found, invalid-state, busy, timeout and job-failed exceptions for Hyper-V outcomes).
 */
public class HyperVException extends RuntimeException {
    public HyperVException(String message) {
        super(message);
    }

    public HyperVException(String message, Throwable cause) {
        super(message, cause);
    }
}
