package io.hyperv4j.job;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.Subscription;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for an instance to reach a condition the host gets to on its own, after a method that
 * only initiates it (Msvm_ShutdownComponent.InitiateShutdown returns 0 once the guest was asked;
 * the VM turns off later). Subscribes to the instance's modification events, then reads it once.
 * Progress is 0 until the condition holds, then 100. Cannot be cancelled.
 */
public final class ConditionOperation<T> extends AbstractOperation<T, CimInstance> {
    private static final Logger LOG = LoggerFactory.getLogger(ConditionOperation.class);

    private final ObjectPath path;
    private final Predicate<CimInstance> done;
    private final Function<CimInstance, T> result;
    private volatile Subscription subscription;

    private ConditionOperation(CimSession session, ObjectPath path, String description, Duration defaultTimeout,
                               Predicate<CimInstance> done, Function<CimInstance, T> result) {
        super(session, description, defaultTimeout);
        this.path = path;
        this.done = done;
        this.result = result;
    }

    /**
     * @param eventQuery an {@code __InstanceModificationEvent} query selecting the instance at {@code path}
     * @param result     what the operation yields from the instance once the condition holds; when
     *                   the instance is gone (null), it decides whether that is a failure. May run on
     *                   the event thread: quick, no session calls
     */
    public static <T> ConditionOperation<T> track(CimSession session, ObjectPath path, String eventQuery,
                                                  String description, Duration defaultTimeout,
                                                  Predicate<CimInstance> done, Function<CimInstance, T> result) {
        ConditionOperation<T> op = new ConditionOperation<>(session, path, description, defaultTimeout, done, result);
        op.subscription = op.subscribeOrPoll(() -> session.subscribe(path.namespace(), eventQuery, event -> {
            try {
                CimInstance target = targetInstance(event);
                if (target != null) op.observe(target);
            } catch (RuntimeException e) {
                LOG.warn("could not read an event for '{}'", description, e);
            }
        }));
        // An event may have met the condition before the subscription was stored: close it now.
        if (op.finished.isDone()) op.close();
        try {
            op.recheck();
        } catch (RuntimeException e) {
            op.close(); // nobody will ever wait on this operation
            throw e;
        }
        return op;
    }

    private void observe(CimInstance instance) {
        if (!finished.isDone() && done.test(instance)) {
            close();
            if (finish(instance)) settleNow();
        }
    }

    private void close() {
        Subscription s = subscription;
        if (s != null) s.close();
    }

    @Override
    protected void recheck() {
        if (finished.isDone()) return;
        try {
            observe(session.get(path));
        } catch (CimException e) {
            if (e.error() != CimError.NOT_FOUND) throw e;
            close();
            if (finish(null)) settleNow();
        }
    }

    @Override
    protected T settle(CimInstance outcome) {
        T value = result.apply(outcome);
        reportProgress(100);
        return value;
    }

    @Override
    public boolean cancel() {
        return false;
    }
}
