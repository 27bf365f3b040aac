package io.hyperv4j;

/**
 * A parameter was refused: by the host (CIM 4 "Invalid Parameter", 6 "Incompatible Parameters",
 * Msvm 32773 "Invalid parameter", 32776 "Incorrect data type") or by the SDK before sending
 * anything (a VM spec out of Hyper-V's documented range). Nothing was changed.
 */
public class InvalidParameterException extends MethodFailedException {
    /**
     * A refusal the host returned.
     *
     * @param message        what was refused and why
     * @param returnCode     the method's ReturnValue
     * @param returnCodeName the code's documented name, or null
     */
    public InvalidParameterException(String message, long returnCode, String returnCodeName) {
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
    public InvalidParameterException(String message, long returnCode, String returnCodeName, Throwable cause) {
        super(message, returnCode, returnCodeName, cause);
    }

    /**
     * Refused locally, before any call reached the host.
     *
     * @param message what was refused and why
     */
    public InvalidParameterException(String message) {
        super(message);
    }
}
