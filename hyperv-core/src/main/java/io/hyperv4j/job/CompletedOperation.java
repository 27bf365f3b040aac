package io.hyperv4j.job;

import io.hyperv4j.cim.Subscription;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An operation the host finished before returning (ReturnValue 0). Immutable, so thread-safe. */
public final class CompletedOperation<T> implements Operation<T> {
    private static final Logger LOG = LoggerFactory.getLogger(CompletedOperation.class);
    private final String description;
    private final T value;

    public CompletedOperation(String description, T value) {
        this.description = description;
        this.value = value;
    }

    @Override public String description() { return description; }
    @Override public int progress() { return 100; }
    @Override public OperationState state() { return OperationState.SUCCEEDED; }
    @Override public T await() { return value; }
    @Override public T await(Duration timeout) { return value; }
    @Override public boolean cancel() { return false; }
    @Override public CompletableFuture<T> toCompletableFuture() { return CompletableFuture.completedFuture(value); }
    /** Already at 100%: tells the listener so at once (a listener that throws is logged). */
    @Override
    public Subscription onProgress(IntConsumer listener) {
        try {
            listener.accept(100);
        } catch (RuntimeException e) {
            LOG.warn("progress listener of '{}' failed", description, e);
        }
        return () -> { };
    }
}
