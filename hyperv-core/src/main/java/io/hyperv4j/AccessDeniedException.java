package io.hyperv4j;

/** The caller lacks the right to do this (Msvm 32769 "Access Denied"); on Windows, typically not a member of Hyper-V Administrators or filtered by remote UAC. */
public class AccessDeniedException extends MethodFailedException {
    public AccessDeniedException(String message, long returnCode, String returnCodeName) {
        super(message, returnCode, returnCodeName);
    }

    /** A refusal the host reported through a failed job ({@code cause}), whose reason it carries. */
    public AccessDeniedException(String message, long returnCode, String returnCodeName, Throwable cause) {
        super(message, returnCode, returnCodeName, cause);
    }
}
