package io.hyperv4j.cluster;

import java.util.OptionalInt;

/**
 * The cluster refused an operation and changed nothing: the destination is down or not a possible
 * owner, the VM is offline, a node is at its live-migration limit, ... {@link #reason()} says which,
 * from the Win32 error the host reported (the same on a simulated host and on Windows).
 */
public class ClusterRefusedException extends ClusterException {
    private final ClusterRefusal reason;
    private final OptionalInt win32Error;

    public ClusterRefusedException(OptionalInt win32Error, String message, Throwable cause) {
        super(message, cause);
        this.win32Error = win32Error;
        this.reason = ClusterRefusal.of(win32Error);
    }

    /** Why, as a code; {@link ClusterRefusal#UNKNOWN} when the host gave no Win32 error this SDK knows. */
    public ClusterRefusal reason() {
        return reason;
    }

    /** The Win32 error the host reported, when it reported one. */
    public OptionalInt win32Error() {
        return win32Error;
    }
}
