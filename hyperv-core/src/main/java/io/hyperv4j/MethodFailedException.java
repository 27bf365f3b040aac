package io.hyperv4j;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Hyper-V refused a method call: the method returned a code other than 0 (done) or 4096 (job
 * started). {@link #returnCode()} is that code and {@link #returnCodeName()} its documented name,
 * both empty when the SDK refused the call itself before asking the host.
 */
public class MethodFailedException extends HyperVException {
    /** The method's ReturnValue, -1 when the SDK refused before sending. */
    private final long returnCode;
    /** The code's documented name, or null. */
    private final String returnCodeName;

    /**
     * A refusal the host returned.
     *
     * @param message        what was refused and why
     * @param returnCode     the method's ReturnValue
     * @param returnCodeName the code's documented name, or null
     */
    public MethodFailedException(String message, long returnCode, String returnCodeName) {
        super(message);
        this.returnCode = returnCode;
        this.returnCodeName = returnCodeName;
    }

    /**
     * A refusal the host reported through a failed job ({@code cause}), whose reason it carries.
     *
     * @param message        what was refused and why
     * @param returnCode     the method's ReturnValue or the job's ErrorCode
     * @param returnCodeName the code's documented name, or null
     * @param cause          the failed job's exception
     */
    public MethodFailedException(String message, long returnCode, String returnCodeName, Throwable cause) {
        super(message, cause);
        this.returnCode = returnCode;
        this.returnCodeName = returnCodeName;
    }

    /**
     * A refusal raised by the SDK itself, before any call reached the host.
     *
     * @param message what was refused and why
     */
    protected MethodFailedException(String message) {
        this(message, -1, null);
    }

    /**
     * The method's ReturnValue (or the failed job's ErrorCode).
     *
     * @return the code, or empty when the SDK refused the call before sending it
     */
    public OptionalLong returnCode() {
        return returnCode < 0 ? OptionalLong.empty() : OptionalLong.of(returnCode);
    }

    /**
     * The documented name of the return code, e.g. "Invalid state for this operation"; empty when
     * the SDK refused the call before sending it.
     *
     * @return the name, or empty
     */
    public Optional<String> returnCodeName() {
        return Optional.ofNullable(returnCodeName);
    }
}
