package io.hyperv4j.scvmm.monitor;

import io.hyperv4j.cim.Subscription;
import io.hyperv4j.scvmm.monitor.spi.MonitorClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's clock in production: the system clock and one daemon thread that runs the polls and
 * actions in time order. Close it to stop the thread.
 */
public final class ScheduledMonitorClock implements MonitorClock, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledMonitorClock.class);
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hyperv4j-monitor");
        t.setDaemon(true);
        return t;
    });

    /** A clock over the system's UTC clock. */
    public ScheduledMonitorClock() {
        this(Clock.systemUTC());
    }

    /**
     * A clock over {@code clock}.
     *
     * @param clock what "now" is read from
     */
    public ScheduledMonitorClock(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public Subscription at(Instant at, Runnable task) {
        long delay = Math.max(0, Duration.between(now(), at).toMillis());
        ScheduledFuture<?> f = executor.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("monitor task failed", e);
            }
        }, delay, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
