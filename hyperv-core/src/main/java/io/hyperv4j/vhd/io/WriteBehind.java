package io.hyperv4j.vhd.io;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a background data flush of a storage after every {@link #THRESHOLD} bytes written, so the
 * disk writes back while the caller keeps writing and the caller's own flush finds little left.
 * Flushing early is always safe: it only makes data durable sooner; it orders nothing. Thread-safe:
 * concurrent writers may report bytes; at most one background flush per storage runs at a time.
 */
public final class WriteBehind {
    static final long THRESHOLD = 64L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(WriteBehind.class);
    private static final ExecutorService FLUSHER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vhd-write-behind");
        t.setDaemon(true);
        return t;
    });

    private final Storage storage;
    private final AtomicLong pending = new AtomicLong();
    private volatile Future<?> running;

    /**
     * Write-behind for one storage.
     *
     * @param storage the storage whose writes are counted and flushed
     */
    public WriteBehind(Storage storage) {
        this.storage = storage;
    }

    /**
     * Records {@code bytes} written; may start a background flush.
     *
     * @param bytes how many bytes were just written
     */
    public void written(long bytes) {
        if (pending.addAndGet(bytes) < THRESHOLD) {
            return;
        }
        synchronized (this) {
            Future<?> r = running;
            if ((r == null || r.isDone()) && pending.get() >= THRESHOLD) {
                pending.set(0);
                running = FLUSHER.submit(() -> {
                    try {
                        storage.force();
                    } catch (IOException e) {
                        // the owner's next flush reports the failure; this one was only early
                        LOG.debug("{}: background flush failed: {}", storage.path(), e.toString());
                    }
                });
            }
        }
    }

    /** Waits (at most 60 s) for a background flush in progress, before the storage is closed. */
    public void drain() {
        Future<?> r = running;
        if (r == null) {
            return;
        }
        try {
            r.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            LOG.debug("{}: background flush did not finish: {}", storage.path(), e.toString());
        }
    }
}
