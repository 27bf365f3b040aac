package io.hyperv4j.cim;

import java.util.Arrays;

/**
 * The WBEM_E_* status codes a CIM session reports (WbemErrorEnum). The simulator raises the same
 * codes the Windows WMI service would, so callers handle one error model everywhere. Immutable.
 */
public enum CimError {
    /** The call failed, for no more specific reason. */
    FAILED(0x80041001L),
    /** The object does not exist. */
    NOT_FOUND(0x80041002L),
    /** The caller lacks the permission. */
    ACCESS_DENIED(0x80041003L),
    /** The provider failed after it was initialized. */
    PROVIDER_FAILURE(0x80041004L),
    /** A value does not have, or cannot be converted to, the declared type. */
    TYPE_MISMATCH(0x80041005L),
    /** Not enough memory for the operation. */
    OUT_OF_MEMORY(0x80041006L),
    /** A parameter of the call is not correct. */
    INVALID_PARAMETER(0x80041008L),
    /** The resource, typically a remote server, is not available now. */
    NOT_AVAILABLE(0x80041009L),
    /** The feature or operation is not supported. */
    NOT_SUPPORTED(0x8004100CL),
    /** The namespace does not exist. */
    INVALID_NAMESPACE(0x8004100EL),
    /** The instance is not valid. */
    INVALID_OBJECT(0x8004100FL),
    /** The class does not exist or is not valid. */
    INVALID_CLASS(0x80041010L),
    /** A network error prevented the operation. */
    TRANSPORT_FAILURE(0x80041015L),
    /** The operation is not valid. */
    INVALID_OPERATION(0x80041016L),
    /** The query is not syntactically valid. */
    INVALID_QUERY(0x80041017L),
    /** The query language or statement type is not supported. */
    INVALID_QUERY_TYPE(0x80041018L),
    /** The object to create already exists. */
    ALREADY_EXISTS(0x80041019L),
    /** The syntax is not valid. */
    INVALID_SYNTAX(0x80041021L),
    /** The property does not exist or is not valid. */
    INVALID_PROPERTY(0x80041031L),
    /** The method does not exist. */
    INVALID_METHOD(0x8004102EL),
    /** The parameters given to the method are not valid. */
    INVALID_METHOD_PARAMETERS(0x8004102FL),
    /** The call was cancelled. */
    CALL_CANCELLED(0x80041032L),
    /** The service is shutting down. */
    SHUTTING_DOWN(0x80041033L),
    /** The object path is not syntactically valid. */
    INVALID_OBJECT_PATH(0x8004103AL),
    /** The operation did not finish in time. */
    TIMED_OUT(0x80041069L);

    private final long hresult;

    CimError(long hresult) {
        this.hresult = hresult;
    }

    /**
     * The HRESULT as an unsigned 32-bit value, e.g. 0x80041002 for WBEM_E_NOT_FOUND.
     *
     * @return the HRESULT
     */
    public long hresult() {
        return hresult;
    }

    /**
     * The symbolic name Microsoft documents, e.g. {@code WBEM_E_NOT_FOUND}.
     *
     * @return the symbol
     */
    public String symbol() {
        return "WBEM_E_" + name();
    }

    /**
     * The status with this HRESULT.
     *
     * @param hresult the HRESULT (only its low 32 bits count)
     * @return the status, or {@link #FAILED} for one not listed here
     */
    public static CimError fromHresult(long hresult) {
        long h = hresult & 0xFFFFFFFFL;
        return Arrays.stream(values()).filter(e -> e.hresult == h).findFirst().orElse(FAILED);
    }
}
