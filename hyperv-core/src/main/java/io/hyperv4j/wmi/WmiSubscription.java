package io.hyperv4j.wmi;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.Subscription;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An event subscription: a reader thread (a member of the COM multithreaded apartment, like the
 * session's COM thread that created the enumerator) polls the ExecNotificationQuery enumerator
 * with a short finite timeout, hands each event to the listener, and checks a stop flag between
 * polls, so {@link #close()} ends it within one poll interval.
 */
final class WmiSubscription implements Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(WmiSubscription.class);
    static final int BATCH = 16;

    private final String description;
    private final WbemEnumerator events;
    private final Consumer<CimInstance> listener;
    private final ComThread.Apartment apartment;
    private final Duration poll;
    private final Duration closeBound;
    private final Function<ComFailure, WmiException> errors;
    private final Runnable onClose;
    private final Thread reader;
    private volatile boolean stop;

    WmiSubscription(String description, WbemEnumerator events, Consumer<CimInstance> listener, ComThread.Apartment apartment,
                    Duration poll, Duration closeBound, Function<ComFailure, WmiException> errors, Runnable onClose) {
        this.description = description;
        this.events = events;
        this.listener = listener;
        this.apartment = apartment;
        this.poll = poll;
        this.closeBound = closeBound;
        this.errors = errors;
        this.onClose = onClose;
        this.reader = new Thread(this::read, "hyperv4j-events-" + Integer.toHexString(System.identityHashCode(this)));
        reader.setDaemon(true);
    }

    void start() {
        reader.start();
    }

    private void read() {
        boolean entered = false;
        try {
            apartment.enter();
            entered = true;
            while (!stop) {
                WbemEnumerator.Batch batch = events.next(BATCH, poll.toMillis());
                for (WbemObject o : batch.objects()) {
                    CimInstance event;
                    try {
                        event = WmiObjects.toInstanceAndClose(o);
                    } catch (RuntimeException e) {
                        LOG.warn("subscription {}: dropped an event that could not be converted: {}", description, e.getMessage());
                        continue;
                    }
                    if (stop) continue; // close() was called: release the rest, deliver nothing more
                    deliver(event);
                }
                // An event stream has no natural end: WBEM_S_FALSE with events in hand only means
                // "fewer than asked", so keep reading; with nothing in hand it means the stream is over.
                if (batch.status() == WbemEnumerator.Status.DONE && batch.objects().isEmpty()) {
                    LOG.info("subscription {}: WMI ended the event stream", description);
                    break;
                }
            }
        } catch (ComFailure f) {
            if (!stop) LOG.error("subscription {} stopped: {}", description, errors.apply(f).getMessage());
        } catch (RuntimeException e) {
            if (!stop) LOG.error("subscription {} stopped: {}", description, e.toString());
        } finally {
            try {
                events.close();
            } catch (RuntimeException e) {
                LOG.debug("subscription {}: releasing the enumerator failed: {}", description, e.toString());
            }
            if (entered) apartment.leave();
            stop = true;
        }
    }

    private void deliver(CimInstance event) {
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            LOG.warn("subscription {}: listener failed on an event (delivery continues)", description, e);
        }
    }

    boolean isRunning() {
        return reader.isAlive();
    }

    /** Waits at most {@code bound} for the reader to end; whether it has. */
    boolean awaitStopped(Duration bound) throws InterruptedException {
        reader.join(Math.max(1, bound.toMillis()));
        return !reader.isAlive();
    }

    /** Stops the reader and waits for it at most the close bound. Never throws. */
    @Override
    public void close() {
        if (stop && !reader.isAlive()) {
            onClose.run();
            return;
        }
        stop = true;
        if (Thread.currentThread() != reader) {
            try {
                reader.join(Math.max(1, closeBound.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (reader.isAlive()) LOG.warn("subscription {}: reader still inside IEnumWbemClassObject::Next after {}; it stops when that returns", description, closeBound);
        }
        onClose.run();
    }

    @Override
    public String toString() {
        return "WmiSubscription[" + description + (stop ? ", closed" : "") + "]";
    }
}
