package io.hyperv4j;

/** The host does not support the operation or value (CIM 1 / Msvm 32770 "Not Supported"). */
public class NotSupportedException extends MethodFailedException {
    public NotSupportedException(String message, long returnCode, String returnCodeName) {
        super(message, returnCode, returnCodeName);
    }

    /** A refusal the host reported through a failed job ({@code cause}), whose reason it carries. */
    public NotSupportedException(String message, long returnCode, String returnCodeName, Throwable cause) {
        super(message, returnCode, returnCodeName, cause);
    }

    /** The SDK found the host cannot do it before asking (a capability the host lacks). */
    public NotSupportedException(String message) {
        super(message);
    }
}
