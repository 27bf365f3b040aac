package io.hyperv4j.cli;

import io.hyperv4j.cim.CimSession;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.LabLock;
import io.hyperv4j.sim.LabTemplates;
import io.hyperv4j.sim.SimHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A simulated lab: loaded from its file on first use (time having gone on meanwhile), saved back
 * atomically when the command ends, so state and clock carry over to the next command. An
 * ephemeral lab lives for one command.
 */
final class LabTarget implements Target {
    /** Seconds a command waits for another one to finish with the lab, instead of {@link LabLock#DEFAULT_WAIT}. */
    static final String WAIT_VARIABLE = "HYPERV4J_LAB_WAIT";

    private final Path file;
    private final Supplier<Lab> loader;
    private final Duration wait;
    private Lab lab;
    private CimSession session;
    private LabLock lock;

    private LabTarget(Path file, Supplier<Lab> loader, Duration wait) {
        this.file = file;
        this.loader = loader;
        this.wait = wait;
    }

    static LabTarget open(Path file, Environment env) {
        return new LabTarget(file, () -> Lab.load(file), lockWait(env));
    }

    /** How long to wait for the lab lock: {@value #WAIT_VARIABLE} seconds, or {@link LabLock#DEFAULT_WAIT}. */
    static Duration lockWait(Environment env) {
        return env.variable(WAIT_VARIABLE).map(v -> {
            try {
                long seconds = Long.parseLong(v.trim());
                if (seconds >= 0 && seconds <= 86_400) return Duration.ofSeconds(seconds);
            } catch (NumberFormatException e) {
                // falls through to the refusal below
            }
            throw new UsageException(WAIT_VARIABLE + " must be a whole number of seconds from 0 to 86400");
        }).orElse(LabLock.DEFAULT_WAIT);
    }

    /** Locks the file before loading, so the load-run-save of two commands never interleave. */
    private synchronized Lab load() {
        if (file != null) requireLabFile(file);
        if (file != null && lock == null) lock = LabLock.acquire(file, wait);
        try {
            return loader.get();
        } catch (RuntimeException e) {
            releaseLock();
            throw e;
        }
    }

    /** Fails saying what {@code file} is when it is no lab file: missing, a directory, or something else. */
    static void requireLabFile(Path file) {
        if (Files.isDirectory(file))
            throw new CommandFailedException(file + " is a directory; --lab names a lab file, such as " + file.resolve("lab.json"));
        if (!Files.exists(file))
            throw new CommandFailedException("lab file " + file + " does not exist; create it with 'hyperv lab new " + file + "'");
        if (!Files.isRegularFile(file)) throw new CommandFailedException(file + " is not a regular file; --lab names a lab file");
    }

    private void releaseLock() {
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }

    static LabTarget ephemeral(Environment env) {
        return new LabTarget(null, () -> Lab.fromTemplate(LabTemplates.DEFAULT), Duration.ZERO);
    }

    /** The whole lab, for nouns that work on several hosts (clusters). */
    synchronized Lab lab() {
        if (lab == null) lab = load();
        return lab;
    }

    @Override
    public synchronized CimSession session() {
        if (session == null) session = lab().session(defaultHost(lab()));
        return session;
    }

    /** {@value Lab#DEFAULT_HOST} when the lab has it, else its first host. */
    static String defaultHost(Lab lab) {
        if (lab.host(Lab.DEFAULT_HOST) != null) return Lab.DEFAULT_HOST;
        return lab.hosts().stream().map(SimHost::name).findFirst()
                .orElseThrow(() -> new CommandFailedException("the lab has no hosts"));
    }

    /** {@code sim:HV01}: the simulated host this target's session talks to. */
    @Override
    public java.net.URI uri() {
        return java.net.URI.create("sim:" + defaultHost(lab()));
    }

    @Override
    public String describe() {
        return file == null ? "in-memory lab" : "lab " + file;
    }

    @Override
    public synchronized void close() {
        if (lab == null) return;
        try {
            if (session != null) session.close();
            if (file != null) lab.save(file);
        } finally {
            lab.close();
            lab = null;
            session = null;
            releaseLock();
        }
    }
}
