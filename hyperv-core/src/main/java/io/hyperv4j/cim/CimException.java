package io.hyperv4j.cim;

import io.hyperv4j.HyperVException;

/** A CIM operation failed with a WBEM status: bad query, unknown class, wrong parameter type, ... */
public class CimException extends HyperVException {
    private final CimError error;

    public CimException(CimError error, String message) {
        super(error.symbol() + ": " + message);
        this.error = error;
    }

    public CimException(CimError error, String message, Throwable cause) {
        super(error.symbol() + ": " + message, cause);
        this.error = error;
    }

    public CimError error() {
        return error;
    }
}
