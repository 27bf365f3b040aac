package io.hyperv4j.wmi;

/**
 * One IWbemServices connection to a namespace, with the proxy security already set. Every method is
 * called on the session's COM thread; failures are {@link WmiException}s.
 */
interface WbemNamespace extends AutoCloseable {

    /** WBEM_FLAG_UPDATE_ONLY (WBEM_CHANGE_FLAG_TYPE in wbemcli.h): PutInstance may only change an existing instance. */
    int WBEM_FLAG_UPDATE_ONLY = 0x1;

    /** ExecQuery in WQL, forward-only and returning immediately, so {@link WbemEnumerator#next} bounds the wait. */
    WbemEnumerator execQuery(String wql);

    /** ExecNotificationQuery in WQL (forward-only, returning immediately, as WMI requires). */
    WbemEnumerator execNotificationQuery(String wql);

    /** GetObject of an instance or class by its (namespace-relative) path, waiting at most {@code timeoutMillis}. */
    WbemObject getObject(String path, long timeoutMillis);

    /**
     * A new instance of the method's in-parameters ({@code GetMethod} + {@code SpawnInstance}) on the
     * class definition {@code classDef}; null when the method takes no input.
     * @throws WmiException WBEM_E_NOT_FOUND when the class has no such method
     */
    WbemObject newInParameters(WbemObject classDef, String method);

    /** A new, empty instance of {@code className} (for embedded-object values). */
    WbemObject spawnInstance(String className, long timeoutMillis);

    /**
     * ExecMethod on {@code path} (an instance or class), waiting at most {@code timeoutMillis}; the
     * out-parameters object, or null for a method with no output.
     */
    WbemObject execMethod(String path, String method, WbemObject inParams, long timeoutMillis);

    /**
     * PutInstance of {@code instance} with {@code flags} (the session passes {@link #WBEM_FLAG_UPDATE_ONLY}),
     * waiting at most {@code timeoutMillis} for the provider; WBEM_E_TIMED_OUT when it has not answered by then.
     */
    void putInstance(WbemObject instance, int flags, long timeoutMillis);

    @Override
    void close();
}
