package io.hyperv4j.perf;

import io.hyperv4j.HyperVException;

/** Root of the counter module's errors: bad paths, unknown sets, bad sampling settings. */
public class PerfException extends HyperVException {
    public PerfException(String message) {
        super(message);
    }

    public PerfException(String message, Throwable cause) {
        super(message, cause);
    }
}
