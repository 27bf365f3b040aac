package io.hyperv4j;

/** The caller lacks the right to do this (Msvm 32769 "Access Denied"); on Windows, typically not a member of Hyper-V Administrators or filtered by remote UAC. */
public class AccessDeniedException extends MethodFailedException {
    /**
     * A refusal the host returned.
     *
     * @param message        what was refused and why
     * @param returnCode     the method's ReturnValue
     * @param returnCodeName the code's documented name, or null
     */
    public AccessDeniedException(String message, long returnCode, String returnCodeName) {
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
    public AccessDeniedException(String message, long returnCode, String returnCodeName, Throwable cause) {
        super(message, returnCode, returnCodeName, cause);
    }
}
