package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/** Runs {@code hyperv} commands in-process with the installed nouns, capturing stdout, stderr and the exit code. */
final class CliRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(int code, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (java.io.IOException e) {
                throw new UncheckedIOException("stdout is not JSON: " + out + "\nstderr: " + err, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Map<String, String> env;

    CliRunner(Map<String, String> env) {
        this.env = env;
    }

    /** {@code hyperv --lab LAB args...}, failing the test unless it exits with {@code expected}. */
    Result onLab(java.nio.file.Path lab, int expected, String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "--lab";
        full[1] = lab.toString();
        System.arraycopy(args, 0, full, 2, args.length);
        Result r = run(full);
        org.junit.jupiter.api.Assertions.assertEquals(expected, r.code(), r.toString());
        return r;
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.withInstalledNouns(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Environment.isolated(env, Clock.systemUTC())).run(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
