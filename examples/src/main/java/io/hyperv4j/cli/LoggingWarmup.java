package io.hyperv4j.cli;

import java.time.Duration;
import org.slf4j.LoggerFactory;

/**
 * Binds SLF4J on a second thread while the tool parses its command line: the binding looks through
 * every jar of the class path for its provider and reads its configuration (~5 ms of a short
 * command's start), work the main thread otherwise does when the lab's first class makes its logger.
 * The command waits for it before it runs ({@link #await}): a logger made while SLF4J binds is a
 * stand-in whose messages SLF4J replays with a warning of its own on stderr.
 */
final class LoggingWarmup {
    /** Binding takes milliseconds; past this the command goes on (its loggers then bind on first use). */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static volatile Thread binding;

    private LoggingWarmup() {}

    /** Starts binding SLF4J on a daemon thread; call after the logging properties are set. */
    static void start() {
        Thread t = new Thread(LoggerFactory::getILoggerFactory, "hyperv-logging-warmup");
        t.setDaemon(true);
        binding = t;
        t.start();
    }

    /** Waits until SLF4J is bound, when {@link #start} was called (at most {@link #TIMEOUT}). */
    static void await() {
        Thread t = binding;
        if (t == null) return;
        try {
            t.join(TIMEOUT.toMillis());
            binding = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
