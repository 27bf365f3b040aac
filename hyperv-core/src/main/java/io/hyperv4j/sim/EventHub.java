package io.hyperv4j.sim;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.Subscription;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes instance events to subscribers as soon as a change commits (no polling: a WQL
 * {@code WITHIN} interval is accepted and has no effect). Listeners run outside the lab lock, on
 * the thread that made the change, one event at a time in commit order. A listener may call back
 * into the lab; it should not block for long.
 */
final class EventHub {
    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);

    private final CopyOnWriteArrayList<Sub> subs = new CopyOnWriteArrayList<>();
    private final Queue<InstanceEvent> pending = new ConcurrentLinkedQueue<>();
    private final ReentrantLock delivering = new ReentrantLock();

    /**
     * @param filter the event instance to deliver (projected), or null to skip it
     */
    Subscription subscribe(String host, String namespace, UnaryOperator<CimInstance> filter, Consumer<CimInstance> listener) {
        Sub s = new Sub(host, namespace, filter, listener);
        subs.add(s);
        return () -> subs.remove(s);
    }

    boolean observed() {
        return !subs.isEmpty();
    }

    int size() {
        return subs.size();
    }

    void removeHost(String host) {
        subs.removeIf(s -> s.host.equalsIgnoreCase(host));
    }

    /** Queues a commit's events (called under the lab lock, so the queue is in commit order). */
    void enqueue(List<InstanceEvent> events) {
        pending.addAll(events);
    }

    /**
     * Delivers what is queued (called after the lab lock is released). Waits for a delivery in
     * progress on another thread, which may be delivering this caller's events: when it returns,
     * the caller's events have reached every listener.
     */
    void deliver() {
        delivering.lock();
        try {
            InstanceEvent e;
            while ((e = pending.poll()) != null) deliverOne(e);
        } finally {
            delivering.unlock();
        }
    }

    private void deliverOne(InstanceEvent e) {
        CimInstance event = null;
        for (Sub s : subs) {
            if (!s.host.equalsIgnoreCase(e.host()) || !s.namespace.equalsIgnoreCase(e.namespace())) continue;
            if (event == null) event = e.toCim();
            CimInstance out;
            try {
                out = s.filter.apply(event);
            } catch (RuntimeException ex) {
                LOG.warn("event filter failed on {}", e.kind(), ex);
                continue;
            }
            if (out == null) continue;
            try {
                s.listener.accept(out);
            } catch (RuntimeException ex) {
                LOG.warn("event listener threw; the subscription stays open", ex);
            }
        }
    }

    /** Compared by identity: two equal subscriptions are still two. */
    private static final class Sub {
        final String host;
        final String namespace;
        final UnaryOperator<CimInstance> filter;
        final Consumer<CimInstance> listener;

        Sub(String host, String namespace, UnaryOperator<CimInstance> filter, Consumer<CimInstance> listener) {
            this.host = host;
            this.namespace = namespace;
            this.filter = filter;
            this.listener = listener;
        }
    }
}
