package io.hyperv4j.sim;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.Subscription;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.Condition;
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
 * into the lab; it must not block or wait ({@code await}) on the lab's clock.
 */
final class EventHub {
    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);

    private final CopyOnWriteArrayList<Sub> subs = new CopyOnWriteArrayList<>();
    private final ReentrantLock delivering = new ReentrantLock();
    private final Condition myTurn = delivering.newCondition();
    /** Next commit number; guarded by the lab lock. */
    private long nextTicket;
    /** The commit whose events go out next; guarded by {@link #delivering}. */
    private long turn;
    /** Commits delivered ahead of their turn (made by listeners); guarded by {@link #delivering}. */
    private final Set<Long> doneEarly = new HashSet<>();

    /**
     * @param filter the event instance to deliver (projected), or null to skip it
     */
    Subscription subscribe(String host, String namespace, UnaryOperator<CimInstance> filter, Consumer<CimInstance> listener) {
        Sub s = new Sub(host, namespace, filter, listener);
        subs.add(s);
        return () -> subs.remove(s);
    }

    /**
     * The namespaces someone listens to (any case), empty when no one does: a change renders the
     * instances of those alone to find its events (a drain watched in root\\MSCluster renders no VM
     * settings of root\\virtualization\\v2 for each of its thousands of steps).
     */
    Set<String> observed() {
        if (subs.isEmpty()) return Set.of();
        Set<String> out = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (Sub s : subs) out.add(s.namespace);
        return out;
    }

    int size() {
        return subs.size();
    }

    /**
     * Numbers a commit's events (called under the lab lock, so numbers follow commit order);
     * returns -1 when there are none.
     */
    long enqueue(List<InstanceEvent> events) {
        return events.isEmpty() ? -1 : nextTicket++;
    }

    /**
     * Delivers a commit's events after the lab lock is released, in commit order: it waits for
     * earlier commits' events to be delivered. The committing thread delivers its own events, so
     * when a change returns (or a scheduled step ends) its events have reached every listener.
     * A change made by a listener is delivered at once, ahead of later commits of other threads.
     */
    void deliver(long ticket, List<InstanceEvent> events) {
        if (ticket < 0) return;
        if (delivering.isHeldByCurrentThread()) {
            doneEarly.add(ticket);
            events.forEach(this::deliverOne);
            return;
        }
        delivering.lock();
        try {
            while (turn != ticket) {
                if (doneEarly.remove(turn)) turn++;
                else myTurn.awaitUninterruptibly();
            }
            events.forEach(this::deliverOne);
            turn++;
            while (doneEarly.remove(turn)) turn++;
            myTurn.signalAll();
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
