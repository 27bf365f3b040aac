package io.hyperv4j.perf.sampler;

import io.hyperv4j.perf.PerfException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A running stream of collections: wait for it, or cancel it. Thread-safe: any thread may await or cancel. */
public final class SamplingHandle implements AutoCloseable {
    private final CounterSampler sampler;
    final CountDownLatch done = new CountDownLatch(1);
    volatile boolean cancelled;
    volatile RuntimeException failure;
    Thread thread;

    SamplingHandle(CounterSampler sampler) {
        this.sampler = sampler;
    }

    /**
     * Waits until the stream ends; false when {@code timeout} passed first. Rethrows a failure.
     *
     * @param timeout how long to wait
     * @return true if the stream ended, false on timeout or interruption (the interrupt flag is kept)
     * @throws PerfException if the stream failed
     */
    public boolean await(Duration timeout) {
        try {
            boolean finished = done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (failure != null) throw new PerfException("sampling failed: " + failure.getMessage(), failure);
            return finished;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Whether the stream ended.
     *
     * @return true once it finished, was cancelled or failed
     */
    public boolean isDone() {
        return done.getCount() == 0;
    }

    /** Stops after the current collection. */
    public void cancel() {
        cancelled = true;
        if (thread != null) thread.interrupt();
    }

    /** Cancels and waits up to 5 seconds for the stream to end. */
    @Override
    public void close() {
        cancel();
        await(Duration.ofSeconds(5));
    }

    /**
     * The sampler this stream runs.
     *
     * @return the sampler
     */
    public CounterSampler sampler() {
        return sampler;
    }
}
