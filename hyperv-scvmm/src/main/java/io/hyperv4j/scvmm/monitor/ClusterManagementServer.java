package io.hyperv4j.scvmm.monitor;

import io.hyperv4j.HyperVException;
import io.hyperv4j.cim.Subscription;
import io.hyperv4j.cluster.ClusterEvent;
import io.hyperv4j.cluster.ClusterGroup;
import io.hyperv4j.cluster.ClusterNode;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.cluster.GroupInfo;
import io.hyperv4j.cluster.GroupState;
import io.hyperv4j.cluster.MigrationType;
import io.hyperv4j.cluster.NodeState;
import io.hyperv4j.job.CompletedOperation;
import io.hyperv4j.job.Operation;
import io.hyperv4j.scvmm.monitor.spi.ManagementServer;
import io.hyperv4j.scvmm.monitor.spi.MonitorClock;
import io.hyperv4j.scvmm.monitor.spi.ServiceControl;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The management server's actions over a failover cluster, through the typed cluster API: a failover
 * is a quick migration to the first other node that is up (a role whose owner failed, and which the
 * cluster did not restart, is moved and brought online, as Move-ClusterGroup does); owner changes are
 * logged from the cluster's events. A host the server cannot reach (a failed LAN board) makes its
 * actions fail, as a "not responding" host does in SCVMM. Close it to stop following the cluster.
 */
public final class ClusterManagementServer implements ManagementServer, AutoCloseable {
    private final FailoverCluster cluster;
    private final ServiceControl services;
    private final Predicate<String> hostReachable;
    private final MonitorClock clock;
    private final List<OwnerChange> ownerLog = new ArrayList<>();
    private final Subscription events;

    /**
     * A server acting on {@code cluster}.
     *
     * @param cluster       the cluster the VMs are roles of
     * @param services      how services in a guest are started
     * @param hostReachable whether the server reaches a host now
     * @param clock         the time owner changes are logged at
     */
    public ClusterManagementServer(FailoverCluster cluster, ServiceControl services, Predicate<String> hostReachable, MonitorClock clock) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.services = Objects.requireNonNull(services, "services");
        this.hostReachable = Objects.requireNonNull(hostReachable, "hostReachable");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = cluster.subscribe(this::onEvent);
    }

    private void onEvent(ClusterEvent e) {
        if (e.kind() != ClusterEvent.Kind.GROUP || !"OwnerNode".equals(e.property())) return;
        synchronized (ownerLog) {
            ownerLog.add(new OwnerChange(e.name(), clock.now()));
        }
    }

    @Override
    public boolean hasVm(String vm) {
        return vm != null && cluster.virtualMachineGroups().stream().anyMatch(g -> g.name().equalsIgnoreCase(vm));
    }

    @Override
    public Optional<String> owner(String vm) {
        return Optional.of(group(vm).info().ownerNode());
    }

    @Override
    public boolean moving(String vm) {
        GroupInfo i = group(vm).info();
        return i.isMigrating() || i.state() == GroupState.PENDING;
    }

    @Override
    public List<Instant> ownerChangesSince(String vm, Instant since) {
        String role = group(vm).name();
        synchronized (ownerLog) {
            return ownerLog.stream().filter(l -> l.role().equalsIgnoreCase(role)).map(OwnerChange::at).filter(t -> !t.isBefore(since)).toList();
        }
    }

    /**
     * A change of a role's owner node, as the server logged it from the cluster's events.
     *
     * @param role the role's name
     * @param at   when the server saw it
     */
    public record OwnerChange(String role, Instant at) {
    }

    /**
     * The owner changes logged so far, oldest first (to keep them across a restart of the server).
     *
     * @return the log
     */
    public List<OwnerChange> ownerChanges() {
        synchronized (ownerLog) {
            return List.copyOf(ownerLog);
        }
    }

    /**
     * Puts owner changes logged by an earlier run of the server before the ones logged since.
     *
     * @param earlier the earlier run's log, oldest first
     */
    public void rememberOwnerChanges(List<OwnerChange> earlier) {
        synchronized (ownerLog) {
            ownerLog.addAll(0, List.copyOf(earlier));
        }
    }

    @Override
    public Operation<?> failover(String vm) {
        ClusterGroup g = reachableGroup(vm);
        GroupInfo info = g.info();
        String to = otherNode(info.ownerNode());
        if (info.state() == GroupState.ONLINE) return g.quickMigrate(to);
        // a role that is not running changes owner at once (the move's operation judges the role's state, not its owner)
        Operation<?> move = g.quickMigrate(to);
        String owner = g.info().ownerNode();
        if (!owner.equalsIgnoreCase(to)) throw new HyperVException("'" + vm + "' stayed on " + owner + ": " + move.state() + " " + move.description());
        return new CompletedOperation<>("failover of '" + vm + "' to " + to, g.start());
    }

    @Override
    public Operation<?> migrate(String vm, MigrationType type) {
        ClusterGroup g = reachableGroup(vm);
        return g.move(otherNode(g.info().ownerNode()), type);
    }

    @Override
    public Operation<?> restart(String vm) {
        ClusterGroup g = reachableGroup(vm);
        g.stop();
        return new CompletedOperation<>("restart of '" + vm + "'", g.start());
    }

    @Override
    public Operation<?> startService(String vm, String service) {
        services.start(vm, service);
        return new CompletedOperation<>("start of " + service + " in '" + vm + "'", service);
    }

    @Override
    public Operation<?> runScript(List<String> commandLine, Map<String, String> environment) {
        return ScriptRun.start(commandLine, environment);
    }

    private ClusterGroup group(String vm) {
        return cluster.groupOfVm(vm);
    }

    private ClusterGroup reachableGroup(String vm) {
        ClusterGroup g = group(vm);
        String owner = g.info().ownerNode();
        if (!hostReachable.test(owner)) throw new HyperVException("host " + owner + " is not responding; the management server cannot act on '" + vm + "'");
        return g;
    }

    /** The first other node that is up, by name; else the first other node (the cluster then refuses the move, saying why). */
    private String otherNode(String owner) {
        List<ClusterNode> others = cluster.nodes().stream().filter(n -> !n.name().equalsIgnoreCase(owner)).toList();
        if (others.isEmpty()) throw new HyperVException("the cluster has no node other than " + owner);
        return others.stream().filter(n -> n.info().state() == NodeState.UP).findFirst().orElse(others.get(0)).name();
    }

    @Override
    public void close() {
        events.close();
    }
}
