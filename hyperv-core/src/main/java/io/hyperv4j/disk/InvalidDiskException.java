package io.hyperv4j.disk;

import io.hyperv4j.HyperVException;

/** A virtual disk failed validation (ValidateVirtualHardDisk / Test-VHD): the message says what is wrong. */
public final class InvalidDiskException extends HyperVException {
    /**
     * @param message what is wrong with which disk
     * @param cause   the failure the check reported
     */
    public InvalidDiskException(String message, Throwable cause) {
        super(message, cause);
    }
}
