package io.hyperv4j.wmi;

/**
 * Opens namespace connections and owns the apartment the COM thread lives in. The native
 * implementation is created only when a Windows session opens; tests pass fakes.
 */
interface WbemConnector extends AutoCloseable {

    /** Joins the calling thread to the COM multithreaded apartment (CoInitializeEx) and, once per process, sets COM security. */
    void enterApartment();

    /** Leaves the apartment (CoUninitialize) on the calling thread. */
    void leaveApartment();

    /**
     * Connects to {@code namespace} on the target host (IWbemLocator::ConnectServer, then
     * CoSetProxyBlanket with the credentials). Called on the COM thread.
     */
    WbemNamespace connect(String namespace);

    /** Releases the locator and wipes the credentials held for proxies. Called on the COM thread. */
    @Override
    void close();
}
