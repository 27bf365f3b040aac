package io.hyperv4j;

import io.hyperv4j.spi.Redaction;
import java.util.Optional;

/**
 * Root of every exception the SDK throws. Unchecked: callers catch the subtypes they can act on
 * ({@link io.hyperv4j.cim.CimException} for transport and schema faults, the typed API's
 * not-found, invalid-state, busy, timeout and job-failed exceptions for Hyper-V outcomes).
 */
public class HyperVException extends RuntimeException {
    /** {@code message} is shortened when it is huge (an echoed 120 KB object path), never dropped. */
    public HyperVException(String message) {
        super(Redaction.shorten(message));
    }

    public HyperVException(String message, Throwable cause) {
        super(Redaction.shorten(message), cause);
    }

    /**
     * Why the host refused or failed the call, in its own words, when it said: a failed job's
     * ErrorDescription (or its CIM_Error Message from GetErrorEx), e.g. "'/srv/x.vhdx' is outside
     * the folders virtual hard disks may be in". Empty when the host gave only a code.
     */
    public Optional<String> hostMessage() {
        return getCause() instanceof HyperVException h ? h.hostMessage() : Optional.empty();
    }
}
