package io.hyperv4j.wmi;

/**
 * A COM call returned a failure HRESULT. Raised by the native binding (and test fakes) without
 * context; the session turns it into a {@link WmiException} that names host, namespace and advice.
 */
public final class ComFailure extends RuntimeException {
    private final long hresult;
    private final String call;

    public ComFailure(long hresult, String call) {
        super(call + " returned " + WmiErrors.symbol(hresult) + " (" + WmiErrors.hex(hresult) + ")");
        this.hresult = hresult & 0xFFFFFFFFL;
        this.call = call;
    }

    public long hresult() {
        return hresult;
    }

    /** The COM method that failed, e.g. {@code IWbemServices::ExecMethod}. */
    public String call() {
        return call;
    }

    /** Throws for a failure HRESULT; returns it otherwise (success codes such as WBEM_S_FALSE pass). */
    public static int check(int hresult, String call) {
        if (WmiErrors.failed(hresult & 0xFFFFFFFFL)) throw new ComFailure(hresult, call);
        return hresult;
    }
}
