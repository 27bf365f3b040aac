package io.hyperv4j.job;

import io.hyperv4j.HyperVException;
import io.hyperv4j.HyperVTimeoutException;
import io.hyperv4j.OperationCancelledException;
import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one implementation of {@link Operation}: every module's long operations extend it (a
 * Msvm_ConcreteJob, a state the host reaches later, a cluster group reaching its node).
 * <p>A subclass watches its source (events, or reads when the transport has none) and calls
 * {@link #finish} with the raw outcome once the source shows the end; {@link #settle} turns that
 * outcome into the result or the typed failure, exactly once, on a thread that may call the host
 * (the caller's, or this class's waiter threads for {@link #toCompletableFuture()}), never on the
 * event thread, which may be the transport's own. A subclass may settle at once on the event
 * thread (via {@link #settleNow}) when settling needs no call to the host.
 * <p>Thread-safety: instances are thread-safe. Any number of threads may {@link #await} at once,
 * each bounded by its own timeout (there is no lock around the wait); progress listeners are
 * called one by one, a failing listener is logged and does not stop the others or the operation.
 * {@link #toCompletableFuture()} completes on every clock: on a simulated virtual clock, where
 * time passes only while someone waits, a waiter thread waits for the future.
 *
 * @param <T> the result
 * @param <O> the raw outcome the source reports (e.g. the job's final instance)
 */
public abstract class AbstractOperation<T, O> implements Operation<T> {
    private static final Logger LOG = LoggerFactory.getLogger(AbstractOperation.class);

    /** How often the source is read while waiting when the transport cannot push events. */
    protected static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    /** Settles for futures and waits for them on virtual clocks: daemon threads, made on demand. */
    private static final Executor WAITERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hyperv4j-operation-waiter");
        t.setDaemon(true);
        return t;
    });

    /** The session the operation's source lives on. */
    protected final CimSession session;
    private final String description;
    private final Duration defaultTimeout;
    /** Completed with the raw outcome once the source shows the end (null may mean "gone, re-read"). */
    protected final CompletableFuture<O> finished = new CompletableFuture<>();
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final AtomicBoolean settling = new AtomicBoolean();
    private final AtomicBoolean handedOut = new AtomicBoolean();
    /** What {@link #toCompletableFuture()} hands out copies of: the result, or a timeout of the waiter. */
    private final CompletableFuture<T> future = new CompletableFuture<>();
    private final List<IntConsumer> progressListeners = new CopyOnWriteArrayList<>();
    private volatile int percent;
    private volatile long completionObservedNanos;
    private volatile boolean polling;

    /**
     * @param session        the session the source is watched on
     * @param description    what is being done, for messages ("start VM 'web01' (4F1D...)")
     * @param defaultTimeout the bound of {@link #await()}, usually from
     *                       {@link io.hyperv4j.ConnectOptions#operationTimeout()}
     */
    protected AbstractOperation(CimSession session, String description, Duration defaultTimeout) {
        this.session = Objects.requireNonNull(session, "session");
        this.description = Objects.requireNonNull(description, "description");
        this.defaultTimeout = Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        finished.whenComplete((o, e) -> completionObservedNanos = System.nanoTime());
        result.whenComplete((v, e) -> {
            if (e == null) future.complete(v);
            else future.completeExceptionally(e instanceof CompletionException c && c.getCause() != null ? c.getCause() : e);
        });
    }

    /** Turns the raw outcome into the result, or throws the typed failure. Runs once. */
    protected abstract T settle(O outcome);

    /** Called when a wait times out (and, without events, between waits): read the source once. */
    protected abstract void recheck();

    /** What the timeout message adds about how far the operation got. */
    protected String progressNote() {
        return percent + "% done";
    }

    /**
     * The exception for an {@link #await(Duration)} that ran out before the end. A subclass may
     * first ask the host to stop the work (a cluster move does) or say how far it got.
     */
    protected RuntimeException timedOut(Duration timeout) {
        return new HyperVTimeoutException(description + " did not complete within " + timeout
                + " (" + progressNote() + "); it may still be running on the host");
    }

    /**
     * Records that the source reached its end with {@code outcome}; true when this call ended the
     * operation (later calls change nothing).
     */
    protected final boolean finish(O outcome) {
        return finished.complete(outcome);
    }

    /**
     * Subscribes through {@code subscribe}; when the transport cannot deliver events
     * (WBEM_E_NOT_SUPPORTED), falls back to reading the source while waiting. Null without events.
     */
    protected Subscription subscribeOrPoll(Supplier<Subscription> subscribe) {
        try {
            return subscribe.get();
        } catch (CimException e) {
            if (e.error() != CimError.NOT_SUPPORTED) throw e;
            LOG.debug("no events for '{}' ({}); reading every {}", description, e.getMessage(), POLL_INTERVAL);
            polling = true;
            return null;
        }
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public int progress() {
        return percent;
    }

    /**
     * RUNNING until the source reached its end; then settles on the calling thread (if nobody has
     * yet) and says how: SUCCEEDED, CANCELLED ({@link OperationCancelledException}) or FAILED.
     */
    @Override
    public OperationState state() {
        if (!finished.isDone()) return OperationState.RUNNING;
        settleNow();
        if (!result.isDone()) return OperationState.RUNNING; // another thread is settling it
        if (!result.isCompletedExceptionally()) return OperationState.SUCCEEDED;
        try {
            result.join();
            return OperationState.FAILED;
        } catch (CompletionException e) {
            return e.getCause() instanceof OperationCancelledException ? OperationState.CANCELLED : OperationState.FAILED;
        }
    }

    @Override
    public T await() {
        return await(defaultTimeout);
    }

    @Override
    public T await(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        Duration left = timeout;
        while (!finished.isDone()) {
            // Without events (a transport that cannot subscribe) wait in slices and read in between.
            Duration slice = polling && left.compareTo(POLL_INTERVAL) > 0 ? POLL_INTERVAL : left;
            try {
                session.await(finished, slice);
            } catch (CimException e) {
                if (e.error() != CimError.TIMED_OUT) throw e;
                recheck();
                left = left.minus(slice);
                if (!finished.isDone() && (left.isZero() || left.isNegative())) throw timedOut(timeout);
            }
        }
        return resolve(left, timeout);
    }

    /**
     * Completes when the operation does. On a clock where time passes only while someone waits
     * (a simulated virtual clock), and on a transport without events, a waiter thread waits for
     * it with the default timeout; past it the future fails with {@link HyperVTimeoutException}
     * (the operation itself may go on). Completing the future from outside changes nothing.
     */
    @Override
    public CompletableFuture<T> toCompletableFuture() {
        if (!result.isDone() && handedOut.compareAndSet(false, true)) {
            finished.whenCompleteAsync((o, e) -> settleNow(), WAITERS);
            if (polling || session.timeAdvancesOnlyWhileWaiting()) WAITERS.execute(this::waitForFuture);
        }
        return future.copy();
    }

    private void waitForFuture() {
        try {
            await();
        } catch (RuntimeException e) {
            // the operation's own failure is already in the result; a timeout or a closed session is not
            future.completeExceptionally(e);
        }
    }

    /**
     * Calls {@code listener} with each new percentage (on the thread that saw it: an event thread,
     * or a waiting caller); an operation already finished reports 100 at once.
     */
    @Override
    public Subscription onProgress(IntConsumer listener) {
        Objects.requireNonNull(listener, "listener");
        progressListeners.add(listener);
        if (result.isDone() && percent == 100) notify(listener, 100); // too late for the events: say where it ended
        return () -> progressListeners.remove(listener);
    }

    /** When this client learnt of completion ({@link System#nanoTime()}), 0 while running. For benchmarks. */
    public long completionObservedNanos() {
        return completionObservedNanos;
    }

    /** Reports a new percentage (clamped to 0..100) to the listeners, if it changed. */
    protected void reportProgress(int newPercent) {
        int p = Math.max(0, Math.min(100, newPercent));
        if (p == percent) return;
        percent = p;
        for (IntConsumer l : progressListeners) notify(l, p);
    }

    private void notify(IntConsumer listener, int p) {
        try {
            listener.accept(p);
        } catch (RuntimeException e) {
            LOG.warn("progress listener of '{}' failed", description, e);
        }
    }

    /** Settles now if the source has ended and nobody has, keeping a failure for whoever awaits. */
    protected void settleNow() {
        if (finished.isDone() && settling.compareAndSet(false, true)) settle();
    }

    private void settle() {
        try {
            result.complete(settle(finished.join()));
        } catch (CompletionException e) {
            result.completeExceptionally(e.getCause());
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    private T resolve(Duration left, Duration timeout) {
        settleNow();
        if (!result.isDone()) {
            // another thread is settling (a few bounded calls to the host): wait for it within our own time
            try {
                session.await(result, left.isNegative() ? Duration.ZERO : left);
            } catch (CimException e) {
                if (e.error() == CimError.TIMED_OUT && !result.isDone()) throw timedOut(timeout);
            } catch (RuntimeException e) {
                // the failure is in the result
            }
        }
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new HyperVException(description + " failed: " + e.getCause(), e.getCause());
        }
    }

    /** TargetInstance of an __InstanceModificationEvent, embedded object or its CIM-XML text; null when absent. */
    protected static CimInstance targetInstance(CimInstance event) {
        return event.find("TargetInstance").map(CimValue::asEmbeddedInstance).orElse(null);
    }
}
