package io.hyperv4j.scvmm.sim;

import java.time.Duration;
import java.time.Instant;

/**
 * A storage job (MSFT_StorageJob): the formatting of a fixed LU created with RunAsJob. It belongs
 * to the host whose session started it; it runs from {@code started} to {@code ends} on the lab's
 * clock and completes at {@code ends}. Jobs are kept in the lab file ({@link StorageJobsFile}): a
 * lab saved mid-job resumes it and it completes at the same instant.
 */
public final class SimStorageJob {
    final String id;
    final String host;
    final String description;
    final Instant started;
    final Instant ends;
    boolean completed;

    SimStorageJob(String id, String host, String description, Instant started, Duration length) {
        this.id = id;
        this.host = host;
        this.description = description;
        this.started = started;
        this.ends = started.plus(length);
    }

    int percent(Instant now) {
        if (completed || !now.isBefore(ends)) return 100;
        long total = Duration.between(started, ends).toNanos();
        return total <= 0 ? 100 : (int) Math.min(99, Duration.between(started, now).toNanos() * 100 / total);
    }
}
