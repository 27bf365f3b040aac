package io.hyperv4j;

/** The object is in use by another operation (Msvm 32774 "System is in use", job 6 "In Use" / 4099 "Busy"). Retrying later may succeed. */
public class BusyException extends MethodFailedException {
    /**
     * A refusal the host returned.
     *
     * @param message        what was refused and why
     * @param returnCode     the method's ReturnValue
     * @param returnCodeName the code's documented name, or null
     */
    public BusyException(String message, long returnCode, String returnCodeName) {
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
    public BusyException(String message, long returnCode, String returnCodeName, Throwable cause) {
        super(message, returnCode, returnCodeName, cause);
    }
}
