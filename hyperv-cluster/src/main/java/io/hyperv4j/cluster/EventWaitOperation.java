package io.hyperv4j.cluster;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.Subscription;
import io.hyperv4j.job.Operation;
import io.hyperv4j.job.OperationState;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operation that ends when one cluster object reaches a state: MSCluster methods return at once
 * and report nothing, so completion is the object's own state, pushed by instance modification
 * events (read again when a wait times out, in case an event was missed, as os-win learned).
 * The result is worked out on the waiting thread, never on the event thread.
 */
final class EventWaitOperation<T> implements Operation<T> {
    private static final Logger LOG = LoggerFactory.getLogger(EventWaitOperation.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final CimSession session;
    private final String description;
    private final Duration defaultTimeout;
    private final Predicate<CimInstance> terminal;
    private final Supplier<CimInstance> read;
    private final Function<CimInstance, T> settle;
    private final IntSupplier progress;
    private final BooleanSupplier cancel;
    private final Function<CimInstance, RuntimeException> onTimeout;
    private final CompletableFuture<CimInstance> finished = new CompletableFuture<>();
    private final List<IntConsumer> listeners = new CopyOnWriteArrayList<>();
    private volatile Subscription subscription;
    private volatile Subscription progressSubscription;
    private volatile int lastProgress;
    private volatile OperationState state = OperationState.RUNNING;
    private volatile T result;
    private volatile RuntimeException failure;
    private CompletableFuture<T> future;

    /**
     * @param eventQuery WQL for the watched object's modification events
     * @param terminal   whether the object's instance shows the operation has ended (either way)
     * @param read       reads the object now
     * @param settle     the result for the final instance, or throws the typed failure
     * @param onTimeout  the exception for a wait that ran out (after asking the host to cancel)
     */
    EventWaitOperation(CimSession session, String description, Duration defaultTimeout, String eventQuery,
                       Predicate<CimInstance> terminal, Supplier<CimInstance> read, Function<CimInstance, T> settle,
                       IntSupplier progress, BooleanSupplier cancel, Function<CimInstance, RuntimeException> onTimeout) {
        this.session = Objects.requireNonNull(session);
        this.description = description;
        this.defaultTimeout = defaultTimeout;
        this.terminal = terminal;
        this.read = read;
        this.settle = settle;
        this.progress = progress;
        this.cancel = cancel;
        this.onTimeout = onTimeout;
        try {
            subscription = session.subscribe(MsCluster.NAMESPACE, eventQuery, this::onEvent);
        } catch (CimException e) {
            if (e.error() != CimError.NOT_SUPPORTED) throw e;
            LOG.debug("no events for '{}'; reading every {}", description, POLL);
        }
    }

    /** Also report progress on the events of {@code query} (e.g. the resource that carries MigrationProgress). */
    EventWaitOperation<T> progressFrom(String query) {
        if (subscription == null) return this;
        progressSubscription = session.subscribe(MsCluster.NAMESPACE, query, e -> {
            int p = progress.getAsInt();
            if (p <= lastProgress) return; // progress only goes forward (the resource reads 0 once the move ended)
            lastProgress = p;
            listeners.forEach(l -> l.accept(p));
        });
        return this;
    }

    /** Call once the operation was started: it may already be over. */
    EventWaitOperation<T> started() {
        CimInstance now = read.get();
        if (terminal.test(now)) finished.complete(now);
        return this;
    }

    private void onEvent(CimInstance event) {
        CimValue t = event.get("TargetInstance");
        if (t == null || t.isNull()) return;
        CimInstance target = t.asInstance();
        if (terminal.test(target)) finished.complete(target);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public int progress() {
        return state == OperationState.SUCCEEDED ? 100 : Math.max(lastProgress, progress.getAsInt());
    }

    /**
     * The state, settled on the calling thread once the watched object has reached its end, so
     * {@code isDone()} turns true as soon as the cluster says so, not only after an {@code await}.
     */
    @Override
    public OperationState state() {
        if (state == OperationState.RUNNING && finished.isDone()) {
            try {
                await(Duration.ZERO);
            } catch (RuntimeException e) {
                // the failure is kept: state() now says FAILED or CANCELLED, await() rethrows it
            }
        }
        return state;
    }

    @Override
    public T await() {
        return await(defaultTimeout);
    }

    @Override
    public synchronized T await(Duration timeout) {
        if (state != OperationState.RUNNING) return outcome();
        CimInstance end;
        try {
            end = subscription != null ? session.await(finished, timeout) : poll(timeout);
        } catch (CimException e) {
            if (e.error() != CimError.TIMED_OUT) throw e;
            CimInstance now = read.get();
            if (!terminal.test(now)) {
                // the move did not end in time: ask the cluster to stop it, then report how far it got
                boolean cancelled = cancel.getAsBoolean();
                LOG.info("'{}' timed out after {}; cancel {}", description, timeout, cancelled ? "requested" : "not possible");
                throw onTimeout.apply(now);
            }
            end = now; // it finished; the event was late or missed
        }
        try {
            result = settle.apply(end);
            state = OperationState.SUCCEEDED;
            listeners.forEach(l -> l.accept(100));
        } catch (io.hyperv4j.OperationCancelledException e) {
            failure = e;
            state = OperationState.CANCELLED;
        } catch (RuntimeException e) {
            failure = e;
            state = OperationState.FAILED;
        } finally {
            close();
        }
        return outcome();
    }

    private CimInstance poll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            CimInstance now = read.get();
            if (terminal.test(now)) return now;
            if (System.nanoTime() > deadline) throw new CimException(CimError.TIMED_OUT, "no completion within " + timeout);
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CimException(CimError.CALL_CANCELLED, "interrupted while waiting", e);
            }
        }
    }

    private T outcome() {
        if (failure != null) throw failure;
        return result;
    }

    @Override
    public boolean cancel() {
        return state == OperationState.RUNNING && cancel.getAsBoolean();
    }

    @Override
    public synchronized CompletableFuture<T> toCompletableFuture() {
        if (future == null) future = CompletableFuture.supplyAsync(this::await, ForkJoinPool.commonPool());
        return future;
    }

    @Override
    public Subscription onProgress(IntConsumer listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void closeQuietly() {
        close();
    }

    private void close() {
        Subscription s = subscription;
        if (s != null) s.close();
        Subscription p = progressSubscription;
        if (p != null) p.close();
    }

}
