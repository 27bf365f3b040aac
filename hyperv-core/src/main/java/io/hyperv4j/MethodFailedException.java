package io.hyperv4j;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Hyper-V refused a method call: the method returned a code other than 0 (done) or 4096 (job
 * started). {@link #returnCode()} is that code and {@link #returnCodeName()} its documented name,
 * both empty when the SDK refused the call itself before asking the host.
 */
public class MethodFailedException extends HyperVException {
    private final long returnCode;
    private final String returnCodeName;

    public MethodFailedException(String message, long returnCode, String returnCodeName) {
        super(message);
        this.returnCode = returnCode;
        this.returnCodeName = returnCodeName;
    }

    public MethodFailedException(String message, long returnCode, String returnCodeName, Throwable cause) {
        super(message, cause);
        this.returnCode = returnCode;
        this.returnCodeName = returnCodeName;
    }

    /** A refusal raised by the SDK itself, before any call reached the host. */
    protected MethodFailedException(String message) {
        this(message, -1, null);
    }

    /** The method's ReturnValue, or empty when the SDK refused the call before sending it. */
    public OptionalLong returnCode() {
        return returnCode < 0 ? OptionalLong.empty() : OptionalLong.of(returnCode);
    }

    /**
     * The documented name of the return code, e.g. "Invalid state for this operation"; empty when
     * the SDK refused the call before sending it.
     */
    public Optional<String> returnCodeName() {
        return Optional.ofNullable(returnCodeName);
    }
}
