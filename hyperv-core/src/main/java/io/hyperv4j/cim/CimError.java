package io.hyperv4j.cim;

import java.util.Arrays;

/**
 * The WBEM_E_* status codes a CIM session reports (WbemErrorEnum). The simulator raises the same
 * codes the Windows WMI service would, so callers handle one error model everywhere.
 */
public enum CimError {
    FAILED(0x80041001L),
    NOT_FOUND(0x80041002L),
    ACCESS_DENIED(0x80041003L),
    PROVIDER_FAILURE(0x80041004L),
    TYPE_MISMATCH(0x80041005L),
    OUT_OF_MEMORY(0x80041006L),
    INVALID_PARAMETER(0x80041008L),
    NOT_AVAILABLE(0x80041009L),
    NOT_SUPPORTED(0x8004100CL),
    INVALID_NAMESPACE(0x8004100EL),
    INVALID_OBJECT(0x8004100FL),
    INVALID_CLASS(0x80041010L),
    TRANSPORT_FAILURE(0x80041015L),
    INVALID_OPERATION(0x80041016L),
    INVALID_QUERY(0x80041017L),
    INVALID_QUERY_TYPE(0x80041018L),
    ALREADY_EXISTS(0x80041019L),
    INVALID_SYNTAX(0x80041021L),
    INVALID_PROPERTY(0x80041031L),
    INVALID_METHOD(0x8004102EL),
    INVALID_METHOD_PARAMETERS(0x8004102FL),
    CALL_CANCELLED(0x80041032L),
    SHUTTING_DOWN(0x80041033L),
    INVALID_OBJECT_PATH(0x8004103AL),
    TIMED_OUT(0x80041069L);

    private final long hresult;

    CimError(long hresult) {
        this.hresult = hresult;
    }

    /** The HRESULT as an unsigned 32-bit value, e.g. 0x80041002 for WBEM_E_NOT_FOUND. */
    public long hresult() {
        return hresult;
    }

    /** The symbolic name Microsoft documents, e.g. {@code WBEM_E_NOT_FOUND}. */
    public String symbol() {
        return "WBEM_E_" + name();
    }

    public static CimError fromHresult(long hresult) {
        long h = hresult & 0xFFFFFFFFL;
        return Arrays.stream(values()).filter(e -> e.hresult == h).findFirst().orElse(FAILED);
    }
}
