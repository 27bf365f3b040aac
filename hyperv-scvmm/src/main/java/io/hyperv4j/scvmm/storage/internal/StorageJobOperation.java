package io.hyperv4j.scvmm.storage.internal;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.Subscription;
import io.hyperv4j.job.AbstractOperation;
import io.hyperv4j.scvmm.storage.StorageRefusedException;
import java.time.Duration;
import java.util.function.Function;

/**
 * Follows an MSFT_StorageJob (a method that returned 4096 with CreatedStorageJob) to its end:
 * progress from PercentComplete, pushed by the job's modification events (read in between when
 * the transport has none); Completed (7) gives {@code onDone}'s result, read in the waiting thread
 * (it may call the host), any other end a {@link StorageRefusedException} with the job's ErrorCode.
 */
final class StorageJobOperation<T> extends AbstractOperation<T, CimInstance> {
    private static final int COMPLETED = 7, TERMINATED = 8, KILLED = 9, EXCEPTION = 10;

    private final ObjectPath job;
    private final Function<CimInstance, T> onDone;
    private volatile Subscription subscription;

    private StorageJobOperation(CimSession session, ObjectPath job, String description, Duration timeout, Function<CimInstance, T> onDone) {
        super(session, description, timeout);
        this.job = job;
        this.onDone = onDone;
    }

    static <T> StorageJobOperation<T> track(CimSession session, ObjectPath job, String description, Duration timeout,
                                            Function<CimInstance, T> onDone) {
        StorageJobOperation<T> op = new StorageJobOperation<>(session, job, description, timeout, onDone);
        op.subscription = op.subscribeOrPoll(() -> session.subscribe(job.namespace(),
                "SELECT * FROM __InstanceModificationEvent WITHIN 1 WHERE TargetInstance ISA 'MSFT_StorageJob'", event -> {
                    CimInstance target = targetInstance(event);
                    if (target != null && job.key("ObjectId").equals(target.stringOr("ObjectId", null))) op.observe(target);
                }));
        op.recheck();
        return op;
    }

    private void observe(CimInstance j) {
        reportProgress(j.intOr("PercentComplete", 0));
        int state = j.intOr("JobState", 0);
        if (state == COMPLETED || state == TERMINATED || state == KILLED || state == EXCEPTION) end(j);
    }

    private void end(CimInstance j) {
        Subscription s = subscription;
        if (s != null) s.close();
        finish(j); // settled by the waiter: onDone may call the host
    }

    @Override
    protected void recheck() {
        if (finished.isDone()) return;
        try {
            observe(session.get(job));
        } catch (CimException e) {
            if (e.error() != CimError.NOT_FOUND) throw e;
            end(null);
        }
    }

    @Override
    protected T settle(CimInstance j) {
        if (j == null) throw new StorageRefusedException(description() + ": the storage job disappeared before it ended", 2, "UNSPECIFIED_ERROR");
        if (j.intOr("JobState", 0) != COMPLETED) {
            long code = j.longOr("ErrorCode", 4);
            throw new StorageRefusedException(description() + " failed: " + j.stringOr("ErrorDescription", "job state " + j.intOr("JobState", 0)), code, null);
        }
        T value = onDone.apply(j);
        reportProgress(100);
        return value;
    }

    @Override
    public boolean cancel() {
        return false;
    }
}
