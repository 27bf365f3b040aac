package io.hyperv4j;

/** The caller lacks the right to do this (Msvm 32769 "Access Denied"); on Windows, typically not a member of Hyper-V Administrators or filtered by remote UAC. */
public class AccessDeniedException extends MethodFailedException {
    public AccessDeniedException(String message, long returnCode, String returnCodeName) {
        super(message, returnCode, returnCodeName);
    }
}
