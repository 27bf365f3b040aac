package io.hyperv4j.wmi;

import java.util.List;

/** A forward-only IEnumWbemClassObject; {@link #close()} releases it. */
interface WbemEnumerator extends AutoCloseable {

    /** What one {@link #next} call returned: objects (owned by the caller) and whether more may follow. */
    record Batch(List<WbemObject> objects, Status status) {}

    enum Status {
        /** The batch is full; more may follow. */
        MORE,
        /** The timeout passed first (WBEM_S_TIMEDOUT); the batch may be partial and more may follow. */
        TIMED_OUT,
        /** The enumeration is over (WBEM_S_FALSE with fewer objects than asked). */
        DONE
    }

    /**
     * Up to {@code max} objects, waiting at most {@code timeoutMillis} (0: return what is there).
     * @throws WmiException for a failed HRESULT
     */
    Batch next(int max, long timeoutMillis);

    @Override
    void close();
}
