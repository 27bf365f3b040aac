package io.hyperv4j.cim;

import io.hyperv4j.HyperVException;

/**
 * A CIM operation failed with a WBEM status: bad query, unknown class, wrong parameter type, ...
 * The message starts with the status's symbol. Immutable.
 */
public class CimException extends HyperVException {
    /** The WBEM status. */
    private final CimError error;

    /**
     * @param error   the WBEM status
     * @param message what failed and where (no credentials)
     */
    public CimException(CimError error, String message) {
        super(error.symbol() + ": " + message);
        this.error = error;
    }

    /**
     * @param error   the WBEM status
     * @param message what failed and where (no credentials)
     * @param cause   the underlying failure
     */
    public CimException(CimError error, String message, Throwable cause) {
        super(error.symbol() + ": " + message, cause);
        this.error = error;
    }

    /**
     * The WBEM status.
     *
     * @return the status
     */
    public CimError error() {
        return error;
    }
}
