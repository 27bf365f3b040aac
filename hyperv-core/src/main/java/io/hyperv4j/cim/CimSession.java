package io.hyperv4j.cim;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One connection to a CIM server (a Hyper-V host's WMI service, or a simulated host). The typed
 * API uses nothing else, so every transport behaves the same to it. Knows nothing of Hyper-V.
 * <p>Thread-safe. Every call is bounded by {@link #timeout()} and fails with
 * {@link CimError#TIMED_OUT} past it; failures are {@link CimException}s with WBEM status codes.
 */
public interface CimSession extends AutoCloseable {

    /** The default bound on one call, unless the session was opened with another. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /**
     * The host this session speaks to, as the server part of the paths it returns.
     *
     * @return the host name
     */
    String host();

    /**
     * The bound on each blocking call of this session.
     *
     * @return the timeout
     */
    Duration timeout();

    /**
     * Runs a WQL data query: {@code SELECT}, {@code ASSOCIATORS OF} or {@code REFERENCES OF}.
     * Returned instances carry full paths.
     *
     * @param namespace the namespace, e.g. {@code root\virtualization\v2}
     * @param wql       the statement
     * @return the matching instances
     * @throws CimException WBEM_E_INVALID_QUERY (naming the position), WBEM_E_INVALID_NAMESPACE,
     *         WBEM_E_INVALID_CLASS, or the transport's failure
     */
    List<CimInstance> query(String namespace, String wql);

    /**
     * The instance at {@code path} (which names its namespace).
     *
     * @param path the instance's path
     * @return the instance
     * @throws CimException WBEM_E_NOT_FOUND when absent
     */
    CimInstance get(ObjectPath path);

    /**
     * Invokes a method on an instance (or, with a key-less path, on a class). Parameters are
     * checked against the class schema: an unknown name or a wrong type fails with
     * WBEM_E_INVALID_METHOD_PARAMETERS / WBEM_E_TYPE_MISMATCH and changes nothing.
     *
     * @param target the instance, or the class for a static method
     * @param method the method name
     * @param in     the in-parameters by name
     * @return the ReturnValue and out-parameters (a non-zero ReturnValue is not an exception)
     */
    MethodResult invoke(ObjectPath target, String method, Map<String, CimValue> in);

    /**
     * Subscribes to a WQL event query ({@code SELECT * FROM __InstanceModificationEvent WITHIN 2
     * WHERE TargetInstance ISA 'Msvm_ComputerSystem'}). Each event is delivered as an instance of
     * the event class (TargetInstance, PreviousInstance as embedded objects). Closing the returned
     * subscription stops delivery.
     *
     * @param namespace  the namespace
     * @param eventQuery the WQL event query
     * @param listener   receives each event
     * @return the subscription; closing it never throws
     */
    Subscription subscribe(String namespace, String eventQuery, Consumer<CimInstance> listener);

    /**
     * Whether time on this session's clock passes only while a caller waits in {@link #await}: true
     * for a simulated virtual clock, false for a real host and for scaled or manual simulated
     * clocks. A future handed out for an operation then needs a thread that waits for it.
     *
     * @return true when only a waiting caller makes time pass
     */
    default boolean timeAdvancesOnlyWhileWaiting() {
        return false;
    }

    /**
     * {@code ASSOCIATORS OF {path} WHERE AssocClass = .. ResultClass = ..}; null filters are left out.
     *
     * @param path        the source instance (its namespace is queried)
     * @param assocClass  the association class, or null
     * @param resultClass the class of the associated instances, or null
     * @return the associated instances
     */
    default List<CimInstance> associators(ObjectPath path, String assocClass, String resultClass) {
        return query(path.namespace(), Wql.associatorsOf(path, assocClass, resultClass, null, null));
    }

    /**
     * {@code REFERENCES OF {path} WHERE ResultClass = ..}; null filters are left out.
     *
     * @param path        the target instance
     * @param resultClass the association class, or null
     * @return the association instances that refer to it
     */
    default List<CimInstance> references(ObjectPath path, String resultClass) {
        return query(path.namespace(), Wql.referencesOf(path, resultClass, null));
    }

    /**
     * Waits for {@code future} (typically completed by an event from {@link #subscribe}) for at most
     * {@code timeout} on this session's clock. A real transport simply blocks; a simulated session
     * on a virtual clock advances its clock while the caller waits, so a 15-minute job completes
     * in milliseconds of wall time and a test never sleeps.
     *
     * @param <T>     the result type
     * @param future  what to wait for
     * @param timeout the longest wait
     * @return the future's result
     * @throws CimException WBEM_E_TIMED_OUT when the timeout passes first, WBEM_E_CALL_CANCELLED when
     *         the thread is interrupted (the interrupt flag is kept)
     */
    default <T> T await(CompletableFuture<T> future, Duration timeout) {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new CimException(CimError.TIMED_OUT, "no completion within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CimException(CimError.CALL_CANCELLED, "interrupted while waiting", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new CimException(CimError.FAILED, String.valueOf(e.getCause()), e.getCause());
        }
    }

    /**
     * Writes an instance's changed properties back (WMI PutInstance, update only). The instance
     * must carry its path. Transports that cannot write throw WBEM_E_NOT_SUPPORTED.
     *
     * @param instance the changed instance, with its path
     */
    default void modify(CimInstance instance) {
        throw new CimException(CimError.NOT_SUPPORTED, "this session cannot modify instances");
    }

    /** Releases the connection; later calls fail. Never throws. */
    @Override
    void close();
}
