package io.hyperv4j;

/** The host does not support the operation or value (CIM 1 / Msvm 32770 "Not Supported"). */
public class NotSupportedException extends MethodFailedException {
    /**
     * A refusal the host returned.
     *
     * @param message        what was refused and why
     * @param returnCode     the method's ReturnValue
     * @param returnCodeName the code's documented name, or null
     */
    public NotSupportedException(String message, long returnCode, String returnCodeName) {
        super(message, returnCode, returnCodeName);
    }

    /**
     * A refusal the host reported through a failed job ({@code cause}), whose reason it carries.
     *
     * @param message        what was refused and why
     * @param returnCode     the method's ReturnValue or the job's ErrorCode
     * @param returnCodeName the code's documented name, or null
     * @param cause          the failed job's exception
     */
    public NotSupportedException(String message, long returnCode, String returnCodeName, Throwable cause) {
        super(message, returnCode, returnCodeName, cause);
    }

    /**
     * The SDK found the host cannot do it before asking (a capability the host lacks).
     *
     * @param message what is not supported and why
     */
    public NotSupportedException(String message) {
        super(message);
    }
}
