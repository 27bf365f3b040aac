package io.hyperv4j.scvmm.storage;

import io.hyperv4j.MethodFailedException;

/** A storage call Windows refused; the call changed nothing. */
public final class StorageRefusedException extends MethodFailedException {
    /** Why, as a reason. */
    private final StorageRefusal reason;
    /** The code Windows gave. */
    private final long code;

    /**
     * @param message  what was refused and why
     * @param code     the return value or HRESULT
     * @param codeName the code's documented name, or null
     */
    public StorageRefusedException(String message, long code, String codeName) {
        super(message, code, codeName);
        this.code = code;
        this.reason = StorageRefusal.of(code);
    }

    /**
     * Why, as a reason.
     *
     * @return the reason; {@link StorageRefusal#UNKNOWN} for a code this library does not know
     */
    public StorageRefusal reason() {
        return reason;
    }

    /**
     * The return value (Storage Management API) or HRESULT (Virtual Disk Service) as Windows gave it.
     *
     * @return the code
     */
    public long code() {
        return code;
    }
}
