package io.hyperv4j.scvmm.storage.internal.vds;

import io.hyperv4j.scvmm.storage.StorageRefusal;

/**
 * VDS failures onto the reasons the Storage Management API documents. Only the generic COM
 * HRESULTs (winerror.h, checked against Wine's) are mapped; VDS's own VDS_E_* codes are in no
 * header this project can check, so they stay {@link StorageRefusal#UNKNOWN} with the HRESULT kept.
 */
final class VdsErrors {
    static final int E_INVALIDARG = 0x80070057, E_ACCESSDENIED = 0x80070005, E_NOTIMPL = 0x80004001;

    private VdsErrors() {
    }

    static StorageRefusal reason(int hr) {
        return switch (hr) {
            case E_INVALIDARG -> StorageRefusal.INVALID_PARAMETER;
            case E_ACCESSDENIED -> StorageRefusal.ACCESS_DENIED;
            case E_NOTIMPL -> StorageRefusal.NOT_SUPPORTED;
            default -> StorageRefusal.UNKNOWN;
        };
    }
}
