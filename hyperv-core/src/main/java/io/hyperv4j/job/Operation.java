package io.hyperv4j.job;

import io.hyperv4j.cim.Subscription;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;

/**
 * A long-running Hyper-V operation: usually a Msvm_ConcreteJob, sometimes a state the host reaches
 * later (a guest shutting down), a cluster group reaching its node. Completion is pushed by the
 * host's events, not polled. Every implementation that watches the host extends
 * {@link AbstractOperation}.
 * <p>Thread-safety: implementations are thread-safe; several threads may await one operation,
 * each with its own timeout.
 *
 * @param <T> what the operation yields once done (e.g. the VM's new state)
 */
public interface Operation<T> {

    /** What is being done, e.g. "start VM 'web01' (4F1D...)". */
    String description();

    /** Percent complete, 0..100 (the job's PercentComplete; 100 once succeeded). */
    int progress();

    OperationState state();

    default boolean isDone() {
        return state().isDone();
    }

    /** Waits with the host's default operation timeout (finite). */
    T await();

    /**
     * Waits at most {@code timeout} and returns the result.
     *
     * @throws io.hyperv4j.HyperVTimeoutException if not done in time (the operation keeps running)
     * @throws io.hyperv4j.JobFailedException if the job failed
     * @throws io.hyperv4j.OperationCancelledException if it was cancelled
     */
    T await(Duration timeout);

    /**
     * Asks the host to stop the operation (job RequestStateChange 4 Terminate) when the job says it
     * is Cancellable. Returns false when it cannot be cancelled (not cancellable, or already done).
     */
    boolean cancel();

    /** Completes when the operation does; completing it from outside changes nothing on the host. */
    CompletableFuture<T> toCompletableFuture();

    /**
     * Calls {@code listener} with each new percentage (from the host's events, on the event thread);
     * an operation already finished reports 100 at once. A listener that throws is logged and does
     * not stop the others. Closing the returned handle stops the calls.
     */
    Subscription onProgress(IntConsumer listener);
}
