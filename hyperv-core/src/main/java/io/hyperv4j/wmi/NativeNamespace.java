package io.hyperv4j.wmi;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * An IWbemServices proxy for one namespace. GetObject and ExecMethod run semisynchronously
 * (WBEM_FLAG_RETURN_IMMEDIATELY plus IWbemCallResult::GetResultObject with a timeout), PutInstance
 * likewise (IWbemCallResult::GetCallStatus with a timeout), queries return immediately with
 * forward-only enumerators, so every wait WMI does for us is bounded. Every enumerator and call
 * result gets the session's proxy blanket before it is used.
 */
final class NativeNamespace implements WbemNamespace {
    private final NativeCom.ComPtr services;
    private final NativeCom com;
    private final NativeConnector connector;

    NativeNamespace(NativeCom.ComPtr services, NativeConnector connector) {
        this.services = services;
        this.com = services.com();
        this.connector = connector;
    }

    /** A native wait in milliseconds (a LONG/ULONG timeout argument). */
    static int millis(long timeoutMillis) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, timeoutMillis));
    }

    @Override
    public WbemEnumerator execQuery(String wql) {
        return enumerate(ComMethod.EXEC_QUERY, wql);
    }

    @Override
    public WbemEnumerator execNotificationQuery(String wql) {
        return enumerate(ComMethod.EXEC_NOTIFICATION_QUERY, wql);
    }

    private WbemEnumerator enumerate(ComMethod method, String wql) {
        Pointer lang = null;
        Pointer query = null;
        try {
            lang = com.bstr("WQL");
            query = com.bstr(wql);
            PointerByReference e = new PointerByReference();
            com.checkWbem(services.call(method, lang, query,
                    NativeCom.WBEM_FLAG_FORWARD_ONLY | NativeCom.WBEM_FLAG_RETURN_IMMEDIATELY, null, e), method.toString());
            return new NativeEnumerator(secured(com.wrap(e.getValue())));
        } finally {
            com.free(lang, query);
        }
    }

    /** The proxy blanket on an enumerator or call result (a local one may not be a proxy); released if that fails. */
    private NativeCom.ComPtr secured(NativeCom.ComPtr ptr) {
        try {
            connector.secure(ptr, false);
            return ptr;
        } catch (RuntimeException e) {
            ptr.release();
            throw e;
        }
    }

    @Override
    public WbemObject getObject(String path, long timeoutMillis) {
        Pointer p = com.bstr(path);
        try {
            PointerByReference callResult = new PointerByReference();
            com.checkWbem(services.call(ComMethod.GET_OBJECT, p, NativeCom.WBEM_FLAG_RETURN_IMMEDIATELY, null, null, callResult),
                    "IWbemServices::GetObject");
            return result(callResult.getValue(), timeoutMillis, "IWbemServices::GetObject");
        } finally {
            com.free(p);
        }
    }

    @Override
    public WbemObject newInParameters(WbemObject classDef, String method) {
        NativeWbemObject sig = ((NativeWbemObject) classDef).inSignature(method);
        if (sig == null) return null;
        try {
            return sig.spawnInstance();
        } finally {
            sig.close();
        }
    }

    @Override
    public WbemObject spawnInstance(String className, long timeoutMillis) {
        NativeWbemObject cls = (NativeWbemObject) getObject(className, timeoutMillis);
        try {
            return cls.spawnInstance();
        } finally {
            cls.close();
        }
    }

    @Override
    public WbemObject execMethod(String path, String method, WbemObject inParams, long timeoutMillis) {
        Pointer p = null;
        Pointer m = null;
        try {
            p = com.bstr(path);
            m = com.bstr(method);
            PointerByReference callResult = new PointerByReference();
            Pointer in = inParams == null ? null : ((NativeWbemObject) inParams).ptr().pointer();
            com.checkWbem(services.call(ComMethod.EXEC_METHOD, p, m, NativeCom.WBEM_FLAG_RETURN_IMMEDIATELY, null, in, null, callResult),
                    "IWbemServices::ExecMethod");
            return result(callResult.getValue(), timeoutMillis, "IWbemServices::ExecMethod");
        } finally {
            com.free(p, m);
        }
    }

    @Override
    public void putInstance(WbemObject instance, int flags, long timeoutMillis) {
        String call = "IWbemServices::PutInstance";
        PointerByReference callResult = new PointerByReference();
        Pointer inst = ((NativeWbemObject) instance).ptr().pointer();
        com.checkWbem(services.call(ComMethod.PUT_INSTANCE, inst, flags | NativeCom.WBEM_FLAG_RETURN_IMMEDIATELY, null, callResult), call);
        NativeCom.ComPtr cr = secured(com.wrap(callResult.getValue()));
        try {
            IntByReference status = new IntByReference();
            int hr = com.checkWbem(cr.call(ComMethod.GET_CALL_STATUS, millis(timeoutMillis), status), call + " (IWbemCallResult::GetCallStatus)");
            if (hr == WmiErrors.WBEM_S_TIMEDOUT) throw new ComFailure(NativeCom.WBEM_E_TIMED_OUT, call);
            com.checkWbem(status.getValue(), call); // the outcome of the put itself
        } finally {
            cr.release();
        }
    }

    /** Waits on an IWbemCallResult for the object, at most {@code timeoutMillis}; releases the call result. */
    private WbemObject result(Pointer callResultPtr, long timeoutMillis, String call) {
        NativeCom.ComPtr callResult = secured(com.wrap(callResultPtr));
        try {
            PointerByReference obj = new PointerByReference();
            int hr = com.checkWbem(callResult.call(ComMethod.GET_RESULT_OBJECT, millis(timeoutMillis), obj),
                    call + " (IWbemCallResult::GetResultObject)");
            if (hr == WmiErrors.WBEM_S_TIMEDOUT) throw new ComFailure(NativeCom.WBEM_E_TIMED_OUT, call);
            return com.object(obj.getValue());
        } finally {
            callResult.release();
        }
    }

    @Override
    public void close() {
        services.release();
    }
}
