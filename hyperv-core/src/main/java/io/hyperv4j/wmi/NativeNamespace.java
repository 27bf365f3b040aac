package io.hyperv4j.wmi;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * An IWbemServices proxy for one namespace. GetObject and ExecMethod run semisynchronously
 * (WBEM_FLAG_RETURN_IMMEDIATELY plus IWbemCallResult::GetResultObject with a timeout), PutInstance
 * likewise (IWbemCallResult::GetCallStatus with a timeout), queries
 * return immediately with forward-only enumerators, so every wait WMI does for us is bounded.
 */
final class NativeNamespace implements WbemNamespace {
    private static final int GET_OBJECT = 6;
    private static final int PUT_INSTANCE = 14;
    private static final int EXEC_QUERY = 20;
    private static final int EXEC_NOTIFICATION_QUERY = 22;
    private static final int EXEC_METHOD = 24;
    private static final int CALL_RESULT_GET_RESULT_OBJECT = 3;
    private static final int CALL_RESULT_GET_CALL_STATUS = 6;

    private final NativeCom.ComPtr services;
    private final NativeConnector connector;

    NativeNamespace(NativeCom.ComPtr services, NativeConnector connector) {
        this.services = services;
        this.connector = connector;
    }

    @Override
    public WbemEnumerator execQuery(String wql) {
        return enumerate(EXEC_QUERY, wql, "IWbemServices::ExecQuery");
    }

    @Override
    public WbemEnumerator execNotificationQuery(String wql) {
        return enumerate(EXEC_NOTIFICATION_QUERY, wql, "IWbemServices::ExecNotificationQuery");
    }

    private WbemEnumerator enumerate(int index, String wql, String call) {
        Pointer lang = NativeCom.bstr("WQL");
        Pointer query = NativeCom.bstr(wql);
        try {
            PointerByReference e = new PointerByReference();
            NativeCom.checkWbem(services.call(index, lang, query,
                    NativeCom.WBEM_FLAG_FORWARD_ONLY | NativeCom.WBEM_FLAG_RETURN_IMMEDIATELY, null, e), call);
            NativeCom.ComPtr ptr = new NativeCom.ComPtr(e.getValue());
            connector.secure(ptr, false); // remote enumerators are proxies and need it; a local one may not be a proxy
            return new NativeEnumerator(ptr);
        } finally {
            NativeCom.free(lang);
            NativeCom.free(query);
        }
    }

    @Override
    public WbemObject getObject(String path, long timeoutMillis) {
        Pointer p = NativeCom.bstr(path);
        try {
            PointerByReference callResult = new PointerByReference();
            NativeCom.checkWbem(services.call(GET_OBJECT, p, NativeCom.WBEM_FLAG_RETURN_IMMEDIATELY, null, null, callResult),
                    "IWbemServices::GetObject");
            return result(callResult.getValue(), timeoutMillis, "IWbemServices::GetObject");
        } finally {
            NativeCom.free(p);
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
        Pointer p = NativeCom.bstr(path);
        Pointer m = NativeCom.bstr(method);
        try {
            PointerByReference callResult = new PointerByReference();
            Pointer in = inParams == null ? null : ((NativeWbemObject) inParams).ptr().getPointer();
            NativeCom.checkWbem(services.call(EXEC_METHOD, p, m, NativeCom.WBEM_FLAG_RETURN_IMMEDIATELY, null, in, null, callResult),
                    "IWbemServices::ExecMethod");
            return result(callResult.getValue(), timeoutMillis, "IWbemServices::ExecMethod");
        } finally {
            NativeCom.free(p);
            NativeCom.free(m);
        }
    }

    @Override
    public void putInstance(WbemObject instance, int flags, long timeoutMillis) {
        String call = "IWbemServices::PutInstance";
        PointerByReference callResult = new PointerByReference();
        Pointer inst = ((NativeWbemObject) instance).ptr().getPointer();
        NativeCom.checkWbem(services.call(PUT_INSTANCE, inst, flags | NativeCom.WBEM_FLAG_RETURN_IMMEDIATELY, null, callResult), call);
        if (callResult.getValue() == null) throw new ComFailure(0x80004003L, call + " returned no call result");
        NativeCom.ComPtr cr = new NativeCom.ComPtr(callResult.getValue());
        try {
            connector.secure(cr, false);
            IntByReference status = new IntByReference();
            int timeout = (int) Math.min(Integer.MAX_VALUE, Math.max(0, timeoutMillis));
            int hr = NativeCom.checkWbem(cr.call(CALL_RESULT_GET_CALL_STATUS, timeout, status), call + " (IWbemCallResult::GetCallStatus)");
            if (hr == WmiErrors.WBEM_S_TIMEDOUT) throw new ComFailure(NativeCom.WBEM_E_TIMED_OUT, call);
            NativeCom.checkWbem(status.getValue(), call); // the outcome of the put itself
        } finally {
            cr.release();
        }
    }

    /** Waits on an IWbemCallResult for the object, at most {@code timeoutMillis}; releases the call result. */
    private WbemObject result(Pointer callResultPtr, long timeoutMillis, String call) {
        if (callResultPtr == null) throw new ComFailure(0x80004003L, call + " returned no call result");
        NativeCom.ComPtr callResult = new NativeCom.ComPtr(callResultPtr);
        try {
            connector.secure(callResult, false);
            PointerByReference obj = new PointerByReference();
            int timeout = (int) Math.min(Integer.MAX_VALUE, Math.max(0, timeoutMillis));
            int hr = NativeCom.checkWbem(callResult.call(CALL_RESULT_GET_RESULT_OBJECT, timeout, obj), call + " (IWbemCallResult::GetResultObject)");
            if (hr == WmiErrors.WBEM_S_TIMEDOUT) throw new ComFailure(NativeCom.WBEM_E_TIMED_OUT, call);
            return NativeWbemObject.wrap(obj.getValue());
        } finally {
            callResult.release();
        }
    }

    @Override
    public void close() {
        services.release();
    }
}
