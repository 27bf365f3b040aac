package io.hyperv4j.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one clock of a lab and its {@link Scheduler}. See {@link ClockMode} for the three ways time
 * moves. Scheduled actions run in time order on the thread that drives the clock: the waiting
 * caller (virtual), the caller of {@link #advance} (manual, virtual) or a daemon thread (scaled).
 * <p>Thread-safety: thread-safe; one thread at a time drives it (runs due tasks).
 */
public final class SimClock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimClock.class);

    /** The longest real wait of {@link #await} on a manual clock. */
    static final Duration MANUAL_WAIT_LIMIT = Duration.ofSeconds(5);

    private final ClockMode mode;
    private final double rate;
    private final Scheduler scheduler = new Scheduler();
    /** Serializes the running of due tasks, so time never goes backwards and tasks run in order. */
    private final ReentrantLock drive = new ReentrantLock();
    private final Condition wake = drive.newCondition();
    private volatile Instant virtualNow;
    private volatile Instant scaledBase;
    private volatile long scaledBaseNanos;
    private volatile boolean closed;
    private Thread driver;

    private SimClock(ClockMode mode, Instant start, double rate) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.rate = rate;
        this.virtualNow = Objects.requireNonNull(start, "start");
        this.scaledBase = start;
        this.scaledBaseNanos = System.nanoTime();
    }

    /**
     * A virtual clock at {@code start}: time jumps to the next task while a caller waits.
     *
     * @param start the first instant
     * @return the clock
     */
    public static SimClock virtual(Instant start) {
        return new SimClock(ClockMode.VIRTUAL, start, 0);
    }

    /**
     * A manual clock at {@code start}: time moves only through {@link #advance}.
     *
     * @param start the first instant
     * @return the clock
     */
    public static SimClock manual(Instant start) {
        return new SimClock(ClockMode.MANUAL, start, 0);
    }

    /**
     * Real time times {@code rate} (e.g. 60: a simulated minute per real second), starting at {@code start}.
     *
     * @param start the first instant
     * @param rate  simulated seconds per real second
     * @return the clock, driven by a daemon thread until closed
     */
    public static SimClock scaled(Instant start, double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) throw new IllegalArgumentException("rate must be positive: " + rate);
        SimClock c = new SimClock(ClockMode.SCALED, start, rate);
        c.startDriver();
        return c;
    }

    /**
     * How this clock moves.
     *
     * @return the mode
     */
    public ClockMode mode() {
        return mode;
    }

    /**
     * The rate of a scaled clock; 0 for the others.
     *
     * @return the rate
     */
    public double rate() {
        return rate;
    }

    /**
     * The lab's current time.
     *
     * @return the time
     */
    public Instant now() {
        if (mode == ClockMode.SCALED) {
            long realNanos = System.nanoTime() - scaledBaseNanos;
            return scaledBase.plusNanos((long) (realNanos * rate));
        }
        return virtualNow;
    }

    /**
     * Schedules {@code action} {@code delay} from now (a negative delay means now).
     *
     * @param delay  how long from now
     * @param action what runs then
     * @return the task, to cancel it
     */
    public Scheduler.Task schedule(Duration delay, Scheduler.Action action) {
        if (delay.isNegative()) delay = Duration.ZERO;
        return scheduler.schedule(now().plus(delay), action);
    }

    /**
     * Schedules {@code action} at {@code at}.
     *
     * @param at     when it is due
     * @param action what runs then
     * @return the task, to cancel it
     */
    public Scheduler.Task scheduleAt(Instant at, Scheduler.Action action) {
        return scheduler.schedule(at, action);
    }

    /**
     * The clock's scheduler.
     *
     * @return the scheduler
     */
    public Scheduler scheduler() {
        return scheduler;
    }

    /**
     * Moves time forward by {@code d}, running every task due on the way at its own time.
     * Manual and virtual clocks only.
     *
     * @param d how far to move
     */
    public void advance(Duration d) {
        if (mode == ClockMode.SCALED) throw new IllegalStateException("a scaled clock follows real time; it cannot be advanced");
        if (d.isNegative()) throw new IllegalArgumentException("cannot go back in time: " + d);
        Instant target = virtualNow.plus(d);
        while (step(target, null)) {
            // each step ran one task
        }
        drive.lock();
        try {
            if (virtualNow.isBefore(target)) virtualNow = target;
        } finally {
            drive.unlock();
        }
    }

    /** Runs every task already due (e.g. after a lab was loaded with time that went on meanwhile). */
    public void runDue() {
        while (step(now(), null)) {
            // keep going
        }
    }

    /**
     * Waits until {@code future} completes or {@code timeout} of simulated time passes. On a virtual
     * clock the calling thread runs scheduled tasks, jumping time to each, so it needs no real
     * waiting. Returns true when the future completed.
     *
     * @param future  what to wait for
     * @param timeout the longest wait, in simulated time
     * @return whether the future completed
     */
    public boolean await(CompletableFuture<?> future, Duration timeout) {
        switch (mode) {
            case VIRTUAL -> {
                Instant deadline = virtualNow.plus(timeout);
                while (!future.isDone()) {
                    if (!step(deadline, future)) {
                        drive.lock();
                        try {
                            // Another thread's task may have completed it meanwhile: then no time passes.
                            if (future.isDone()) return true;
                            if (virtualNow.isBefore(deadline)) virtualNow = deadline;
                        } finally {
                            drive.unlock();
                        }
                        return future.isDone();
                    }
                }
                return true;
            }
            case SCALED -> {
                return realWait(future, Duration.ofNanos((long) Math.ceil(timeout.toNanos() / rate)));
            }
            default -> {
                // Only another thread's advance() can complete it: wait for that, but never long.
                return realWait(future, timeout.compareTo(MANUAL_WAIT_LIMIT) < 0 ? timeout : MANUAL_WAIT_LIMIT);
            }
        }
    }

    private static boolean realWait(CompletableFuture<?> future, Duration wait) {
        try {
            future.get(Math.max(1, wait.toNanos()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return future.isDone();
        } catch (ExecutionException e) {
            return true;
        }
    }

    /**
     * Runs the next task due at or before {@code limit}; false when there is none, or when
     * {@code until} completed while this thread waited for its turn to drive (another thread's
     * task completed it: running one more task would move time on for nothing).
     */
    private boolean step(Instant limit, CompletableFuture<?> until) {
        drive.lock();
        try {
            if (until != null && until.isDone()) return false;
            Instant next = scheduler.nextTime();
            if (next == null || next.isAfter(limit)) return false;
            Scheduler.Task t = scheduler.pollDue(next);
            if (t == null) return false;
            if (mode != ClockMode.SCALED && t.at().isAfter(virtualNow)) virtualNow = t.at();
            runTask(t);
            return true;
        } finally {
            drive.unlock();
        }
    }

    private static void runTask(Scheduler.Task t) {
        try {
            t.run();
        } catch (RuntimeException e) {
            LOG.error("scheduled simulator action due at {} failed", t.at(), e);
        }
    }

    private void startDriver() {
        scheduler.onEarlierTask(() -> {
            if (drive.tryLock()) {
                try {
                    wake.signalAll();
                } finally {
                    drive.unlock();
                }
            } else {
                // The driver holds the lock while running a task and re-reads the queue afterwards.
                Thread.yield();
            }
        });
        driver = new Thread(this::driveScaled, "hyperv4j-sim-clock");
        driver.setDaemon(true);
        driver.start();
    }

    private void driveScaled() {
        while (!closed) {
            drive.lock();
            try {
                Instant next = scheduler.nextTime();
                Instant now = now();
                if (next != null && !next.isAfter(now)) {
                    Scheduler.Task t = scheduler.pollDue(now);
                    if (t != null) runTask(t);
                    continue;
                }
                long waitNanos = next == null ? TimeUnit.SECONDS.toNanos(1)
                        : Math.max(1, (long) (Duration.between(now, next).toNanos() / rate));
                wake.awaitNanos(Math.min(waitNanos, TimeUnit.MILLISECONDS.toNanos(200)));
            } catch (InterruptedException e) {
                return;
            } finally {
                drive.unlock();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        if (driver != null) driver.interrupt();
    }

    @Override
    public String toString() {
        return "SimClock[" + mode + (mode == ClockMode.SCALED ? " x" + rate : "") + ", now=" + now() + "]";
    }
}
