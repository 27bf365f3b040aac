package io.hyperv4j.cli;

import java.io.Console;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What the tool takes from outside the command line: environment variables, whether stderr is a
 * terminal (for progress bars), a way to prompt for a password, and the wall clock (which a lab
 * uses to let simulated time pass between runs). Tests pass their own.
 */
public record Environment(Map<String, String> variables, boolean terminal, PasswordPrompt prompt, Clock wallClock) {

    /** Reads a password without echo; empty when there is nobody to ask. */
    @FunctionalInterface
    public interface PasswordPrompt {
        Optional<char[]> read(String prompt);
    }

    public Environment {
        variables = Map.copyOf(variables);
    }

    public static Environment system() {
        Console console = System.console();
        PasswordPrompt prompt = p -> {
            Console c = System.console();
            return c == null ? Optional.empty() : Optional.ofNullable(c.readPassword("%s", p));
        };
        return new Environment(System.getenv(), console != null, prompt, Clock.systemUTC());
    }

    /** No variables, no terminal, nobody to prompt: for tests and embedding. */
    public static Environment isolated(Map<String, String> variables, Clock wallClock) {
        return new Environment(variables, false, p -> Optional.empty(), wallClock);
    }

    public Optional<String> variable(String name) {
        String v = variables.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }
}
