package io.hyperv4j.scvmm.sim.guest;

import io.hyperv4j.InvalidParameterException;
import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.cluster.sim.SimCluster;
import io.hyperv4j.cluster.sim.SimNode;
import io.hyperv4j.scvmm.monitor.ProbeResult;
import io.hyperv4j.scvmm.monitor.spi.Probe;
import io.hyperv4j.scvmm.monitor.spi.ServiceControl;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimVm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What runs inside the guests of a lab, seen from outside: one SQL-like service per VM with its
 * Service Control Manager states and System event log, guest faults, the hosts whose LAN board
 * failed, a connection probe and a continuous ping per VM. The world looks at the lab every second:
 * a VM that is off loses its running service (logged as terminated), a VM that comes back from off
 * (a cold boot after a failover) starts its service, which runs {@link #SERVICE_START} later; a
 * quick migration keeps the guest's memory and so the service's state.
 * <p>Thread-safety: call it on the lab clock's thread (tests and the monitor do).
 */
public final class GuestWorld implements ServiceControl {
    /** A SQL Server service takes this long from start to accepting connections. */
    public static final Duration SERVICE_START = Duration.ofSeconds(20);
    /** A host cluster with VM heartbeat monitoring restarts a VM whose heartbeat is lost this long. */
    public static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(60);
    /**
     * A SQL Server service takes this long from a stop control to the stopped state (it finishes or
     * rolls back its work and checkpoints its databases; a calibration, not in seed 001).
     */
    public static final Duration SERVICE_STOP = Duration.ofSeconds(5);
    /** A cold boot of the guest to a running OS. */
    public static final Duration GUEST_BOOT = Duration.ofSeconds(60);
    private static final Duration TICK = Duration.ofSeconds(1);

    private final Lab lab;
    private final ClusterLab cluster;
    final Map<String, Guest> guests = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final Set<String> isolatedHosts = new HashSet<>();
    final List<GuestLogEntry> log = new ArrayList<>();
    final List<GuestCluster> guestClusters = new ArrayList<>();
    final Map<String, String> guestOs = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final Set<String> clusterAware = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private final List<LoadClient> loads = new ArrayList<>();
    int heartbeatRestarts;

    private GuestWorld(Lab lab, ClusterLab cluster) {
        this.lab = lab;
        this.cluster = cluster;
    }

    /**
     * The lab's guests, watched from the first call on (one world per lab, saved with it).
     *
     * @param lab     the lab
     * @param cluster its clusters
     * @return the world
     */
    public static GuestWorld start(Lab lab, ClusterLab cluster) {
        return GuestProvider.of(lab).world();
    }

    /** A new world, not yet watching: its provider fills it from the lab file, then {@link #watch}es. */
    static GuestWorld create(Lab lab, ClusterLab cluster) {
        return new GuestWorld(lab, cluster);
    }

    /** Starts looking at the lab every second, from now. */
    void watch() {
        tickAt(lab.clock().now());
    }

    /**
     * Sets the operating system the VM's guest runs, by its caption (e.g. "Windows Server 2003 Enterprise Edition").
     *
     * @param vm      the VM's name
     * @param caption the guest OS's caption
     */
    public void guestOs(String vm, String caption) {
        simVm(vm);
        guestOs.put(vm, java.util.Objects.requireNonNull(caption, "caption"));
    }

    /**
     * The operating system the VM's guest runs.
     *
     * @param vm the VM's name
     * @return its caption, "" when never set
     */
    public String guestOs(String vm) {
        return guestOs.getOrDefault(vm, "");
    }

    /**
     * Declares a service cluster-aware: the guests' cluster runs it as a Generic Service resource.
     *
     * @param service the service's name
     */
    public void clusterAware(String service) {
        clusterAware.add(java.util.Objects.requireNonNull(service, "service"));
    }

    /**
     * Whether a guest cluster can run the service: one of {@link GuestCluster#CLUSTER_AWARE_SERVICES}
     * or declared so.
     *
     * @param service the service's name
     * @return whether it is cluster-aware
     */
    public boolean isClusterAware(String service) {
        return clusterAware.contains(service) || GuestCluster.CLUSTER_AWARE_SERVICES.stream().anyMatch(service::equalsIgnoreCase);
    }

    /**
     * Installs a service in the VM's guest, running if the VM is.
     *
     * @param vm      the VM's name
     * @param service the service's name
     */
    public void install(String vm, String service) {
        SimVm v = vm(vm);
        Guest g = new Guest(v.name(), service);
        g.state = v.state() == PowerState.RUNNING ? ServiceState.RUNNING : ServiceState.STOPPED;
        guests.put(v.name(), g);
    }

    /**
     * Installs a service that stays stopped until started (a guest cluster's passive node).
     *
     * @param vm      the VM's name
     * @param service the service's name
     */
    void installStopped(String vm, String service) {
        install(vm, service);
        guests.get(vm).state = ServiceState.STOPPED;
        guests.get(vm).manualStart = true;
    }

    /**
     * The VMs whose guests run a service, by name.
     *
     * @return the VMs' names
     */
    public List<String> vms() {
        return List.copyOf(guests.keySet());
    }

    /**
     * The guest clusters of the lab.
     *
     * @return the clusters
     */
    public List<GuestCluster> clusters() {
        return List.copyOf(guestClusters);
    }

    /**
     * The name of the service installed in the VM's guest.
     *
     * @param vm the VM's name
     * @return the service's name
     */
    public String service(String vm) {
        return guest(vm).service;
    }

    /**
     * The service's state now.
     *
     * @param vm the VM's name
     * @return the state
     */
    public ServiceState serviceState(String vm) {
        return guest(vm).state;
    }

    /**
     * Injects a fault into the VM's guest.
     *
     * @param vm    the VM's name
     * @param fault the fault
     */
    public void inject(String vm, GuestFault fault) {
        Guest g = guest(vm);
        g.faults.add(fault);
        if (fault == GuestFault.APPLICATION && g.state != ServiceState.STOPPED) stop(g, 7034, "terminated unexpectedly");
    }

    /**
     * The host's LAN board fails: the host and its VMs keep running but nothing reaches them.
     *
     * @param host the host's name
     */
    public void isolate(String host) {
        if (lab.host(host) == null) throw new InvalidParameterException("the lab has no host '" + host + "'");
        isolatedHosts.add(host.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Turns on the host cluster's VM heartbeat monitoring for the VM (seed 001 Table 5-1, note 1): when
     * the guest's integration heartbeat is lost for {@link #HEARTBEAT_TIMEOUT}, the VM resource has failed
     * and the cluster applies its restart policy ({@link io.hyperv4j.cluster.RestartPolicy}: restart on
     * the node, then fail the role over).
     *
     * @param vm the VM's name
     */
    public void monitorHeartbeat(String vm) {
        guest(vm).heartbeatMonitored = true;
    }

    /**
     * How many times the host cluster restarted a VM on a lost heartbeat.
     *
     * @return the count
     */
    public int heartbeatRestarts() {
        return heartbeatRestarts;
    }

    /**
     * Starts a client that runs long transaction units against the VM's service (seed 001's 5-minute
     * UPDATE ... SELECT loop, a commit at the end of each unit).
     *
     * @param vm   the VM's name
     * @param unit how long one unit runs
     * @return the client
     */
    public LoadClient load(String vm, Duration unit) {
        guest(vm);
        LoadClient c = new LoadClient(() -> serviceAnswers(vm), unit);
        loads.add(c);
        return c;
    }

    /**
     * Starts a client that runs long transaction units against a guest cluster's clustered service.
     *
     * @param cluster the guest cluster
     * @param unit    how long one unit runs
     * @return the client
     */
    public LoadClient load(GuestCluster cluster, Duration unit) {
        LoadClient c = new LoadClient(cluster::serviceAnswers, unit);
        loads.add(c);
        return c;
    }

    void add(GuestCluster c) {
        guestClusters.add(c);
    }

    /**
     * Whether the management server reaches a host that is up (a failed LAN board cuts it off).
     *
     * @param host the host's name
     * @return whether it is reachable
     */
    public boolean reachable(String host) {
        return !isolatedHosts.contains(host.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Whether a ping of the VM's address is answered now.
     *
     * @param vm the VM's name
     * @return whether the guest answers
     */
    public boolean answersPing(String vm) {
        Guest g = guest(vm);
        SimVm v = vm(vm);
        return v.state() == PowerState.RUNNING && reachable(v.host().name()) && nodeUp(v.host().name())
                && !g.faults.contains(GuestFault.GUEST_OS_CRASH) && !g.faults.contains(GuestFault.RESOURCE_SHORTAGE);
    }

    /**
     * Whether the VM's integration heartbeat reaches its host now.
     *
     * @param vm the VM's name
     * @return whether the guest sends heartbeats
     */
    public boolean heartbeat(String vm) {
        Guest g = guest(vm);
        return vm(vm).state() == PowerState.RUNNING && !g.faults.contains(GuestFault.GUEST_OS_CRASH) && !g.faults.contains(GuestFault.RESOURCE_SHORTAGE);
    }

    /**
     * Whether the service accepts a connection now.
     *
     * @param vm the VM's name
     * @return whether it answers
     */
    public boolean serviceAnswers(String vm) {
        Guest g = guest(vm);
        return answersPing(vm) && g.state == ServiceState.RUNNING && !g.faults.contains(GuestFault.GUEST_OS_HANG);
    }

    /**
     * A connection probe of the VM's service: it answers at once when the service runs, and times out otherwise.
     *
     * @param vm the VM's name
     * @return the probe
     */
    public Probe connectionProbe(String vm) {
        Guest g = guest(vm);
        return timeout -> serviceAnswers(g.vm) ? new ProbeResult(true, Duration.ZERO, "connected to " + g.service)
                : new ProbeResult(false, timeout, "connection to " + g.service + " on " + g.vm + " timed out after " + timeout.toSeconds() + " s");
    }

    /**
     * Starts recording a continuous ping of the VM (one echo a second).
     *
     * @param vm the VM's name
     * @return the ping's record
     */
    public PingRecord ping(String vm) {
        Guest g = guest(vm);
        PingRecord p = new PingRecord(g.vm);
        g.pings.add(p);
        return p;
    }

    /**
     * The guests' System event log, oldest first.
     *
     * @return the service records
     */
    public List<GuestLogEntry> eventLog() {
        return List.copyOf(log);
    }

    @Override
    public void start(String vm, String service) {
        Guest g = controlled(vm, service, "start", "started");
        g.faults.remove(GuestFault.APPLICATION);
        if (g.state == ServiceState.STOPPED) starting(g);
    }

    /**
     * Stops the service gracefully, as {@code sc stop} or the Services console does: the Service
     * Control Manager sends it a stop control (System log 7035), the service is Stopping and accepts no
     * connection, and {@link #SERVICE_STOP} later it is Stopped (7036). A service that is not running
     * or starting is left as it is.
     *
     * @param vm      the VM's name
     * @param service the service's name
     * @throws InvalidParameterException when the guest has no such service or cannot be reached
     */
    @Override
    public void stop(String vm, String service) {
        Guest g = controlled(vm, service, "stop", "stopped");
        if (g.state != ServiceState.RUNNING && g.state != ServiceState.STARTING) return;
        Instant now = lab.clock().now();
        g.state = ServiceState.STOPPING;
        g.stoppedAt = now.plus(SERVICE_STOP);
        log.add(new GuestLogEntry(now, g.vm, 7035, g.service, "The " + g.service + " service was successfully sent a stop control."));
    }

    /** The guest whose service control manager takes a request for {@code service} now; else why not. */
    private Guest controlled(String vm, String service, String verb, String done) {
        Guest g = guest(vm);
        if (!g.service.equalsIgnoreCase(service)) throw new InvalidParameterException("the guest of '" + vm + "' has no service '" + service + "'");
        if (!answersPing(vm)) throw new InvalidParameterException("the guest of '" + vm + "' cannot be reached to " + verb + " " + service);
        if (g.faults.contains(GuestFault.GUEST_OS_HANG))
            throw new InvalidParameterException("the guest of '" + vm + "' answers pings but its service control manager does not: " + service
                    + " was not " + done);
        return g;
    }

    private void tickAt(Instant at) {
        lab.clock().scheduleAt(at, t -> {
            for (Guest g : guests.values()) rebootIfDue(g, t);
            for (Guest g : guests.values()) look(g, t);
            for (GuestCluster c : guestClusters) c.look(t);
            for (LoadClient c : loads) c.tick(TICK);
            tickAt(t.plus(TICK));
        });
    }

    private void look(Guest g, Instant now) {
        SimVm v = lab.vm(vmId(g.vm));
        boolean running = v != null && v.state() == PowerState.RUNNING && nodeUp(v.host().name());
        if (!running) {
            if (g.state != ServiceState.STOPPED) stop(g, 7034, "terminated unexpectedly");
            // off, its node down, or reset (a running VM that starts again: a restore comes from Saved instead)
            boolean reset = v != null && v.state() == PowerState.STARTING && g.lastSeen == PowerState.RUNNING;
            if (v == null || v.state() == PowerState.OFF || !nodeUp(v.host().name()) || reset) {
                g.coldBoot = true;
                g.faults.clear(); // nothing of the guest survives a power cycle
            }
        } else if (restartedSinceLastLook(g, v)) {
            // off and on between two looks (a restart): the guest booted again
            if (g.state != ServiceState.STOPPED) stop(g, 7036, "entered the stopped state");
            g.faults.clear();
            if (!g.manualStart) starting(g);
        } else if (g.coldBoot) {
            g.coldBoot = false;
            if (!g.manualStart) starting(g);
        } else if (g.state == ServiceState.STOPPING && !now.isBefore(g.stoppedAt)) {
            g.stoppedAt = null;
            stop(g, 7036, "entered the stopped state");
        } else if (g.state == ServiceState.STARTING && !now.isBefore(g.runningAt)) {
            g.state = ServiceState.RUNNING;
            log.add(new GuestLogEntry(now, g.vm, 7036, g.service, "The " + g.service + " service entered the running state."));
        }
        if (v != null) {
            g.lastSeen = v.state();
            g.lastStartedAt = v.startedAt();
        }
        for (PingRecord p : g.pings) p.sample(now, answersPing(g.vm));
        if (g.heartbeatMonitored && v != null && v.state() == PowerState.RUNNING && !heartbeat(g.vm)) {
            if (g.heartbeatLostSince == null) g.heartbeatLostSince = now;
            else if (!now.isBefore(g.heartbeatLostSince.plus(HEARTBEAT_TIMEOUT))) restartByCluster(g, v);
        } else {
            g.heartbeatLostSince = null;
        }
    }

    /**
     * The cluster's reaction to a lost VM heartbeat: the VM resource failed, and the cluster applies its
     * restart policy (restart on the node, then fail the role over past the restart threshold). A VM that
     * is no cluster role is turned off and booted again {@link #GUEST_BOOT} later.
     */
    private void restartByCluster(Guest g, SimVm v) {
        heartbeatRestarts++;
        g.heartbeatLostSince = null;
        String done = cluster.vmResourceFailed(v.id());
        if (!done.isEmpty()) {
            // the cluster turned the VM off (and boots it again, here or elsewhere): nothing of the guest survives
            if (g.state != ServiceState.STOPPED) stop(g, 7034, "terminated unexpectedly");
            g.faults.clear();
            g.coldBoot = true;
            return;
        }
        lab.write(Duration.ofMinutes(1), txn -> {
            txn.touch(v);
            v.state(PowerState.OFF, txn.now());
            return null;
        });
        g.rebootAt = lab.clock().now().plus(GUEST_BOOT);
    }

    /** The restart's boot, due at {@code g.rebootAt}: a VM still off is booted again. */
    private void rebootIfDue(Guest g, Instant now) {
        if (g.rebootAt == null || now.isBefore(g.rebootAt)) return;
        g.rebootAt = null;
        SimVm v = lab.vm(vmId(g.vm));
        if (v == null) return;
        lab.write(Duration.ofMinutes(1), txn -> {
            if (v.state() != PowerState.OFF) return null;
            txn.touch(v);
            v.state(PowerState.RUNNING, txn.now());
            v.restartUptime(txn.now());
            return null;
        });
    }

    /**
     * Whether the guest of {@code vm} is alive enough to run its cluster service (up, not crashed, hung or starved).
     *
     * @param vm the VM's name
     * @return whether its cluster service runs
     */
    boolean clusterServiceRuns(String vm) {
        Guest g = guest(vm);
        SimVm v = vm(vm);
        return v.state() == PowerState.RUNNING && nodeUp(v.host().name()) && g.faults.stream().noneMatch(f -> f != GuestFault.APPLICATION);
    }

    /**
     * Starts or stops the guest's service as its guest cluster tells it (no fault involved).
     *
     * @param vm  the VM's name
     * @param run start (true) or stop (false)
     */
    void clusterControls(String vm, boolean run) {
        Guest g = guest(vm);
        if (run && g.state == ServiceState.STOPPED) starting(g);
        if (!run && g.state != ServiceState.STOPPED) stop(g, 7036, "entered the stopped state");
    }

    Lab lab() {
        return lab;
    }

    SimVm simVm(String name) {
        return vm(name);
    }

    /** Uptime restarted while the VM looked running, and not by a restore from saved state (a quick migration). */
    private static boolean restartedSinceLastLook(Guest g, SimVm v) {
        return g.lastSeen == PowerState.RUNNING && g.lastStartedAt != null && v.startedAt() != null && !v.startedAt().equals(g.lastStartedAt);
    }

    private void starting(Guest g) {
        Instant now = lab.clock().now();
        g.state = ServiceState.STARTING;
        g.runningAt = now.plus(SERVICE_START);
    }

    private void stop(Guest g, int eventId, String how) {
        g.state = ServiceState.STOPPED;
        log.add(new GuestLogEntry(lab.clock().now(), g.vm, eventId, g.service, "The " + g.service + " service " + how + "."));
    }

    private boolean nodeUp(String host) {
        SimCluster c = cluster.read(e -> e.clusterOf(host));
        if (c == null) return true;
        SimNode n = c.node(host);
        return n == null || n.isUpOrPaused();
    }

    private Guest guest(String vm) {
        Guest g = vm == null ? null : guests.get(vm);
        if (g == null) throw new InvalidParameterException("no guest service is installed in VM '" + vm + "'; guests: " + guests.keySet());
        return g;
    }

    private SimVm vm(String name) {
        SimVm v = lab.vm(vmId(name));
        if (v == null) throw new InvalidParameterException("the lab has no VM '" + name + "'");
        return v;
    }

    private String vmId(String name) {
        for (SimHost h : lab.hosts()) for (SimVm v : h.vms()) if (v.name().equalsIgnoreCase(name) || v.id().equalsIgnoreCase(name)) return v.id();
        return name;
    }

    /** One guest's service and what the world remembers of it (all of it saved with the lab but the pings, which are the client's). */
    static final class Guest {
        final String vm;
        final String service;
        final Set<GuestFault> faults = EnumSet.noneOf(GuestFault.class);
        final List<PingRecord> pings = new ArrayList<>();
        ServiceState state = ServiceState.STOPPED;
        Instant runningAt;
        /** When a stopping service is stopped. */
        Instant stoppedAt;
        Instant heartbeatLostSince;
        Instant rebootAt;
        Instant lastStartedAt;
        PowerState lastSeen;
        boolean coldBoot;
        boolean heartbeatMonitored;
        boolean manualStart;

        Guest(String vm, String service) {
            this.vm = vm;
            this.service = service;
        }
    }
}
