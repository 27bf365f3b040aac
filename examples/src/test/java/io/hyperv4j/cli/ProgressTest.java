package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.InvalidStateException;
import io.hyperv4j.job.Operation;
import io.hyperv4j.job.OperationState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/** {@link Progress#follow}: the one wait-with-progress loop of the CLI, its nouns and the tour. */
class ProgressTest {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    final AtomicBoolean listenerClosed = new AtomicBoolean();

    /** An operation that reports no progress events, like a job whose host never sets PercentComplete. */
    Operation<String> silent(RuntimeException failure) {
        return new Operation<>() {
            boolean done;
            @Override public String description() { return "start VM 'a'"; }
            @Override public int progress() { return done && failure == null ? 100 : 0; }
            @Override public OperationState state() { return done ? OperationState.SUCCEEDED : OperationState.RUNNING; }
            @Override public String await() { return await(Duration.ofMinutes(1)); }
            @Override public String await(Duration timeout) {
                done = true;
                if (failure != null) throw failure;
                return "Running";
            }
            @Override public boolean cancel() { return false; }
            @Override public CompletableFuture<String> toCompletableFuture() { return new CompletableFuture<>(); }
            @Override public io.hyperv4j.cim.Subscription onProgress(IntConsumer listener) { return () -> listenerClosed.set(true); }
        };
    }

    @Test
    void aSucceededOperationEndsAt100EvenWithoutProgressEvents() {
        assertEquals("Running", Progress.lines(out, "Starting a").follow(silent(null)));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.strip().endsWith("Starting a [####################] 100% done"), text);
        assertTrue(listenerClosed.get(), "the progress listener is removed");
    }

    @Test
    void aFailureEndsTheBarAsFailedAndSurfacesAsItself() {
        InvalidStateException refused = new InvalidStateException("Cannot start VM 'a': it is Saving", null);
        RuntimeException e = assertThrows(RuntimeException.class, () -> Progress.lines(out, "Starting a").follow(silent(refused)));
        assertSame(refused, e);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.strip().endsWith("0% failed"), text);
        assertTrue(listenerClosed.get());
    }
}
