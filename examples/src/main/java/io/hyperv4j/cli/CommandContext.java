package io.hyperv4j.cli;

import io.hyperv4j.ConnectOptions;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.sim.Lab;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything a noun needs while it runs: where to print, whether JSON was asked for, the session to
 * the chosen host or lab (opened on first use), progress display. Closing it closes the session and
 * saves the lab, so the lab's clock and state carry over to the next command.
 */
public final class CommandContext implements AutoCloseable {
    static final String LAB_VARIABLE = "HYPERV4J_LAB";

    private final PrintStream out;
    private final PrintStream err;
    private final GlobalOptions globals;
    private final Environment env;
    private final Output output;
    private Target target;
    private HyperVHost host;
    private ClusterJobs clusterJobs;

    CommandContext(PrintStream out, PrintStream err, GlobalOptions globals, Environment env) {
        this.out = out;
        this.err = err;
        this.globals = globals;
        this.env = env;
        this.output = new Output(out, globals.json);
        // Checked before the command runs, so a bad --host is a usage error whatever the verb.
        if (globals.host != null && globals.lab != null) throw new UsageException("give either --lab or --host, not both");
        if (globals.host != null && globals.computerName != null)
            throw new UsageException("--computer-name picks a host of a lab; with --host the URI names the host");
        if (globals.host != null) target = new HostTarget(globals.host, env);
    }

    public PrintStream out() {
        return out;
    }

    /** Messages for people (progress, notes); never parsed. */
    public PrintStream err() {
        return err;
    }

    public boolean json() {
        return globals.json;
    }

    public boolean debug() {
        return globals.debug;
    }

    public Output output() {
        return output;
    }

    public Environment env() {
        return env;
    }

    /** The lab file named by --lab or HYPERV4J_LAB, if any. */
    public Optional<Path> labFile() {
        if (globals.lab != null) return Optional.of(globals.lab);
        if (globals.host != null) return Optional.empty();
        return env.variable(LAB_VARIABLE).map(Path::of);
    }

    /** True when the command line named a target (--lab or --host), rather than falling back to the environment or a fresh lab. */
    public boolean targetGiven() {
        return globals.lab != null || globals.host != null;
    }

    /** The session to the host or lab the command line chose; opened on first call. */
    public CimSession session() {
        return target().session();
    }

    /** The typed API over {@link #session()}: VMs, operations. Closed with the context (not by callers). */
    public HyperVHost hyperV() {
        if (host == null)
            host = new HyperVHost(target().uri(), session(), ConnectOptions.defaults());
        return host;
    }

    /** "lab demo.json", "wmi://hv01": what the command works on, for messages. */
    public String targetName() {
        return target().describe();
    }

    /**
     * The host the command acts on, as its output names it: the lab host chosen by --computer-name
     * (default the lab's first host), or the host of --host's URI.
     */
    public String computerName() {
        Target t = target();
        if (t instanceof LabTarget l) return l.host();
        return t.uri().getHost() != null ? t.uri().getHost() : session().host();
    }

    /** The simulated lab the command works on; fails when the command line chose a real host. */
    public Lab lab() {
        if (target() instanceof LabTarget l) return l.lab();
        throw new CommandFailedException("this needs a simulated lab (--lab FILE), not " + target().describe());
    }

    /** A refused command changes nothing: the lab is closed without being saved, its file left as it was. */
    public void discardLab() {
        if (target instanceof LabTarget l) l.discard();
    }

    Target target() {
        if (target == null) {
            SchemaWarmup.start(); // a lab (--host set the target at once): its hosts answer from the v2 schema
            target = labFile().map(f -> LabTarget.open(f, env, globals.computerName, () -> {
                if (java.nio.file.Files.exists(JobTable.fileOf(f))) clusterJobs(); // follow the jobs in flight from the start
            })).orElseGet(() -> {
                if (env.terminal()) err.println("hyperv: no --lab or --host: using a fresh in-memory lab (nothing is kept)");
                return LabTarget.ephemeral(env, globals.computerName);
            });
        }
        return target;
    }

    /**
     * A session to {@code hostName}: another host of the lab (the name checked against the lab's,
     * any case), or the host itself when the command line chose one with --host.
     */
    public CimSession sessionOn(String hostName) {
        Target t = target();
        if (t instanceof LabTarget l) {
            String known = LabTarget.hostNames(l.lab()).stream().filter(h -> h.equalsIgnoreCase(hostName)).findFirst()
                    .orElseThrow(() -> new CommandFailedException("the lab has no host named '" + hostName + "'; its hosts are "
                            + String.join(", ", LabTarget.hostNames(l.lab()))));
            return l.session(known);
        }
        if (!hostName.equalsIgnoreCase(computerName()))
            throw new CommandFailedException("this command talks to " + computerName() + " only, not " + hostName);
        return session();
    }

    /** The typed API on {@code hostName}, another host of the lab or the one the command acts on. */
    public HyperVHost hyperVOn(String hostName) {
        if (hostName.equalsIgnoreCase(computerName())) return hyperV();
        return new HyperVHost(java.net.URI.create("sim:" + hostName), sessionOn(hostName), ConnectOptions.defaults());
    }

    /** Every host the command can reach: the lab's hosts, or the one host of --host. */
    public java.util.List<String> hostNames() {
        return target() instanceof LabTarget l ? LabTarget.hostNames(l.lab()) : java.util.List.of(computerName());
    }

    /** Now on the target's clock: the lab's (virtual, scaled or manual), or the real one for a host. */
    public java.time.Instant now() {
        return target() instanceof LabTarget l ? l.lab().clock().now() : java.time.Instant.now();
    }

    /** The cluster jobs started with --as-job on this lab (its job table), followed from when the lab opened. */
    ClusterJobs clusterJobs() {
        if (clusterJobs == null) {
            JobTable table = target() instanceof LabTarget && labFile().isPresent() ? JobTable.of(labFile().get()) : JobTable.inMemory();
            clusterJobs = new ClusterJobs(this, table);
            clusterJobs.watch();
        }
        return clusterJobs;
    }

    /** Progress on stderr: a bar when stderr is a terminal, nothing otherwise. */
    public Progress progress(String label) {
        return env.terminal() ? Progress.bar(err, label) : Progress.NONE;
    }

    @Override
    public void close() {
        try {
            if (clusterJobs != null) clusterJobs.close(); // the job table is written before the lab it belongs to
        } finally {
            closeTarget();
        }
    }

    private void closeTarget() {
        if (target != null) {
            Target t = target;
            target = null;
            t.close();
        }
    }
}
