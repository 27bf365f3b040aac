package io.hyperv4j;

/** The object is in use by another operation (Msvm 32774 "System is in use", job 6 "In Use" / 4099 "Busy"). Retrying later may succeed. */
public class BusyException extends MethodFailedException {
    public BusyException(String message, long returnCode, String returnCodeName) {
        super(message, returnCode, returnCodeName);
    }

    /** A refusal the host reported through a failed job ({@code cause}), whose reason it carries. */
    public BusyException(String message, long returnCode, String returnCodeName, Throwable cause) {
        super(message, returnCode, returnCodeName, cause);
    }
}
