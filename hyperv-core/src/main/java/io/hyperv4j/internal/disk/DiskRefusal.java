package io.hyperv4j.internal.disk;

import io.hyperv4j.HyperVException;

/**
 * A virtual disk request refused before anything changed, with the Msvm_ImageManagementService
 * return code Hyper-V documents for it (32773 Invalid parameter, 32770 Not Supported, 32779 File
 * not found) and a message naming what was wrong.
 */
public final class DiskRefusal extends HyperVException {
    public static final int INVALID_PARAMETER = 32773;
    public static final int NOT_SUPPORTED = 32770;
    public static final int FILE_NOT_FOUND = 32779;

    private final int code;

    public DiskRefusal(int code, String message) {
        super(message);
        this.code = code;
    }

    /** The method's return code for this refusal. */
    public int code() {
        return code;
    }
}
