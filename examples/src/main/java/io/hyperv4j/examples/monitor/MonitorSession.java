package io.hyperv4j.examples.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hyperv4j.perf.export.AtomicFiles;
import io.hyperv4j.scvmm.monitor.MonitorAction;
import io.hyperv4j.scvmm.sim.guest.FaultLocation;
import io.hyperv4j.scvmm.sim.guest.Seed001;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line's monitored host cluster across runs: a file holds the lab's seed and every
 * command with the simulated second it was given at; each run rebuilds the lab (seed 001's monitored
 * host cluster) and replays them on the virtual clock, which gives the same world again, then applies
 * the new command. A command that is refused is not recorded; the file is replaced atomically.
 */
public final class MonitorSession {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * The file's content.
     *
     * @param seed    the lab's seed
     * @param now     the simulated seconds since the lab's start
     * @param entries the commands so far
     */
    public record State(long seed, long now, List<Entry> entries) {
    }

    /**
     * One recorded command.
     *
     * @param at      the simulated second it was given at
     * @param command its words
     */
    public record Entry(long at, List<String> command) {
    }

    private final Path file;
    private State state;
    private MonitoredCluster world;

    private MonitorSession(Path file, State state) {
        this.file = file;
        this.state = state;
    }

    /**
     * Opens the session in {@code file}, or starts one (seed 1) if the file does not exist, and replays it.
     *
     * @param file the session's file
     * @return the session
     */
    public static MonitorSession open(Path file) {
        State s;
        try {
            s = Files.exists(file) ? JSON.readValue(file.toFile(), State.class) : new State(1, 0, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read monitor session " + file + ": " + e.getMessage(), e);
        }
        MonitorSession session = new MonitorSession(file, s);
        session.world = session.replay(s);
        return session;
    }

    /**
     * The replayed world, at the session's time.
     *
     * @return the world
     */
    public MonitoredCluster world() {
        return world;
    }

    /**
     * Adds a probe of a VM's service (a connection with a timeout, every interval).
     *
     * @param alarm    the alarm's name
     * @param vm       the VM
     * @param interval the poll interval, in seconds
     * @param timeout  the connection timeout, in seconds
     */
    public void addProbe(String alarm, String vm, long interval, long timeout) {
        record(List.of("probe", alarm, vm, Long.toString(interval), Long.toString(timeout)));
    }

    /**
     * Binds an action to an alarm.
     *
     * @param alarm  the alarm
     * @param vm     the VM it acts on
     * @param action the action's command-line name
     * @param guard  whether the failover is guarded
     */
    public void bind(String alarm, String vm, String action, boolean guard) {
        record(List.of("bind", alarm, vm, action, Boolean.toString(guard)));
    }

    /**
     * Injects a fault into a host or a VM's guest.
     *
     * @param location the fault location's name
     * @param host     the host (or null)
     * @param vm       the VM (or null)
     * @param hang     for a guest OS fault: a hang rather than a crash
     */
    public void inject(String location, String host, String vm, boolean hang) {
        if ((host == null) == (vm == null)) throw new IllegalArgumentException("name exactly one of --host and --vm");
        record(host != null ? List.of("fault-host", location, host) : List.of("fault-vm", location, vm, Boolean.toString(hang)));
    }

    /**
     * Lets simulated time pass.
     *
     * @param d how long (positive)
     */
    public void run(Duration d) {
        if (d.isZero() || d.isNegative()) throw new IllegalArgumentException("the time to run must be positive, got " + d);
        world.run(d);
        save(new State(state.seed(), state.now() + d.toSeconds(), state.entries()));
    }

    private void record(List<String> command) {
        apply(world, command); // refused: throws, nothing recorded
        List<Entry> entries = new ArrayList<>(state.entries());
        entries.add(new Entry(state.now(), command));
        save(new State(state.seed(), state.now(), entries));
    }

    private void save(State next) {
        try {
            AtomicFiles.write(file, JSON.writeValueAsString(next));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write monitor session " + file + ": " + e.getMessage(), e);
        }
        state = next;
    }

    private MonitoredCluster replay(State s) {
        MonitoredCluster w = new MonitoredCluster(s.seed(), false, false);
        long at = 0;
        for (Entry e : s.entries()) {
            if (e.at() > at) w.run(Duration.ofSeconds(e.at() - at));
            at = Math.max(at, e.at());
            apply(w, e.command());
        }
        if (s.now() > at) w.run(Duration.ofSeconds(s.now() - at));
        return w;
    }

    private static void apply(MonitoredCluster w, List<String> c) {
        switch (c.get(0)) {
            case "probe" -> w.table().addProbe(c.get(1), c.get(2), w.guests().connectionProbe(c.get(2)), Duration.ofSeconds(Long.parseLong(c.get(3))),
                    Duration.ofSeconds(Long.parseLong(c.get(4))));
            case "bind" -> w.table().bind(c.get(1), c.get(2), MonitorAction.parse(c.get(3), Seed001.SERVICE), Boolean.parseBoolean(c.get(4)));
            case "fault-host" -> w.faults().injectHost(FaultLocation.parse(c.get(1)), c.get(2));
            case "fault-vm" -> w.faults().injectVm(FaultLocation.parse(c.get(1)), c.get(2), Boolean.parseBoolean(c.get(3)));
            default -> throw new IllegalStateException("the session file has an unknown command " + c);
        }
    }

    /** Closes the replayed world. */
    public void close() {
        world.close();
    }
}
