package io.hyperv4j.cluster.sim;

import static io.hyperv4j.cluster.sim.ClusterRefusal.*;

import io.hyperv4j.cluster.migration.FailoverModel;
import io.hyperv4j.cluster.migration.LiveMigrationInput;
import io.hyperv4j.cluster.migration.LiveMigrationModel;
import io.hyperv4j.cluster.migration.MigrationLink;
import io.hyperv4j.cluster.migration.QuickMigrationModel;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The behaviour of a lab's failover clusters: every operation validates first (a refusal changes
 * nothing), then changes the model; moves and failovers run on the lab's clock. Methods taking a
 * {@link Txn} run under the lab lock; the others take it themselves.
 */
public final class ClusterEngine {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterEngine.class);
    private static final Duration LOCK = Duration.ofMinutes(5);
    private static final long MIB = 1024L * 1024;
    /** A recovered node rejoins after this long. */
    static final Duration JOIN_TIME = Duration.ofSeconds(10);

    final Lab lab;
    final Map<String, SimCluster> clusters = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final Map<String, VmTraits> traits = new HashMap<>();
    final Map<String, GuestMemory> memory = new HashMap<>();
    private LiveMigrationModel live = LiveMigrationModel.calibrated();
    private QuickMigrationModel quick = QuickMigrationModel.calibrated();
    private FailoverModel failover = FailoverModel.calibrated();

    private final MoveExecution moves = new MoveExecution(this);

    ClusterEngine(Lab lab) {
        this.lab = lab;
    }

    public Lab lab() { return lab; }
    public LiveMigrationModel liveModel() { return live; }
    public QuickMigrationModel quickModel() { return quick; }
    public FailoverModel failoverModel() { return failover; }
    public void models(LiveMigrationModel l, QuickMigrationModel q, FailoverModel f) {
        this.live = l; this.quick = q; this.failover = f;
    }

    public Collection<SimCluster> clusters() { return List.copyOf(clusters.values()); }

    public SimCluster cluster(String name) { return clusters.get(name); }

    /** The cluster {@code host} is a node of, or null. */
    public SimCluster clusterOf(String host) {
        for (SimCluster c : clusters.values()) if (c.nodes.containsKey(host)) return c;
        return null;
    }

    public VmTraits traits(String vmId) {
        return traits.computeIfAbsent(vmId.toUpperCase(Locale.ROOT), k -> new VmTraits());
    }

    /** The running guest's memory image (booted on first use). */
    public GuestMemory memoryOf(SimVm vm) {
        return memory.computeIfAbsent(vm.id(), k -> GuestMemory.boot(lab.random()));
    }

    // ---- building ----

    SimCluster createCluster(Txn txn, String name, String domain, ClusterProfile profile, List<String> hosts) {
        if (clusters.containsKey(name)) throw new IllegalArgumentException("the lab already has a cluster named '" + name + "'");
        if (hosts.size() < 1 || hosts.size() > 64) throw new IllegalArgumentException("a cluster has 1 to 64 nodes, not " + hosts.size());
        SimCluster c = new SimCluster(name, domain, profile);
        int id = 1;
        for (String h : hosts) {
            SimHost host = lab.host(h);
            if (host == null) throw new IllegalArgumentException("the lab has no host named '" + h + "'");
            if (clusterOf(h) != null) throw new IllegalArgumentException("host " + h + " is already a node of cluster " + clusterOf(h).name);
            c.nodes.put(host.name(), new SimNode(c, host.name(), id++));
        }
        clusters.put(name, c);
        txn.created(c);
        c.nodes.values().forEach(txn::created);
        return c;
    }

    // ---- storage ----

    void enableCsv(Txn txn, SimCluster c, boolean on) {
        if (!on && c.disks.values().stream().anyMatch(SimDisk::isCsv))
            throw refusal(INVALID_VALUE, "Cluster Shared Volumes cannot be disabled while volumes are in use");
        txn.touch(c);
        c.csvEnabled = on;
    }

    void addToCsv(Txn txn, SimCluster c, String diskName) {
        if (!c.csvEnabled) throw refusal(CSV_NOT_ENABLED, "Cluster Shared Volumes are not enabled on cluster " + c.name);
        SimDisk d = c.disk(diskName);
        if (d == null) throw refusal(DISK_NOT_AVAILABLE, "cluster " + c.name + " has no disk resource '" + diskName + "'");
        if (d.isCsv()) throw refusal(DISK_NOT_AVAILABLE, "'" + d.name + "' is already a Cluster Shared Volume (" + d.path() + ")");
        if (!d.online || d.owner == null || !d.owner.isUpOrPaused())
            throw refusal(DISK_NOT_AVAILABLE, "'" + d.name + "' is not online");
        txn.touch(d);
        d.volumeNumber = c.nextVolume++;
    }

    void moveCsv(Txn txn, SimCluster c, SimDisk d, String nodeName) {
        if (!d.isCsv()) throw refusal(DISK_NOT_AVAILABLE, "'" + d.name + "' is not a Cluster Shared Volume");
        SimNode n = requireTargetNode(c, nodeName);
        if (n == d.owner) throw refusal(ALREADY_OWNER, nodeName + " already owns " + d.name);
        txn.touch(d);
        d.owner = n;
    }

    void redirect(Txn txn, SimDisk d, boolean on) {
        if (!d.isCsv()) throw refusal(DISK_NOT_AVAILABLE, "'" + d.name + "' is not a Cluster Shared Volume");
        txn.touch(d);
        d.redirected = on;
    }

    void maintenance(Txn txn, SimDisk d, boolean on) {
        if (!d.isCsv()) throw refusal(DISK_NOT_AVAILABLE, "'" + d.name + "' is not a Cluster Shared Volume");
        txn.touch(d);
        d.maintenance = on;
    }

    void networkMetric(Txn txn, SimNetwork n, long metric) {
        if (metric < 0 || metric > 0xFFFFFFFFL) throw refusal(INVALID_VALUE, "metric " + metric + " is out of range");
        txn.touch(n);
        n.metric = metric;
        n.autoMetric = false;
    }

    void migrationNetworks(Txn txn, SimCluster c, List<String> order) {
        for (String n : order)
            if (c.network(n) == null) throw refusal(INVALID_VALUE, "cluster " + c.name + " has no network '" + n + "'");
        if (order.isEmpty()) throw refusal(NO_MIGRATION_NETWORK, "select at least one network for live migration");
        txn.touch(c);
        c.groups.values().forEach(txn::touch);
        c.migrationNetworkOrder.clear();
        for (String n : order) c.migrationNetworkOrder.add(c.network(n).name);
    }

    // ---- VM roles ----

    SimGroup addVirtualMachine(Txn txn, SimCluster c, String vmName) {
        List<SimVm> found = new ArrayList<>();
        for (SimNode n : c.nodes.values())
            for (SimVm vm : lab.host(n.name).vms())
                if (vm.name().equalsIgnoreCase(vmName) || vm.id().equalsIgnoreCase(vmName)) found.add(vm);
        if (found.isEmpty()) throw refusal(VM_NOT_FOUND, "no virtual machine '" + vmName + "' on the nodes of cluster " + c.name);
        if (found.size() > 1) throw refusal(INVALID_VALUE, "'" + vmName + "' names " + found.size() + " virtual machines; use its Id");
        SimVm vm = found.get(0);
        if (c.groupOfVm(vm.id()) != null) throw refusal(VM_ALREADY_CLUSTERED, "'" + vm.name() + "' is already a clustered role");
        VmTraits t = traits(vm.id());
        SimDisk csv = c.csvHolding(t.configPath);
        if (csv == null)
            throw refusal(NOT_ON_SHARED_STORAGE, "the files of '" + vm.name() + "' are in " + t.configPath
                    + ", not on a Cluster Shared Volume under " + SimCluster.CSV_ROOT);
        if (c.groups.containsKey(vm.name())) throw refusal(VM_ALREADY_CLUSTERED, "a group named '" + vm.name() + "' exists");
        SimNode owner = c.node(vm.host().name());
        boolean running = vm.state() != PowerState.OFF && vm.state() != PowerState.SAVED;
        SimGroup g = new SimGroup(vm.name(), lab.random().nextGuid(), vm.id(), owner,
                running ? SimGroup.State.ONLINE : SimGroup.State.OFFLINE);
        c.nodes.values().forEach(n -> g.possibleOwners.add(n.name));
        g.dependencies.add(csv.name);
        g.failoverThreshold = Math.max(1, c.nodes.size() - 1);
        g.clusterMemoryMb = vm.memoryMb();
        g.clusterProcessors = vm.processors();
        c.groups.put(g.name, g);
        txn.created(g);
        return g;
    }

    void destroyGroup(Txn txn, SimCluster c, SimGroup g) {
        if (g.migration != null) throw refusal(GROUP_BUSY, "'" + g.name + "' is being moved; cancel the move first");
        txn.touch(g);
        c.groups.remove(g.name);
    }

    /** The configuration held by the cluster no longer matches the VM's (changed through Hyper-V). */
    public boolean isStale(SimGroup g) {
        SimVm vm = lab.vm(g.vmId);
        return vm != null && (vm.memoryMb() != g.clusterMemoryMb || vm.processors() != g.clusterProcessors);
    }

    void updateVirtualMachine(Txn txn, SimGroup g) {
        SimVm vm = lab.vm(g.vmId);
        if (vm == null) throw refusal(VM_NOT_FOUND, "the virtual machine of '" + g.name + "' no longer exists");
        txn.touch(g);
        g.clusterMemoryMb = vm.memoryMb();
        g.clusterProcessors = vm.processors();
    }

    /**
     * MigrateVirtualMachine: the VM's files move to another folder on a Cluster Shared Volume and
     * its configuration resource then depends on that volume. The VM keeps running on its node.
     */
    void migrateStorage(Txn txn, SimCluster c, SimGroup g, String configurationDestination) {
        if (g.migration != null) throw refusal(GROUP_BUSY, "'" + g.name + "' is being moved");
        if (configurationDestination == null || configurationDestination.isBlank())
            throw refusal(INVALID_VALUE, "ConfigurationDestinationPath is required");
        SimDisk to = c.csvHolding(configurationDestination);
        if (to == null)
            throw refusal(NOT_ON_SHARED_STORAGE, configurationDestination + " is not on a Cluster Shared Volume under " + SimCluster.CSV_ROOT);
        if (!to.online || to.faultState() == SimDisk.FAULT_NO_ACCESS)
            throw refusal(DISK_NOT_AVAILABLE, to.name + " (" + to.path() + ") is not accessible");
        txn.touch(g);
        traits(g.vmId).configPath = configurationDestination;
        g.dependencies.clear();
        g.dependencies.add(to.name);
    }

    void setPreferredOwners(Txn txn, SimCluster c, SimGroup g, List<String> names) {
        List<String> canonical = new ArrayList<>();
        for (String n : names) {
            SimNode node = c.node(n);
            if (node == null) throw refusal(NOT_A_NODE, "'" + n + "' is not a node of cluster " + c.name);
            if (!canonical.contains(node.name)) canonical.add(node.name);
        }
        txn.touch(g);
        g.preferredOwners.clear();
        g.preferredOwners.addAll(canonical);
    }

    void possibleOwner(Txn txn, SimCluster c, SimGroup g, String nodeName, boolean add) {
        SimNode n = c.node(nodeName);
        if (n == null) throw refusal(NOT_A_NODE, "'" + nodeName + "' is not a node of cluster " + c.name);
        if (!add && g.possibleOwners.size() == 1 && g.possibleOwners.contains(n.name))
            throw refusal(INVALID_VALUE, "'" + g.name + "' needs at least one possible owner");
        txn.touch(g);
        if (add && !g.possibleOwners.contains(n.name)) g.possibleOwners.add(n.name);
        if (!add) g.possibleOwners.remove(n.name);
    }

    /** Start or stop the role (BringOnline / TakeOffline): starts or turns off its VM on the owner. */
    void online(Txn txn, SimGroup g, boolean on) {
        if (g.migration != null) throw refusal(GROUP_BUSY, "'" + g.name + "' is being moved");
        if (on && !g.owner.isUpOrPaused()) throw refusal(NODE_DOWN, "owner " + g.owner.name + " is down");
        SimVm vm = lab.vm(g.vmId);
        if (vm == null) throw refusal(VM_NOT_FOUND, "the virtual machine of '" + g.name + "' no longer exists");
        txn.touch(g);
        txn.touch(vm);
        if (on && g.state != SimGroup.State.ONLINE) {
            vm.state(PowerState.RUNNING, txn.now());
            memory.put(vm.id(), GuestMemory.boot(lab.random()));
            g.state = SimGroup.State.ONLINE;
        } else if (!on && g.state != SimGroup.State.OFFLINE) {
            vm.state(PowerState.OFF, txn.now());
            memory.remove(vm.id());
            g.state = SimGroup.State.OFFLINE;
        }
    }

    // ---- moves ----

    /** Checks a move and refuses it with the first reason found; returns the plan inputs' network. */
    String validateMove(SimCluster c, SimGroup g, String destName, SimMigration.Kind kind) {
        SimNode dest = c.node(destName);
        if (dest == null) throw refusal(NOT_A_NODE, "'" + destName + "' is not a node of cluster " + c.name);
        if (g.migration != null) throw refusal(GROUP_BUSY, "'" + g.name + "' is already being moved to " + g.migration.destination.name);
        if (dest == g.owner) throw refusal(ALREADY_OWNER, "'" + g.name + "' is already owned by " + dest.name);
        if (dest.state == SimNode.State.DOWN || dest.state == SimNode.State.JOINING)
            throw refusal(NODE_DOWN, "destination node " + dest.name + " is " + dest.state.name().toLowerCase(Locale.ROOT));
        if (dest.state == SimNode.State.PAUSED) throw refusal(NODE_PAUSED, "destination node " + dest.name + " is paused");
        if (!g.possibleOwners.contains(dest.name))
            throw refusal(NOT_POSSIBLE_OWNER, dest.name + " is not a possible owner of '" + g.name + "' (possible: " + g.possibleOwners + ")");
        SimVm vm = lab.vm(g.vmId);
        if (vm == null) throw refusal(VM_NOT_FOUND, "the virtual machine of '" + g.name + "' no longer exists");
        if (c.csvHolding(traits(vm.id()).configPath) == null)
            throw refusal(NOT_ON_SHARED_STORAGE, "the files of '" + vm.name() + "' are not on a Cluster Shared Volume");
        if (kind == SimMigration.Kind.QUICK) {
            if (!g.owner.isUpOrPaused()) throw refusal(OWNER_FAILED, "owner " + g.owner.name + " has failed; the cluster fails the role over");
            return null;
        }
        if (g.owner.state == SimNode.State.DOWN)
            throw refusal(OWNER_FAILED, "live migration is for planned moves only: node " + g.owner.name
                    + " has failed, and the cluster restarts '" + g.name + "' elsewhere (failover)");
        if (g.state != SimGroup.State.ONLINE || vm.state() != PowerState.RUNNING)
            throw refusal(VM_OFFLINE, "'" + g.name + "' is not running (" + g.state + "); start it first or use a quick migration");
        for (SimNode n : List.of(g.owner, dest))
            if (!n.edition.liveMigration)
                throw refusal(EDITION, "node " + n.name + " runs Windows Server " + n.edition.name().toLowerCase(Locale.ROOT)
                        + " edition, which does not support live migration");
        if (!g.owner.processorVendor.equalsIgnoreCase(dest.processorVendor))
            throw refusal(PROCESSOR_MISMATCH, "processor vendors differ (" + g.owner.processorVendor + " on " + g.owner.name
                    + ", " + dest.processorVendor + " on " + dest.name + "); live migration needs the same vendor");
        VmTraits t = traits(vm.id());
        if (!g.owner.processorVersion.equalsIgnoreCase(dest.processorVersion) && !t.processorCompatibility)
            throw refusal(PROCESSOR_MISMATCH, "processor versions differ (" + g.owner.processorVersion + " / " + dest.processorVersion
                    + "); turn on processor compatibility mode for '" + vm.name() + "' (with the VM off)");
        if (!t.switchName.isEmpty() && dest.virtualSwitches.stream().noneMatch(s -> s.equalsIgnoreCase(t.switchName)))
            throw refusal(SWITCH_MISSING, "the virtual switch '" + t.switchName + "' of '" + vm.name() + "' does not exist on "
                    + dest.name + " (switches there: " + dest.virtualSwitches + ")");
        int max = c.profile.maxLiveMigrationsPerNode();
        for (SimNode n : List.of(g.owner, dest))
            if (c.liveMigrationsOn(n) >= max)
                throw refusal(MIGRATION_LIMIT, "node " + n.name + " already takes part in " + c.liveMigrationsOn(n)
                        + " live migration(s), the limit of " + c.profile.name());
        SimNetwork net = c.liveMigrationNetwork().orElseThrow(() ->
                refusal(NO_MIGRATION_NETWORK, "none of the live-migration networks " + c.migrationNetworkOrder + " is up"));
        return net.name;
    }

    /** Starts a move; a live one runs the pre-copy model on the lab clock. */
    public SimMigration move(Txn txn, SimCluster c, SimGroup g, String destName, SimMigration.Kind kind,
                             Optional<Duration> blackoutLimit, boolean fromDrain) {
        String net = validateMove(c, g, destName, kind);
        SimNode dest = c.node(destName);
        SimVm vm = lab.vm(g.vmId);
        if (g.state != SimGroup.State.ONLINE || vm.state() != PowerState.RUNNING) {
            // nothing runs: the group simply changes owner
            txn.touch(g);
            lab.moveVm(txn, vm, lab.host(dest.name));
            SimNode from = g.owner;
            g.owner = dest;
            c.history.add(new MigrationRecord(g.name, g.vmId, kind.name(), from.name, dest.name, txn.now(), txn.now(),
                    Duration.ZERO, "COMPLETED", "offline role moved", 0, 0, ""));
            return null;
        }
        VmTraits t = traits(vm.id());
        long bytes = vm.memoryMb() * MIB;
        SimMigration m;
        if (kind == SimMigration.Kind.LIVE) {
            SimNetwork n = c.network(net);
            LiveMigrationInput in = new LiveMigrationInput(bytes, t.workload.dirtyBytesPerSecond(), t.workload.workingSetBytes(bytes),
                    t.passThroughDisks, new MigrationLink(n.bitsPerSecond, n.roundTrip), blackoutLimit);
            m = new SimMigration(g, kind, g.owner, dest, txn.now(), live.plan(in), null, net, fromDrain);
        } else {
            m = new SimMigration(g, kind, g.owner, dest, txn.now(), null, quick.plan(bytes), null, fromDrain);
        }
        txn.touch(g);
        g.migration = m;
        g.lastMigrationError = "";
        if (kind == SimMigration.Kind.LIVE) moves.startLive(txn, m, vm);
        else moves.startQuick(txn, m, vm);
        return m;
    }

    /** Cancels a live migration still copying: the VM keeps running on its source, untouched. */
    void cancel(Txn txn, SimGroup g) {
        moves.cancel(txn, g);
    }

    // ---- nodes: drain, resume, failure ----

    void pause(Txn txn, SimCluster c, SimNode n, int drainType, String target) {
        if (!n.isUpOrPaused()) throw refusal(NODE_DOWN, "node " + n.name + " is " + n.state);
        if (drainType < 0 || drainType > 2) throw refusal(INVALID_VALUE, "DrainType " + drainType + " is not 0, 1 or 2");
        if (target != null && !target.isEmpty()) {
            SimNode t = c.node(target);
            if (t == null) throw refusal(NOT_A_NODE, "'" + target + "' is not a node of cluster " + c.name);
            if (t == n) throw refusal(INVALID_VALUE, "a node cannot drain to itself");
            if (!t.isUp()) throw refusal(NODE_DOWN, "drain target " + t.name + " is " + t.state);
        }
        txn.touch(n);
        n.state = SimNode.State.PAUSED;
        n.drainTarget = target == null ? "" : target;
        n.forceDrain = drainType == 2;
        if (drainType > 0) {
            n.drainStatus = SimNode.DrainStatus.IN_PROGRESS;
            pumpDrains(txn, c);
        }
    }

    /** Starts what the draining nodes can move now, within the live-migration limit; completes drains that are done. */
    void pumpDrains(Txn txn, SimCluster c) {
        for (SimNode n : c.nodes.values()) {
            if (n.state != SimNode.State.PAUSED || n.drainStatus != SimNode.DrainStatus.IN_PROGRESS && n.drainStatus != SimNode.DrainStatus.FAILED)
                continue;
            boolean pending = false;
            for (SimGroup g : c.groups.values()) {
                if (g.migration != null && g.migration.source == n) { pending = true; continue; } // still cleaning up
                if (g.owner != n) continue;
                if (g.migration != null) { pending = true; continue; }
                if (g.state == SimGroup.State.FAILED) continue;
                if (n.drainStatus == SimNode.DrainStatus.FAILED) continue;
                SimNode dest = drainDestination(c, g, n);
                if (dest == null) { pending = true; continue; }
                SimMigration.Kind kind = g.state == SimGroup.State.ONLINE ? SimMigration.Kind.LIVE : SimMigration.Kind.QUICK;
                try {
                    move(txn, c, g, dest.name, kind, Optional.empty(), true);
                    if (g.migration != null) pending = true;
                    else { txn.touch(g); g.drainedFrom = n.name; }
                } catch (MigrationRefusedException e) {
                    if (e.reason() == MIGRATION_LIMIT) { pending = true; continue; }
                    if (n.forceDrain && kind == SimMigration.Kind.LIVE) {
                        try {
                            move(txn, c, g, dest.name, SimMigration.Kind.QUICK, Optional.empty(), true);
                            pending = true;
                            continue;
                        } catch (MigrationRefusedException quickRefused) {
                            e = quickRefused;
                        }
                    }
                    LOG.info("drain of {} could not move {}: {}", n.name, g.name, e.getMessage());
                    txn.touch(g);
                    g.lastMigrationError = e.getMessage();
                    txn.touch(n);
                    n.drainStatus = SimNode.DrainStatus.FAILED;
                }
            }
            if (!pending && n.drainStatus == SimNode.DrainStatus.IN_PROGRESS) {
                txn.touch(n);
                n.drainStatus = SimNode.DrainStatus.COMPLETED;
            }
        }
    }

    /** Where a draining node's role goes: the drain target, else the possible owner with a free slot and the fewest roles. */
    private SimNode drainDestination(SimCluster c, SimGroup g, SimNode from) {
        int max = c.profile.maxLiveMigrationsPerNode();
        boolean live = g.state == SimGroup.State.ONLINE;
        if (live && c.liveMigrationsOn(from) >= max) return null;
        List<SimNode> candidates = new ArrayList<>();
        for (String name : g.possibleOwners) {
            SimNode n = c.node(name);
            if (n == null || n == from || !n.isUp()) continue;
            if (!from.drainTarget.isEmpty() && !n.name.equalsIgnoreCase(from.drainTarget)) continue;
            if (live && c.liveMigrationsOn(n) >= max) continue;
            candidates.add(n);
        }
        candidates.sort(Comparator.comparingInt((SimNode n) -> preferenceRank(g, n))
                .thenComparingInt(n -> c.groupsOwnedBy(n) + c.liveMigrationsOn(n)).thenComparing(n -> n.name));
        return candidates.isEmpty() ? null : candidates.get(0);
    }

    private static int preferenceRank(SimGroup g, SimNode n) {
        int i = g.preferredOwners.indexOf(n.name);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    void resume(Txn txn, SimCluster c, SimNode n, int failbackType) {
        if (n.state != SimNode.State.PAUSED) throw refusal(INVALID_VALUE, "node " + n.name + " is not paused (" + n.state + ")");
        if (failbackType < 0 || failbackType > 2) throw refusal(INVALID_VALUE, "FailbackType " + failbackType + " is not 0, 1 or 2");
        txn.touch(n);
        n.state = SimNode.State.UP;
        n.drainStatus = SimNode.DrainStatus.NOT_INITIATED;
        n.drainTarget = "";
        for (SimGroup g : c.groups.values()) {
            if (!n.name.equalsIgnoreCase(g.drainedFrom)) continue;
            txn.touch(g);
            g.drainedFrom = null;
            boolean back = failbackType == 1 || failbackType == 2 && g.autoFailbackType == 1;
            if (!back || g.migration != null || g.owner == n) continue;
            try {
                move(txn, c, g, n.name, g.state == SimGroup.State.ONLINE ? SimMigration.Kind.LIVE : SimMigration.Kind.QUICK,
                        Optional.empty(), false);
            } catch (MigrationRefusedException e) {
                // failback is best effort: a role that cannot go back now stays where it is
                LOG.info("failback of {} to {} not started: {}", g.name, n.name, e.getMessage());
                g.lastMigrationError = e.getMessage();
            }
        }
    }

    /**
     * A node stops (power off, or its heartbeats are lost): its VMs stop at once; after the
     * heartbeat threshold the cluster declares it down and restarts its roles on surviving
     * possible owners (a cold boot: nothing of the guest's memory survives).
     */
    public void failNode(String nodeName, boolean powerOff) {
        Instant failedAt = lab.write(LOCK, txn -> {
            SimCluster c = clusterOf(nodeName);
            if (c == null) throw new IllegalArgumentException("'" + nodeName + "' is not a cluster node");
            SimNode n = c.node(nodeName);
            if (n.state == SimNode.State.DOWN) throw new IllegalStateException("node " + n.name + " is already down");
            // moves that involve the node stop: to it, the VM stays on its source; from it, the VM is lost with the node
            for (SimGroup g : c.groups.values()) {
                SimMigration m = g.migration;
                if (m == null || (m.source != n && m.destination != n)) continue;
                txn.touch(g);
                g.migration = null;
                MoveExecution.cancelTasks(m);
                SimVm vm = lab.vm(g.vmId);
                if (m.source == n) {
                    moves.record(m, txn.now(), Duration.ZERO, "FAILED", "source node " + n.name + " failed");
                } else if (vm != null) {
                    if (!vm.host().name().equalsIgnoreCase(m.source.name)) { lab.moveVm(txn, vm, lab.host(m.source.name)); }
                    txn.touch(vm);
                    vm.state(PowerState.RUNNING, txn.now());
                    g.owner = m.source;
                    g.state = SimGroup.State.ONLINE;
                    g.lastMigrationError = "destination node " + n.name + " failed";
                    moves.record(m, txn.now(), Duration.ZERO, "FAILED", g.lastMigrationError);
                }
            }
            for (SimVm vm : lab.host(n.name).vms()) {
                if (vm.state() == PowerState.OFF || vm.state() == PowerState.SAVED) continue;
                txn.touch(vm);
                vm.state(PowerState.OFF, txn.now());
                memory.remove(vm.id());
            }
            txn.touch(n);
            n.state = SimNode.State.DOWN;
            n.drainStatus = SimNode.DrainStatus.NOT_INITIATED;
            for (SimGroup g : c.groups.values())
                if (g.owner == n && g.state != SimGroup.State.OFFLINE) { txn.touch(g); g.state = SimGroup.State.PENDING; }
            for (SimDisk d : c.disks.values()) if (d.owner == n) { txn.touch(d); d.owner = null; }
            pumpDrains(txn, c);
            return txn.now();
        });
        if (powerOff) LOG.debug("node {} powered off", nodeName);
        Instant detected = failedAt.plus(failover.detection());
        lab.clock().scheduleAt(detected, t -> lab.write(LOCK, txn -> {
            failoverFrom(txn, clusterOf(nodeName), nodeName, failedAt);
            return null;
        }));
    }

    private void failoverFrom(Txn txn, SimCluster c, String nodeName, Instant failedAt) {
        SimNode n = c.node(nodeName);
        if (n.state != SimNode.State.DOWN) return;
        for (SimDisk d : c.disks.values()) {
            if (d.owner != null) continue;
            SimNode to = c.nodes.values().stream().filter(SimNode::isUpOrPaused).findFirst().orElse(null);
            txn.touch(d);
            d.owner = to;
        }
        for (SimGroup g : c.groups.values()) {
            if (g.owner != n || g.state == SimGroup.State.OFFLINE || g.migration != null) continue;
            txn.touch(g);
            Instant since = txn.now().minus(Duration.ofHours(g.failoverPeriodHours));
            g.failovers.removeIf(t -> t.isBefore(since));
            SimNode to = failoverTarget(c, g);
            if (to == null || g.failovers.size() >= g.failoverThreshold) {
                g.state = SimGroup.State.FAILED;
                g.lastMigrationError = to == null ? "no surviving possible owner" : "failover threshold " + g.failoverThreshold
                        + " in " + g.failoverPeriodHours + " h reached";
                c.history.add(new MigrationRecord(g.name, g.vmId, "FAILOVER", n.name, n.name, failedAt, txn.now(), Duration.ZERO,
                        "FAILED", g.lastMigrationError, 0, 0, ""));
                continue;
            }
            g.failovers.add(txn.now());
            SimVm vm = lab.vm(g.vmId);
            lab.moveVm(txn, vm, lab.host(to.name));
            txn.touch(vm);
            // the cluster starts the VM from the configuration it holds: a stale one wins
            vm.memoryMb(g.clusterMemoryMb);
            vm.processors(g.clusterProcessors);
            vm.state(PowerState.STARTING, txn.now());
            g.owner = to;
            g.drainedFrom = null;
            String group = g.name;
            Instant online = txn.now().plus(failover.parameters().arbitration()).plus(failover.parameters().guestBoot());
            lab.clock().scheduleAt(online, t -> lab.write(LOCK, tx -> {
                SimGroup gg = c.group(group);
                SimVm v = gg == null ? null : lab.vm(gg.vmId);
                if (gg == null || v == null || gg.owner != to || gg.state != SimGroup.State.PENDING || !to.isUpOrPaused()) return null;
                tx.touch(gg);
                tx.touch(v);
                v.state(PowerState.RUNNING, tx.now());
                v.restartUptime(tx.now());
                memory.put(v.id(), GuestMemory.boot(lab.random()));
                gg.state = SimGroup.State.ONLINE;
                c.history.add(new MigrationRecord(gg.name, gg.vmId, "FAILOVER", n.name, to.name, failedAt, tx.now(),
                        Duration.between(failedAt, tx.now()), "FAILOVER", "restarted after node failure", 0, 0, ""));
                return null;
            }));
        }
    }

    private SimNode failoverTarget(SimCluster c, SimGroup g) {
        List<SimNode> candidates = new ArrayList<>();
        for (String name : g.possibleOwners) {
            SimNode n = c.node(name);
            if (n != null && n.isUp()) candidates.add(n);
        }
        candidates.sort(Comparator.comparingInt((SimNode n) -> preferenceRank(g, n)).thenComparingInt(c::groupsOwnedBy)
                .thenComparing(n -> n.name));
        return candidates.isEmpty() ? null : candidates.get(0);
    }

    /** The node is back (power on / heartbeats again): it joins, then is up; roles preferring it fail back per policy. */
    public void recoverNode(String nodeName) {
        lab.write(LOCK, txn -> {
            SimCluster c = clusterOf(nodeName);
            if (c == null) throw new IllegalArgumentException("'" + nodeName + "' is not a cluster node");
            SimNode n = c.node(nodeName);
            if (n.state != SimNode.State.DOWN) throw new IllegalStateException("node " + n.name + " is not down (" + n.state + ")");
            txn.touch(n);
            n.state = SimNode.State.JOINING;
            return null;
        });
        lab.clock().schedule(JOIN_TIME, t -> lab.write(LOCK, txn -> {
            SimCluster c = clusterOf(nodeName);
            SimNode n = c.node(nodeName);
            if (n.state != SimNode.State.JOINING) return null;
            txn.touch(n);
            n.state = SimNode.State.UP;
            for (SimDisk d : c.disks.values()) if (d.owner == null) { txn.touch(d); d.owner = n; }
            for (SimGroup g : c.groups.values()) {
                if (g.autoFailbackType != 1 || g.preferredOwners.isEmpty() || !g.preferredOwners.get(0).equalsIgnoreCase(n.name)) continue;
                if (g.owner == n || g.migration != null) continue;
                try {
                    move(txn, c, g, n.name, g.state == SimGroup.State.ONLINE ? SimMigration.Kind.LIVE : SimMigration.Kind.QUICK,
                            Optional.empty(), false);
                } catch (MigrationRefusedException e) {
                    LOG.info("failback of {} to {} not started: {}", g.name, n.name, e.getMessage());
                }
            }
            return null;
        }));
    }

    SimNode requireTargetNode(SimCluster c, String nodeName) {
        SimNode n = c.node(nodeName);
        if (n == null) throw refusal(NOT_A_NODE, "'" + nodeName + "' is not a node of cluster " + c.name);
        if (!n.isUpOrPaused()) throw refusal(NODE_DOWN, "node " + n.name + " is " + n.state);
        return n;
    }

    static MigrationRefusedException refusal(ClusterRefusal r, String message) {
        return new MigrationRefusedException(r, message);
    }
}
