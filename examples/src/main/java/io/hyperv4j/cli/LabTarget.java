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
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(30);

    private final Path file;
    private final Supplier<Lab> loader;
    private final Duration wait;
    /** The host named by --computer-name, or null for the lab's default host. */
    private final String computerName;
    /** Run once the lab is loaded, before the command uses it. */
    private final Runnable onLoad;
    private Lab lab;
    private CimSession session;
    /** Sessions to the lab's other hosts, opened by {@link #session(String)}. */
    private final java.util.Map<String, CimSession> others = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private LabLock lock;

    private LabTarget(Path file, Supplier<Lab> loader, Duration wait, String computerName, Runnable onLoad) {
        this.file = file;
        this.loader = loader;
        this.wait = wait;
        this.computerName = computerName;
        this.onLoad = onLoad;
    }

    static LabTarget open(Path file, Environment env, String computerName, Runnable onLoad) {
        return new LabTarget(file, () -> Lab.loadWith(file, SimProviders.create()), lockWait(env), computerName, onLoad);
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

    static LabTarget ephemeral(Environment env, String computerName) {
        return new LabTarget(null, () -> Lab.fromTemplate(LabTemplates.DEFAULT), Duration.ZERO, computerName, () -> {});
    }

    /** The whole lab, for nouns that work on several hosts (clusters). */
    synchronized Lab lab() {
        if (lab == null) {
            lab = load();
            onLoad.run();
        }
        return lab;
    }

    @Override
    public synchronized CimSession session() {
        if (session == null) session = lab().session(host());
        return session;
    }

    /** A session to another host of the lab (closed with the target); the host's name must be the lab's. */
    synchronized CimSession session(String hostName) {
        if (hostName.equalsIgnoreCase(host())) return session();
        return others.computeIfAbsent(hostName, h -> lab().session(h));
    }

    /**
     * The host commands act on: the one --computer-name names (any case, spelt as the lab spells
     * it), else {@link #defaultHost}. An unknown name fails listing the lab's hosts.
     */
    synchronized String host() {
        Lab l = lab();
        if (computerName == null) return defaultHost(l);
        SimHost h = l.read(LOCK_TIMEOUT, () -> l.host(computerName));
        if (h == null)
            throw new CommandFailedException("the lab has no host named '" + computerName + "'; its hosts are "
                    + String.join(", ", hostNames(l)));
        return h.name();
    }

    static java.util.List<String> hostNames(Lab lab) {
        return lab.read(LOCK_TIMEOUT, () -> lab.hosts().stream().map(SimHost::name).toList());
    }

    /** {@value Lab#DEFAULT_HOST} when the lab has it, else its first host. */
    static String defaultHost(Lab lab) {
        if (lab.host(Lab.DEFAULT_HOST) != null) return Lab.DEFAULT_HOST;
        // no findFirst: the JDK's FindOps lambdas are never in the class-data archive (~1 ms spun at run time)
        for (SimHost h : lab.hosts()) return h.name();
        throw new CommandFailedException("the lab has no hosts");
    }

    /** {@code sim:HV01}: the simulated host this target's session talks to. */
    @Override
    public java.net.URI uri() {
        return java.net.URI.create("sim:" + host());
    }

    @Override
    public String describe() {
        return file == null ? "in-memory lab" : "lab " + file;
    }

    /** Closes the lab without saving it (a refused command leaves the file as it was). */
    synchronized void discard() {
        if (lab != null) close(false);
    }

    @Override
    public synchronized void close() {
        if (lab != null) close(true);
    }

    private void close(boolean save) {
        try {
            if (session != null) session.close();
            others.values().forEach(CimSession::close);
            if (file != null && save) lab.save(file);
        } finally {
            lab.close();
            lab = null;
            session = null;
            others.clear();
            releaseLock();
        }
    }
}
