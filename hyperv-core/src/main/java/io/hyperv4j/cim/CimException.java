package io.hyperv4j.cim;

import io.hyperv4j.HyperVException;
import java.util.OptionalInt;

/**
 * A CIM operation failed with a WBEM status: bad query, unknown class, wrong parameter type, ...
 * The message starts with the status's symbol. {@link #hresult()} is the exact code the host
 * reported, which a provider may set to a Win32 error (0x8007xxxx) beside WMI's generic status, as
 * the failover-cluster provider does. Immutable.
 */
public class CimException extends HyperVException {
    private static final long FACILITY_WIN32 = 0x80070000L;
    /** The WBEM status. */
    private final CimError error;
    /** The exact HRESULT the host returned (the WBEM status's own when there was no other). */
    private final long hresult;

    /**
     * @param error   the WBEM status
     * @param message what failed and where (no credentials)
     */
    public CimException(CimError error, String message) {
        this(error, error.hresult(), message, null);
    }

    /**
     * @param error   the WBEM status
     * @param message what failed and where (no credentials)
     * @param cause   the underlying failure
     */
    public CimException(CimError error, String message, Throwable cause) {
        this(error, error.hresult(), message, cause);
    }

    /**
     * A failure whose HRESULT is not the WBEM status's own, e.g. a Win32 error a provider returned.
     *
     * @param error   the WBEM status
     * @param hresult the HRESULT the host reported
     * @param message what failed and where (no credentials)
     * @param cause   the underlying failure, or null
     */
    public CimException(CimError error, long hresult, String message, Throwable cause) {
        super(error.symbol() + ": " + message, cause);
        this.error = error;
        this.hresult = hresult & 0xFFFFFFFFL;
    }

    /**
     * The WBEM status.
     *
     * @return the status
     */
    public CimError error() {
        return error;
    }

    /**
     * The HRESULT the host reported.
     *
     * @return an unsigned 32-bit value: the WBEM status's unless a provider gave its own
     */
    public long hresult() {
        return hresult;
    }

    /**
     * The Win32 error number, when the HRESULT carries one.
     *
     * @return the error number of a FACILITY_WIN32 HRESULT (0x8007xxxx), or empty
     */
    public OptionalInt win32Error() {
        long h = hresult();
        return (h & 0xFFFF0000L) == FACILITY_WIN32 ? OptionalInt.of((int) (h & 0xFFFF)) : OptionalInt.empty();
    }
}
