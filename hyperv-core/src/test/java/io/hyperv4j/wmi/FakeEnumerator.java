package io.hyperv4j.wmi;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An IEnumWbemClassObject fed through a queue: objects, {@link #end()} and failures arrive when the
 * test pushes them; {@link #next} waits for the first one at most its timeout, like Next does.
 */
final class FakeEnumerator implements WbemEnumerator {
    private static final Object END = new Object();
    private final LinkedBlockingQueue<Object> items = new LinkedBlockingQueue<>();
    private final FakeWbemObject.Ledger wire;
    volatile boolean closed;
    volatile Thread closedOn;
    final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
    final java.util.concurrent.atomic.AtomicInteger closes = new java.util.concurrent.atomic.AtomicInteger();
    volatile Thread lastCaller;
    volatile long lastTimeout = -1;

    FakeEnumerator(FakeWbemObject.Ledger wire) {
        this.wire = wire;
    }

    FakeEnumerator push(FakeWbemObject fixture) {
        items.add(fixture);
        return this;
    }

    FakeEnumerator fail(long hresult) {
        items.add(new ComFailure(hresult, "IEnumWbemClassObject::Next"));
        return this;
    }

    FakeEnumerator end() {
        items.add(END);
        return this;
    }

    @Override
    public Batch next(int max, long timeoutMillis) {
        if (closed) throw new IllegalStateException("Next on a released enumerator");
        lastCaller = Thread.currentThread();
        lastTimeout = timeoutMillis;
        List<WbemObject> out = new ArrayList<>();
        Object first;
        try {
            first = items.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Batch(out, Status.TIMED_OUT);
        }
        if (first == null) return new Batch(out, Status.TIMED_OUT);
        Object item = first;
        while (true) {
            if (item == END) return new Batch(out, Status.DONE);
            if (item instanceof ComFailure f) {
                out.forEach(WbemObject::close);
                throw f;
            }
            FakeWbemObject fixture = (FakeWbemObject) item;
            out.add(fixture.copy(wire, fixture.path()));
            if (out.size() == max) return new Batch(out, Status.MORE);
            item = items.peek() == null ? null : items.poll();
            if (item == null) return new Batch(out, Status.MORE);
        }
    }

    @Override
    public void close() {
        closed = true;
        closedOn = Thread.currentThread();
        closes.incrementAndGet();
        released.countDown();
    }
}
