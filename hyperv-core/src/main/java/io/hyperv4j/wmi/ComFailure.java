package io.hyperv4j.wmi;

/**
 * A COM call returned a failure HRESULT. Raised by the native binding (and test fakes) without
 * context; the session turns it into a {@link WmiException} that names host, namespace and advice.
 */
final class ComFailure extends RuntimeException {
    private final long hresult;
    private final String call;
    private final String providerMessage;

    public ComFailure(long hresult, String call) {
        this(hresult, call, null);
    }

    /** @param providerMessage what WMI's error object (__ExtendedStatus) said, or null */
    public ComFailure(long hresult, String call, String providerMessage) {
        super(call + " returned " + WmiErrors.symbol(hresult) + " (" + WmiErrors.hex(hresult) + ")"
                + (providerMessage == null ? "" : ": " + providerMessage));
        this.hresult = hresult & 0xFFFFFFFFL;
        this.call = call;
        this.providerMessage = providerMessage;
    }

    /** The description from WMI's extended error object, or null when it gave none. */
    public String providerMessage() {
        return providerMessage;
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
