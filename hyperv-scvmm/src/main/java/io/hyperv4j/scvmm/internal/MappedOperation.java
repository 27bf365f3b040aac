package io.hyperv4j.scvmm.internal;

import io.hyperv4j.cim.Subscription;
import io.hyperv4j.job.Operation;
import io.hyperv4j.job.OperationState;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import java.util.function.Function;

/** An operation whose result is another's, turned into a new type once (on the thread that awaits it). */
public final class MappedOperation<A, B> implements Operation<B> {
    private final Operation<A> inner;
    private final Function<A, B> map;
    private final String description;
    private final Duration defaultTimeout;

    public MappedOperation(Operation<A> inner, String description, Duration defaultTimeout, Function<A, B> map) {
        this.inner = inner;
        this.map = map;
        this.description = description;
        this.defaultTimeout = defaultTimeout;
    }

    @Override public String description() { return description; }
    @Override public int progress() { return inner.progress(); }
    @Override public OperationState state() { return inner.state(); }
    @Override public B await() { return await(defaultTimeout); }
    @Override public B await(Duration timeout) { return map.apply(inner.await(timeout)); }
    @Override public boolean cancel() { return inner.cancel(); }
    @Override public CompletableFuture<B> toCompletableFuture() { return inner.toCompletableFuture().thenApply(map); }
    @Override public Subscription onProgress(IntConsumer listener) { return inner.onProgress(listener); }

}
