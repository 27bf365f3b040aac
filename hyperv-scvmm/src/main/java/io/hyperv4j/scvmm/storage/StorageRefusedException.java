package io.hyperv4j.scvmm.storage;

import io.hyperv4j.MethodFailedException;

/** A storage call Windows refused; the call changed nothing. */
public final class StorageRefusedException extends MethodFailedException {
    private final StorageRefusal reason;
    private final long code;

    public StorageRefusedException(String message, long code, String codeName) {
        super(message, code, codeName);
        this.code = code;
        this.reason = StorageRefusal.of(code);
    }

    public StorageRefusal reason() {
        return reason;
    }

    /** The return value (Storage Management API) or HRESULT (Virtual Disk Service) as Windows gave it. */
    public long code() {
        return code;
    }
}
