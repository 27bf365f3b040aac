package io.hyperv4j.perf;

import io.hyperv4j.HyperVException;

/** Root of the counter module's errors: bad paths, unknown sets, bad sampling settings. Immutable. */
public class PerfException extends HyperVException {
    /**
     * @param message what went wrong
     */
    public PerfException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause   the underlying failure
     */
    public PerfException(String message, Throwable cause) {
        super(message, cause);
    }
}
