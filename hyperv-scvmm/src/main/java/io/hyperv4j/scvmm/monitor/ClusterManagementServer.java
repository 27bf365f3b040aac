package io.hyperv4j.scvmm.monitor;

import io.hyperv4j.HyperVException;
import io.hyperv4j.cim.Subscription;
import io.hyperv4j.cluster.ClusterEvent;
import io.hyperv4j.cluster.ClusterGroup;
import io.hyperv4j.cluster.ClusterNode;
import io.hyperv4j.cluster.ClusterRefusal;
import io.hyperv4j.cluster.ClusterRefusedException;
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
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The management server's actions over a failover cluster, through the typed cluster API: a failover
 * is a quick migration to the next preferred owner with room (MSCluster_ResourceGroup's preferred
 * owners after the current owner, then any other node; a node that refuses the role is passed over);
 * a role whose owner failed, and which the cluster did not restart, is moved and brought online, as
 * Move-ClusterGroup does; owner changes are
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

    /**
     * A server acting on the failover cluster {@code node} belongs to.
     *
     * @param node          a node of the cluster (any node answers for it)
     * @param services      how services in a guest are started and stopped
     * @param hostReachable whether the server reaches a host now
     * @param clock         the time owner changes are logged at
     * @return the server
     */
    public static ClusterManagementServer on(io.hyperv4j.HyperVHost node, ServiceControl services, Predicate<String> hostReachable, MonitorClock clock) {
        return new ClusterManagementServer(node.capability(FailoverCluster.class), services, hostReachable, clock);
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
        if (info.state() == GroupState.ONLINE) return moveToNext(g, info.ownerNode(), MigrationType.QUICK);
        // a role that is not running changes owner at once (the move's operation judges the role's state, not its owner)
        Operation<?> move = moveToNext(g, info.ownerNode(), MigrationType.QUICK);
        String owner = g.info().ownerNode();
        if (owner.equalsIgnoreCase(info.ownerNode())) throw new HyperVException("'" + vm + "' stayed on " + owner + ": " + move.state() + " " + move.description());
        return new CompletedOperation<>("failover of '" + vm + "' to " + owner, g.start());
    }

    @Override
    public Operation<?> migrate(String vm, MigrationType type) {
        ClusterGroup g = reachableGroup(vm);
        return moveToNext(g, g.info().ownerNode(), type);
    }

    /**
     * Moves the role to the first node of {@link #candidates} the cluster accepts: one it refuses for
     * want of room, or because the node is down, paused or no possible owner, is passed over for the next.
     */
    private Operation<?> moveToNext(ClusterGroup g, String owner, MigrationType type) {
        List<String> refused = new ArrayList<>();
        for (String to : candidates(g, owner)) {
            try {
                return g.move(to, type);
            } catch (ClusterRefusedException e) {
                if (!PASS_OVER.contains(e.reason())) throw e;
                refused.add(to + ": " + e.getMessage());
            }
        }
        throw new HyperVException("no node takes the role '" + g.name() + "' off " + owner + ": " + String.join("; ", refused));
    }

    /** Refusals that concern the destination only: the next candidate may take the role. */
    private static final java.util.Set<ClusterRefusal> PASS_OVER = java.util.EnumSet.of(ClusterRefusal.NOT_ENOUGH_RESOURCES_ON_DESTINATION,
            ClusterRefusal.NODE_DOWN, ClusterRefusal.NODE_PAUSED, ClusterRefusal.NODE_JOINING, ClusterRefusal.NOT_POSSIBLE_OWNER);

    /**
     * Where a failover of the role tries to go, best first, as the cluster itself orders a failover:
     * the role's preferred owners after the current owner in list order (wrapping round), then the
     * other nodes by name; nodes that are up before the others (whose refusal then says why).
     *
     * @param g     the role
     * @param owner its owner now
     * @return the other nodes, best first
     */
    List<String> candidates(ClusterGroup g, String owner) {
        List<String> preferred = g.preferredOwners();
        List<String> order = new ArrayList<>();
        int at = indexOf(preferred, owner);
        for (int i = 1; i <= preferred.size(); i++) order.add(preferred.get((at + i) % preferred.size())); // at -1: from the first
        List<ClusterNode> nodes = cluster.nodes();
        nodes.stream().map(ClusterNode::name).sorted(String.CASE_INSENSITIVE_ORDER).filter(n -> indexOf(order, n) < 0).forEach(order::add);
        order.removeIf(n -> n.equalsIgnoreCase(owner));
        java.util.Set<String> up = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        nodes.stream().filter(n -> n.info().state() == NodeState.UP).forEach(n -> up.add(n.name()));
        List<String> out = new ArrayList<>(order.stream().filter(up::contains).toList());
        order.stream().filter(n -> !up.contains(n)).forEach(out::add);
        if (out.isEmpty()) throw new HyperVException("the cluster has no node other than " + owner);
        return out;
    }

    private static int indexOf(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) if (names.get(i).equalsIgnoreCase(name)) return i;
        return -1;
    }

    @Override
    public Operation<?> restart(String vm) {
        ClusterGroup g = reachableGroup(vm);
        g.stop();
        return new CompletedOperation<>("restart of '" + vm + "'", g.start());
    }

    @Override
    public Operation<?> startService(String vm, String service) {
        return services.started(vm, service);
    }

    @Override
    public Operation<?> stopService(String vm, String service) {
        return services.stopped(vm, service);
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

    @Override
    public void close() {
        events.close();
    }
}
