package io.hyperv4j.cluster;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.Subscription;
import io.hyperv4j.job.AbstractOperation;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operation that ends when one cluster object reaches a state: MSCluster methods return at once
 * and report nothing, so completion is the object's own state, pushed by instance modification
 * events (read again when a wait times out, in case an event was missed, as os-win learned). Waiting,
 * futures, timeouts and listeners are core's {@link AbstractOperation}; the result is worked out
 * on a waiting thread, never on the event thread.
 */
final class ClusterOperation<T> extends AbstractOperation<T, CimInstance> {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterOperation.class);

    private final Predicate<CimInstance> terminal;
    private final Supplier<CimInstance> read;
    private final Function<CimInstance, T> result;
    private final IntSupplier progress;
    private final BooleanSupplier cancel;
    private final Function<CimInstance, RuntimeException> onTimeout;
    private final Subscription subscription;
    private volatile Subscription progressSubscription;

    /**
     * @param eventQuery WQL for the watched object's modification events
     * @param terminal   whether the object's instance shows the operation has ended (either way)
     * @param read       reads the object now
     * @param result     the result for the final instance, or throws the typed failure
     * @param progress   reads the percentage done now
     * @param cancel     asks the cluster to stop; false when it cannot
     * @param onTimeout  the exception for a wait that ran out (after asking the cluster to stop)
     */
    ClusterOperation(CimSession session, String description, Duration defaultTimeout, String eventQuery,
                     Predicate<CimInstance> terminal, Supplier<CimInstance> read, Function<CimInstance, T> result,
                     IntSupplier progress, BooleanSupplier cancel, Function<CimInstance, RuntimeException> onTimeout) {
        super(session, description, defaultTimeout);
        this.terminal = terminal;
        this.read = read;
        this.result = result;
        this.progress = progress;
        this.cancel = cancel;
        this.onTimeout = onTimeout;
        this.subscription = subscribeOrPoll(() -> session.subscribe(MsCluster.NAMESPACE, eventQuery, this::onEvent));
    }

    /** Also reports progress on the events of {@code query} (e.g. the resource that carries MigrationProgress). */
    ClusterOperation<T> progressFrom(String query) {
        if (subscription == null) return this; // no events: progress is read by whoever asks
        progressSubscription = session.subscribe(MsCluster.NAMESPACE, query, e -> advance(progress.getAsInt()));
        return this;
    }

    /** Call once the operation was started: it may already be over. */
    ClusterOperation<T> started() {
        recheck();
        return this;
    }

    private void onEvent(CimInstance event) {
        CimInstance target = targetInstance(event);
        if (target != null && terminal.test(target)) finish(target);
    }

    /** Progress only goes forward (the resource reads 0 once the move ended). */
    private void advance(int p) {
        if (p > progress()) reportProgress(Math.min(p, 99));
    }

    @Override
    protected void recheck() {
        CimInstance now = read.get();
        if (terminal.test(now)) finish(now);
        else advance(progress.getAsInt());
    }

    @Override
    protected T settle(CimInstance end) {
        close();
        T r = result.apply(end);
        reportProgress(100);
        return r;
    }

    /** The move did not end in time: ask the cluster to stop it, then report how far it got. */
    @Override
    protected RuntimeException timedOut(Duration timeout) {
        boolean cancelled = cancel.getAsBoolean();
        LOG.info("'{}' timed out after {}; cancel {}", description(), timeout, cancelled ? "requested" : "not possible");
        return onTimeout.apply(read.get());
    }

    @Override
    public boolean cancel() {
        return !isDone() && cancel.getAsBoolean();
    }

    /** Stops watching: the operation could not be started. */
    void close() {
        if (subscription != null) subscription.close();
        Subscription p = progressSubscription;
        if (p != null) p.close();
    }
}
