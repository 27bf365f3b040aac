package io.hyperv4j.backup;

import io.hyperv4j.MethodFailedException;

/** A backup or restore that was refused before it started; nothing changed. */
public final class BackupRefusedException extends MethodFailedException {
    /** Why. */
    private final BackupRefusal reason;

    /**
     * A refusal.
     *
     * @param reason  why
     * @param message what was refused and why, naming the VM, point or folder
     */
    public BackupRefusedException(BackupRefusal reason, String message) {
        super(message, reason.code(), reason.name());
        this.reason = reason;
    }

    /**
     * Why.
     *
     * @return the reason
     */
    public BackupRefusal reason() {
        return reason;
    }
}
