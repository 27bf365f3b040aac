package io.hyperv4j.wmi;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;

/**
 * A WMI or DCOM call failed. Carries the exact HRESULT and its symbolic name (which may be an RPC or
 * Win32 code such as {@code RPC_S_SERVER_UNAVAILABLE}) besides the nearest {@link CimError}, so
 * callers can catch by error class and still see what Windows said.
 */
public class WmiException extends CimException {
    /** The HRESULT, unsigned. */
    private final long hresult;
    /** Its documented symbolic name. */
    private final String symbol;

    WmiException(CimError error, long hresult, String symbol, String message) {
        super(error, message);
        this.hresult = hresult & 0xFFFFFFFFL;
        this.symbol = symbol;
    }

    /**
     * The HRESULT as an unsigned 32-bit value.
     *
     * @return the HRESULT, 0 to 0xFFFFFFFF
     */
    public long hresult() {
        return hresult;
    }

    /**
     * The symbolic name Microsoft documents for {@link #hresult()}.
     *
     * @return e.g. {@code RPC_S_SERVER_UNAVAILABLE}
     */
    public String symbol() {
        return symbol;
    }
}
