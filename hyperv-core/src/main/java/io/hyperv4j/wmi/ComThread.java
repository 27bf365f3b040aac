package io.hyperv4j.wmi;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dedicated thread that owns every COM object of a session. It joins the COM apartment once,
 * runs the tasks callers hand it one at a time, and leaves the apartment when closed, so the
 * library never depends on (or disturbs) the apartment of the caller's thread.
 * <p>Each {@link #call} waits at most its timeout. A task that has not started by then never runs;
 * one that is already inside a native call cannot be interrupted, so it finishes in the background
 * and its result is dropped (the timeout is reported as WBEM_E_TIMED_OUT either way, saying which).
 * <p>Public only so other modules' native bindings (hyperv-backup's VSS requester) share this thread
 * model; it is not part of the library's API.
 */
public final class ComThread implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ComThread.class);
    private static final AtomicInteger COUNT = new AtomicInteger();

    /** Joins and leaves the COM apartment on the calling thread. */
    public interface Apartment {
        /** Joins the apartment (CoInitializeEx on Windows); runs on the COM thread. */
        void enter();

        /** Leaves it (CoUninitialize); runs on the COM thread as it ends. */
        void leave();
    }

    private final String name;
    private final Apartment apartment;
    private final BlockingQueue<Job<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final Object lifecycle = new Object();
    private volatile boolean closed;
    private volatile Job<?> current;
    private volatile Instant currentSince;

    /**
     * Starts the thread and waits (at most {@code startTimeout}) until it has entered the apartment.
     * @param name         the thread's name (a counter is appended)
     * @param apartment    how the thread joins and leaves the COM apartment
     * @param startTimeout how long to wait for it to have joined
     * @throws CimException when entering the apartment fails or takes too long
     */
    public ComThread(String name, Apartment apartment, Duration startTimeout) {
        this.name = name + "-" + COUNT.incrementAndGet();
        this.apartment = Objects.requireNonNull(apartment, "apartment");
        CountDownLatch started = new CountDownLatch(1);
        RuntimeException[] startFailure = new RuntimeException[1];
        thread = new Thread(() -> run(started, startFailure), this.name);
        thread.setDaemon(true);
        thread.start();
        try {
            if (!started.await(startTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                closed = true;
                thread.interrupt();
                throw new CimException(CimError.TIMED_OUT, "COM thread " + this.name + " did not join the COM apartment within " + startTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
            throw new CimException(CimError.CALL_CANCELLED, "interrupted while starting COM thread " + this.name, e);
        }
        if (startFailure[0] != null) {
            closed = true;
            throw startFailure[0];
        }
    }

    private void run(CountDownLatch started, RuntimeException[] startFailure) {
        try {
            apartment.enter();
        } catch (RuntimeException | Error e) {
            startFailure[0] = e instanceof RuntimeException r ? r
                    : new CimException(CimError.FAILED, "COM thread could not join the apartment: " + e, e);
            started.countDown();
            return;
        }
        started.countDown();
        LOG.debug("{} joined the COM apartment", name);
        try {
            while (true) {
                Job<?> job;
                try {
                    job = queue.take();
                } catch (InterruptedException e) {
                    if (closed) break;
                    continue;
                }
                if (job.poison) {
                    job.run();
                    break;
                }
                if (job.isDone()) continue; // cancelled while queued: its caller gave up
                current = job;
                currentSince = Instant.now();
                try {
                    job.run();
                } finally {
                    current = null;
                }
            }
        } finally {
            try {
                apartment.leave();
            } catch (RuntimeException e) {
                LOG.warn("{} failed to leave the COM apartment: {}", name, e.toString());
            }
            LOG.debug("{} stopped", name);
        }
    }

    /**
     * The thread's name.
     *
     * @return its name, with the counter
     */
    public String name() {
        return name;
    }

    /**
     * Whether the calling thread is this COM thread.
     *
     * @return true on the COM thread
     */
    public boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    /**
     * Whether {@link #close} has been called.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Whether the thread has ended (after {@link #close}).
     *
     * @return true once it has ended
     */
    public boolean isTerminated() {
        return !thread.isAlive();
    }

    /**
     * Waits at most {@code bound} for the thread to end (after {@link #close}).
     *
     * @param bound the longest wait
     * @return whether it has ended
     */
    public boolean awaitTermination(Duration bound) {
        try {
            thread.join(Math.max(1, bound.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    /** Tasks waiting to run (diagnostics). */
    int queued() {
        return queue.size();
    }

    /**
     * Runs {@code task} on the COM thread and returns its result, waiting at most {@code timeout}.
     * Called on the COM thread itself, runs the task inline.
     * @param <T>       the task's result type
     * @param operation what the task does, for messages (e.g. "ExecQuery")
     * @param timeout   the longest wait for the result
     * @param task      what to run on the COM thread
     * @return the task's result
     * @throws CimException WBEM_E_TIMED_OUT past the timeout, WBEM_E_SHUTTING_DOWN once closed,
     *         WBEM_E_CALL_CANCELLED when the caller is interrupted; the task's own exceptions as thrown
     */
    public <T> T call(String operation, Duration timeout, Callable<T> task) {
        return call(operation, timeout, task, null);
    }

    /**
     * Like {@link #call(String, Duration, Callable)}, for a task whose result owns COM objects:
     * when the caller has given up (timeout, interrupt) before the task produced it, {@code discard}
     * gets the result on the COM thread, so nothing it holds is leaked.
     * @param <T>       the task's result type
     * @param operation what the task does, for messages
     * @param timeout   the longest wait for the result
     * @param task      what to run on the COM thread
     * @param discard   gets a result nobody waits for any more, on the COM thread (or null)
     * @return the task's result
     */
    public <T> T call(String operation, Duration timeout, Callable<T> task, Consumer<? super T> discard) {
        Objects.requireNonNull(task, "task");
        if (isCurrent()) return runInline(operation, task);
        Job<T> job = new Job<>(operation, task, false, discard);
        synchronized (lifecycle) {
            if (closed) throw new CimException(CimError.SHUTTING_DOWN, operation + ": the session is closed");
            queue.add(job);
        }
        try {
            return job.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            boolean started = job.started;
            if (!job.cancel(false)) return finished(operation, job); // it completed in the meantime
            throw new CimException(CimError.TIMED_OUT, operation + " did not complete within " + timeout
                    + (started ? "; it is still running on " + name + " and its result will be discarded"
                               : "; it never started because " + busyWith()));
        } catch (InterruptedException e) {
            if (!job.cancel(false)) {
                T result = finished(operation, job);
                Thread.currentThread().interrupt();
                return result;
            }
            Thread.currentThread().interrupt();
            throw new CimException(CimError.CALL_CANCELLED, operation + ": interrupted while waiting for the COM thread", e);
        } catch (CancellationException e) {
            throw new CimException(CimError.SHUTTING_DOWN, operation + ": the session was closed before it ran");
        } catch (ExecutionException e) {
            throw rethrow(operation, e.getCause());
        }
    }

    private static <T> T finished(String operation, Job<T> job) {
        try {
            return job.get();
        } catch (ExecutionException e) {
            throw rethrow(operation, e.getCause());
        } catch (InterruptedException | CancellationException e) {
            throw new IllegalStateException("a completed task cannot wait or be cancelled", e);
        }
    }

    private <T> T runInline(String operation, Callable<T> task) {
        if (closed && queue.isEmpty() && current == null) throw new CimException(CimError.SHUTTING_DOWN, operation + ": the session is closed");
        try {
            return task.call();
        } catch (Throwable t) {
            throw rethrow(operation, t);
        }
    }

    private static RuntimeException rethrow(String operation, Throwable t) {
        if (t instanceof RuntimeException r) return r;
        return new CimException(CimError.FAILED, operation + " failed: " + t, t);
    }

    private String busyWith() {
        Job<?> c = current;
        Instant since = currentSince;
        if (c == null) return name + " was busy with earlier calls";
        return name + " is still busy with " + c.operation
                + (since == null ? "" : " (running for " + Duration.between(since, Instant.now()).toMillis() + " ms)");
    }

    /**
     * Stops accepting tasks, fails the queued ones with WBEM_E_SHUTTING_DOWN, runs {@code finalTask}
     * on the COM thread (to release COM objects) and leaves the apartment. Waits at most
     * {@code bound} for all that; a thread stuck in a native call finishes it in the background.
     * Never throws.
     * @param bound     the longest wait
     * @param finalTask what releases the COM objects (or null)
     */
    public void close(Duration bound, Runnable finalTask) {
        Job<Void> poison = new Job<>("close", () -> {
            if (finalTask != null) {
                try {
                    finalTask.run();
                } catch (RuntimeException e) {
                    LOG.warn("{}: releasing COM objects failed: {}", name, e.toString());
                }
            }
            return null;
        }, true);
        List<Job<?>> dropped = new ArrayList<>();
        synchronized (lifecycle) {
            if (closed) return;
            closed = true;
            queue.drainTo(dropped);
            queue.add(poison);
        }
        for (Job<?> j : dropped) j.fail(new CimException(CimError.SHUTTING_DOWN, j.operation + ": the session was closed before it ran"));
        if (isCurrent()) return; // closing from a task: the poison runs after it
        try {
            thread.join(Math.max(1, bound.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("{} did not stop within {}: {}; it will release its COM objects when that call returns", name, bound, busyWith());
        }
    }

    /** {@link #close(Duration, Runnable)} with a 10-second bound and nothing to release. */
    @Override
    public void close() {
        close(Duration.ofSeconds(10), null);
    }

    private static final class Job<T> extends FutureTask<T> {
        final String operation;
        final boolean poison;
        final Consumer<? super T> discard;
        volatile boolean started;

        Job(String operation, Callable<T> task, boolean poison) {
            this(operation, task, poison, null);
        }

        Job(String operation, Callable<T> task, boolean poison, Consumer<? super T> discard) {
            super(task);
            this.operation = operation;
            this.poison = poison;
            this.discard = discard;
        }

        /** A result nobody waits for any more (the caller cancelled first) goes to {@link #discard}. */
        @Override
        protected void set(T result) {
            super.set(result);
            if (isCancelled() && discard != null && result != null) {
                try {
                    discard.accept(result);
                } catch (RuntimeException e) {
                    LOG.warn("{}: releasing an abandoned result failed: {}", operation, e.toString());
                }
            }
        }

        @Override
        public void run() {
            started = true;
            super.run();
        }

        void fail(Throwable t) {
            setException(t);
        }
    }
}
