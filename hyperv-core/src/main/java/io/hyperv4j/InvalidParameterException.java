package io.hyperv4j;

/**
 * A parameter was refused: by the host (CIM 4 "Invalid Parameter", 6 "Incompatible Parameters",
 * Msvm 32773 "Invalid parameter", 32776 "Incorrect data type") or by the SDK before sending
 * anything (a VM spec out of Hyper-V's documented range). Nothing was changed.
 */
public class InvalidParameterException extends MethodFailedException {
    public InvalidParameterException(String message, long returnCode, String returnCodeName) {
        super(message, returnCode, returnCodeName);
    }

    /** A refusal the host reported through a failed job ({@code cause}), whose reason it carries. */
    public InvalidParameterException(String message, long returnCode, String returnCodeName, Throwable cause) {
        super(message, returnCode, returnCodeName, cause);
    }

    /** Refused locally, before any call reached the host. */
    public InvalidParameterException(String message) {
        super(message);
    }
}
