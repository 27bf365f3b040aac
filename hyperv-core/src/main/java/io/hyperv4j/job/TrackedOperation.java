package io.hyperv4j.job;

import io.hyperv4j.HyperVException;
import io.hyperv4j.HyperVTimeoutException;
import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every event-driven operation shares. Host events complete {@link #finished} with the raw
 * outcome. The result is worked out once by {@link #settle}: at once when that needs no CIM call
 * (a success whose outcome is known from the event), so a future handed out completes while a
 * simulated clock is still advancing; otherwise on a thread that may call the host (the caller's,
 * or a pool thread for {@link #toCompletableFuture()}), never on the event thread, which may be
 * the transport's own.
 */
abstract class TrackedOperation<T, O> implements Operation<T> {
    private static final Logger LOG = LoggerFactory.getLogger(TrackedOperation.class);

    protected final CimSession session;
    private final String description;
    private final Duration defaultTimeout;
    /** Completed by events (or the first read) with the raw outcome; null means "gone, re-read". */
    protected final CompletableFuture<O> finished = new CompletableFuture<>();
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final List<IntConsumer> progressListeners = new CopyOnWriteArrayList<>();
    private volatile int percent;
    private volatile long completionObservedNanos;
    private boolean settled;
    /** How often to read the source when it cannot push events. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private volatile boolean polling;

    TrackedOperation(CimSession session, String description, Duration defaultTimeout) {
        this.session = Objects.requireNonNull(session, "session");
        this.description = description;
        this.defaultTimeout = Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        finished.whenComplete((o, e) -> completionObservedNanos = System.nanoTime());
    }

    /** Turns the raw outcome into the result, or throws the typed failure. Runs once. */
    protected abstract T settle(O outcome);

    /**
     * Subscribes through {@code subscribe}; when the transport cannot deliver events
     * (WBEM_E_NOT_SUPPORTED), falls back to reading the source while waiting. Null without events.
     */
    protected io.hyperv4j.cim.Subscription subscribeOrPoll(java.util.function.Supplier<io.hyperv4j.cim.Subscription> subscribe) {
        try {
            return subscribe.get();
        } catch (CimException e) {
            if (e.error() != CimError.NOT_SUPPORTED) throw e;
            LOG.debug("no events for '{}' ({}); reading every {}", description, e.getMessage(), POLL_INTERVAL);
            polling = true;
            return null;
        }
    }

    /** Called when a wait times out: read the source once, in case an event was missed. */
    protected abstract void recheck();

    /** What the timeout message adds about how far the operation got. */
    protected String progressNote() {
        return percent + "% done";
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public int progress() {
        return percent;
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
                if (!finished.isDone() && (left.isZero() || left.isNegative())) {
                    throw new HyperVTimeoutException(description + " did not complete within " + timeout
                            + " (" + progressNote() + "); it may still be running on the host");
                }
            }
        }
        return resolve();
    }

    @Override
    public CompletableFuture<T> toCompletableFuture() {
        if (!result.isDone()) finished.whenCompleteAsync((o, e) -> settleNow(), ForkJoinPool.commonPool());
        return result.copy();
    }

    @Override
    public AutoCloseable onProgress(IntConsumer listener) {
        Objects.requireNonNull(listener, "listener");
        progressListeners.add(listener);
        if (result.isDone() && percent == 100) listener.accept(100); // too late for the events: say where it ended
        return () -> progressListeners.remove(listener);
    }

    /** When this client learnt of completion ({@link System#nanoTime()}), 0 while running. For benchmarks. */
    public long completionObservedNanos() {
        return completionObservedNanos;
    }

    protected void reportProgress(int newPercent) {
        int p = Math.max(0, Math.min(100, newPercent));
        if (p == percent) return;
        percent = p;
        for (IntConsumer l : progressListeners) {
            try {
                l.accept(p);
            } catch (RuntimeException e) {
                LOG.warn("progress listener of '{}' failed", description, e);
            }
        }
    }

    /** Whether the result has been worked out and is a failure. */
    protected final boolean settledWithFailure() {
        return result.isCompletedExceptionally();
    }

    /** Settles now, swallowing the failure (it is kept for whoever awaits). */
    protected void settleNow() {
        try {
            resolve();
        } catch (RuntimeException ignored) {
            // recorded in the result
        }
    }

    private synchronized T resolve() {
        if (!settled) {
            settled = true;
            try {
                O outcome = finished.join();
                result.complete(settle(outcome));
            } catch (CompletionException e) {
                result.completeExceptionally(e.getCause());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new HyperVException(description + " failed: " + e.getCause(), e.getCause());
        }
    }

    /** TargetInstance of an __InstanceModificationEvent, embedded object or its CIM-XML text. */
    static CimInstance targetInstance(CimInstance event) {
        CimValue v = event.get("TargetInstance");
        return v == null ? null : v.asEmbeddedInstance();
    }
}
