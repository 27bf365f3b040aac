package io.hyperv4j.scvmm.monitor;

import io.hyperv4j.HyperVException;
import io.hyperv4j.HyperVTimeoutException;
import io.hyperv4j.cim.Subscription;
import io.hyperv4j.job.Operation;
import io.hyperv4j.job.OperationState;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;

/**
 * A script run on the management server as a process; its exit code is the result. Cancelling it
 * kills the process and its children. What {@link io.hyperv4j.scvmm.monitor.spi.ManagementServer#runScript} does by default.
 */
public final class ScriptRun implements Operation<Integer> {
    /** The default wait for a script: a failover script takes minutes. */
    private static final Duration DEFAULT_WAIT = Duration.ofMinutes(15);
    private final String description;
    private final Process process;
    private final CompletableFuture<Integer> exit;

    private ScriptRun(String description, Process process) {
        this.description = description;
        this.process = process;
        this.exit = process.onExit().thenApply(Process::exitValue);
    }

    /**
     * Starts the script (its output discarded).
     *
     * @param commandLine the command and its arguments
     * @param environment variables added to the script's environment
     * @return the running script
     * @throws HyperVException when the process cannot be started
     */
    public static ScriptRun start(List<String> commandLine, Map<String, String> environment) {
        ProcessBuilder pb = new ProcessBuilder(commandLine).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(environment);
        try {
            return new ScriptRun("script " + commandLine.get(0), pb.start());
        } catch (IOException e) {
            throw new HyperVException("cannot start script " + commandLine.get(0) + ": " + e.getMessage());
        }
    }

    @Override public String description() { return description; }
    @Override public int progress() { return exit.isDone() ? 100 : 0; }

    @Override
    public OperationState state() {
        if (!exit.isDone()) return OperationState.RUNNING;
        return exit.join() == 0 ? OperationState.SUCCEEDED : OperationState.FAILED;
    }

    @Override
    public Integer await() {
        return await(DEFAULT_WAIT);
    }

    @Override
    public Integer await(Duration timeout) {
        try {
            return exit.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new HyperVTimeoutException(description + " did not end within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HyperVException("interrupted while waiting for " + description);
        } catch (ExecutionException e) {
            throw new HyperVException(description + " failed: " + e.getCause());
        }
    }

    @Override
    public boolean cancel() {
        // kill the whole tree: a shell's children would otherwise outlive it
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        return true;
    }

    @Override public CompletableFuture<Integer> toCompletableFuture() { return exit.copy(); }

    @Override
    public Subscription onProgress(IntConsumer listener) {
        CompletableFuture<Void> f = exit.thenRun(() -> listener.accept(100));
        return () -> f.cancel(false);
    }
}
