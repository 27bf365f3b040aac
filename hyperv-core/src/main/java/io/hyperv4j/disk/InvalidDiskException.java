package io.hyperv4j.disk;

import io.hyperv4j.HyperVException;

/** A virtual disk failed validation (ValidateVirtualHardDisk / Test-VHD): the message says what is wrong. */
public final class InvalidDiskException extends HyperVException {
    public InvalidDiskException(String message, Throwable cause) {
        super(message, cause);
    }
}
