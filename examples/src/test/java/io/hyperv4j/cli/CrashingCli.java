package io.hyperv4j.cli;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@code hyperv} entry point for crash tests, run in a child JVM: {@code CrashingCli DELAY_MICROS
 * ARGS...} runs the command and halts the JVM (no shutdown hooks, no flushing: what kill -9 does)
 * DELAY_MICROS after the command began, if it is still running. A negative delay never halts and
 * prints how long the command took (for choosing delays). With {@code -Dawait.go=true} it prints
 * "ready" and waits for a line on stdin first, so a test can start several at the same moment.
 * Lives in test code only.
 */
public final class CrashingCli {
    private CrashingCli() {
    }

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        long delay = Long.parseLong(args[0]);
        String[] command = Arrays.copyOfRange(args, 1, args.length);
        if (delay >= 0) {
            Thread killer = new Thread(() -> {
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(delay));
                Runtime.getRuntime().halt(137);
            });
            killer.setDaemon(true);
            killer.start();
        }
        if (Boolean.getBoolean("await.go")) {
            System.out.println("ready");
            System.out.flush();
            try {
                new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8)).readLine();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        long start = System.nanoTime();
        int code = Cli.withInstalledNouns(System.out, System.err, Environment.system()).run(command);
        if (delay < 0) System.out.println("took-micros " + (System.nanoTime() - start) / 1000);
        System.out.flush();
        Runtime.getRuntime().halt(code);
    }
}
