package io.hyperv4j.scvmm.monitor;

import io.hyperv4j.cluster.MigrationType;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What an alarm binding does on the management server. The built-in actions act on the binding's VM;
 * {@link Sequence} runs steps in order and stops at the first that fails (seed 001's script, "fail the
 * VM over, then restart it", is {@link #seed001Script(String)}).
 */
public sealed interface MonitorAction {
    /**
     * A short description for the history.
     *
     * @return the description
     */
    String describe();

    /**
     * Whether the action moves the VM's role, which is what the guard protects.
     *
     * @return whether it fails over or migrates
     */
    default boolean movesRole() {
        return false;
    }

    /** Fails the VM's role over to another node. */
    record FailoverRole() implements MonitorAction {
        @Override public String describe() { return "failover"; }
        @Override public boolean movesRole() { return true; }
    }

    /** Restarts the VM (the guest boots again). */
    record RestartVm() implements MonitorAction {
        @Override public String describe() { return "restart"; }
    }

    /**
     * Moves the VM's role to another node.
     *
     * @param type live or quick
     */
    record Migrate(MigrationType type) implements MonitorAction {
        /**
         * Checks the type.
         *
         * @param type live or quick
         */
        public Migrate {
            Objects.requireNonNull(type, "type");
        }

        @Override public String describe() { return type.name().toLowerCase(Locale.ROOT) + "-migrate"; }
        @Override public boolean movesRole() { return true; }
    }

    /**
     * Starts a service in the VM's guest.
     *
     * @param service the service's name
     */
    record StartService(String service) implements MonitorAction {
        /**
         * Checks the name.
         *
         * @param service the service's name
         */
        public StartService {
            if (service == null || service.isBlank()) throw new IllegalArgumentException("a service name is needed");
        }

        @Override public String describe() { return "start-service " + service; }
    }

    /**
     * Stops a service in the VM's guest gracefully (Running, Stopping, Stopped).
     *
     * @param service the service's name
     */
    record StopService(String service) implements MonitorAction {
        /**
         * Checks the name.
         *
         * @param service the service's name
         */
        public StopService {
            if (service == null || service.isBlank()) throw new IllegalArgumentException("a service name is needed");
        }

        @Override public String describe() { return "stop-service " + service; }
    }

    /**
     * Runs Java code on the management server's side; an exception fails the action.
     *
     * @param name its name, for the history
     * @param body what to run
     */
    record Callback(String name, Consumer<Firing> body) implements MonitorAction {
        /**
         * Checks the values.
         *
         * @param name its name
         * @param body what to run
         */
        public Callback {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(body, "body");
        }

        @Override public String describe() { return "callback " + name; }
    }

    /**
     * Runs a script on the management server with the alarm in its environment (HV_ALARM, HV_VM); a
     * script still running after {@code timeout} on the monitor's clock is killed and the action fails.
     *
     * @param commandLine the command and its arguments
     * @param timeout     the longest the script may run (positive)
     */
    record Script(List<String> commandLine, Duration timeout) implements MonitorAction {
        /** The default timeout: a failover script takes minutes. */
        public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);

        /**
         * Copies the command line and checks the timeout.
         *
         * @param commandLine the command and its arguments
         * @param timeout     the longest the script may run (positive)
         */
        public Script {
            if (commandLine == null || commandLine.isEmpty()) throw new IllegalArgumentException("a script needs a command line");
            if (timeout == null || timeout.isZero() || timeout.isNegative())
                throw new IllegalArgumentException("a script's timeout must be positive, got " + timeout);
            commandLine = List.copyOf(commandLine);
        }

        /**
         * A script with the {@link #DEFAULT_TIMEOUT}.
         *
         * @param commandLine the command and its arguments
         */
        public Script(List<String> commandLine) {
            this(commandLine, DEFAULT_TIMEOUT);
        }

        @Override public String describe() { return "script " + String.join(" ", commandLine); }
    }

    /**
     * Steps run in order; the first failure ends it.
     *
     * @param steps the steps
     */
    record Sequence(List<MonitorAction> steps) implements MonitorAction {
        /**
         * Copies the steps.
         *
         * @param steps the steps
         */
        public Sequence {
            if (steps == null || steps.isEmpty()) throw new IllegalArgumentException("a sequence needs at least one step");
            steps = List.copyOf(steps);
        }

        @Override public String describe() { return String.join(" then ", steps.stream().map(MonitorAction::describe).toList()); }
        @Override public boolean movesRole() { return steps.stream().anyMatch(MonitorAction::movesRole); }
    }

    /**
     * Runs {@code primary}; if it fails, runs {@code otherwise} (and fails only if that fails too).
     *
     * @param primary   the first try
     * @param otherwise what to do when it fails
     */
    record Fallback(MonitorAction primary, MonitorAction otherwise) implements MonitorAction {
        /**
         * Checks the values.
         *
         * @param primary   the first try
         * @param otherwise what to do when it fails
         */
        public Fallback {
            Objects.requireNonNull(primary, "primary");
            Objects.requireNonNull(otherwise, "otherwise");
        }

        @Override public String describe() { return primary.describe() + " else " + otherwise.describe(); }
        @Override public boolean movesRole() { return primary.movesRole() || otherwise.movesRole(); }
    }

    /**
     * Seed 001's script: fail the VM over, then bring its application back: start the service, and
     * restart the VM if the guest does not answer. The paper's "restart" cannot have rebooted the
     * guest when only the service had stopped (the VM answered pings again after 15 s), yet its Table
     * 5-1 has this path recover a starved or failed guest OS, which only a restart does.
     *
     * @param service the monitored service
     * @return the sequence
     */
    static MonitorAction seed001Script(String service) {
        return new Sequence(List.of(new FailoverRole(), new Fallback(new StartService(service), new RestartVm())));
    }

    /**
     * An action by its command-line name: failover, restart, quick-migrate, live-migrate,
     * start-service[:NAME], stop-service[:NAME], or script (seed 001's failover-then-start of {@code service}).
     *
     * @param name    the name
     * @param service the monitored service, for start-service and script
     * @return the action
     * @throws IllegalArgumentException naming the known actions when the name is not one
     */
    static MonitorAction parse(String name, String service) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith("start-service:")) return new StartService(name.substring("start-service:".length()));
        if (n.startsWith("stop-service:")) return new StopService(name.substring("stop-service:".length()));
        return switch (n) {
            case "failover" -> new FailoverRole();
            case "restart" -> new RestartVm();
            case "quick-migrate" -> new Migrate(MigrationType.QUICK);
            case "live-migrate" -> new Migrate(MigrationType.LIVE);
            case "start-service" -> new StartService(service);
            case "stop-service" -> new StopService(service);
            case "script" -> seed001Script(service);
            default -> throw new IllegalArgumentException("unknown action '" + name
                    + "'; known: failover, restart, quick-migrate, live-migrate, start-service[:NAME], stop-service[:NAME], script");
        };
    }
}
