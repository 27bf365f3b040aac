package io.hyperv4j.cluster.sim;

import static io.hyperv4j.cluster.sim.ClusterEngine.refusal;
import static io.hyperv4j.cluster.sim.ClusterError.*;

import io.hyperv4j.sim.Fabric;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.Txn;
import io.hyperv4j.substrate.FlowNetwork;
import io.hyperv4j.substrate.FlowNetwork.FlowSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cluster Shared Volumes: enabling them, adding a disk, moving a volume's ownership, redirected
 * access and maintenance. Called under the lab lock; a refusal changes nothing.
 */
final class SharedVolumes {
    /** The kind of a guest's own I/O flow through a redirected CSV. */
    static final String GUEST_IO = "cluster/csv-redirected-guest-io";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SharedVolumes.class);
    private final ClusterEngine engine;
    private final Lab lab;
    /** Redirections open per volume ("CLUSTER/DISK"), and the guests' I/O flows through each. */
    private final Map<String, List<CsvRedirection>> open = new HashMap<>();
    private final Map<String, Map<String, Fabric.Flow>> guestFlows = new HashMap<>();

    SharedVolumes(ClusterEngine engine) {
        this.engine = engine;
        this.lab = engine.lab;
    }

    void enableCsv(Txn txn, SimCluster c, boolean on) {
        if (on && !c.profile.sharedVolumes()) throw notSupported(c);
        if (!on && c.disks.values().stream().anyMatch(SimDisk::isCsv))
            throw refusal(ERROR_CLUSTER_SHARED_VOLUMES_IN_USE, "Cluster Shared Volumes cannot be disabled while volumes are in use");
        txn.touch(c);
        c.csvEnabled = on;
    }

    void addToCsv(Txn txn, SimCluster c, String diskName) {
        if (!c.profile.sharedVolumes()) throw notSupported(c);
        if (!c.csvEnabled) throw refusal(ERROR_CLUSTER_INVALID_REQUEST, "Cluster Shared Volumes are not enabled on cluster " + c.name);
        SimDisk d = c.disk(diskName);
        if (d == null) throw refusal(ERROR_RESOURCE_NOT_FOUND, "cluster " + c.name + " has no disk resource '" + diskName + "'");
        if (d.isCsv()) throw refusal(ERROR_RESOURCE_NOT_IN_AVAILABLE_STORAGE, "'" + d.name + "' is already a Cluster Shared Volume (" + d.path() + ")");
        if (!d.online || d.owner == null || !d.owner.isUpOrPaused())
            throw refusal(ERROR_RESOURCE_NOT_ONLINE, "'" + d.name + "' is not online");
        txn.touch(d);
        d.volumeNumber = c.nextVolume++;
    }

    private static RuntimeException notSupported(SimCluster c) {
        return refusal(ERROR_NOT_SUPPORTED, "cluster " + c.name + " runs " + c.profile.name() + ", which has no Cluster Shared Volumes");
    }

    void moveCsv(Txn txn, SimCluster c, SimDisk d, String nodeName) {
        if (!d.isCsv()) throw refusal(ERROR_RESOURCE_NOT_AVAILABLE, "'" + d.name + "' is not a Cluster Shared Volume");
        SimNode n = engine.requireTargetNode(c, nodeName);
        if (n == d.owner) throw refusal(ERROR_CLUSTER_INVALID_REQUEST, nodeName + " already owns " + d.name);
        txn.touch(d);
        d.owner = n;
        if (d.redirected || d.ioRedirections > 0) guestIo(c, d);
    }

    void redirect(Txn txn, SimDisk d, boolean on) {
        if (!d.isCsv()) throw refusal(ERROR_RESOURCE_NOT_AVAILABLE, "'" + d.name + "' is not a Cluster Shared Volume");
        txn.touch(d);
        d.redirected = on;
        guestIo(clusterOf(d), d);
    }

    void maintenance(Txn txn, SimDisk d, boolean on) {
        if (!d.isCsv()) throw refusal(ERROR_RESOURCE_NOT_AVAILABLE, "'" + d.name + "' is not a Cluster Shared Volume");
        txn.touch(d);
        d.maintenance = on;
    }

    /** A redirection of I/O on a CSV begins: FaultState shows redirected access until the last one ends. */
    CsvRedirection startRedirection(Txn txn, SimCluster c, String volume) {
        SimDisk d = c.disk(volume);
        if (d == null) throw refusal(ERROR_RESOURCE_NOT_FOUND, "cluster " + c.name + " has no disk resource '" + volume + "'");
        if (!d.isCsv()) throw refusal(ERROR_RESOURCE_NOT_AVAILABLE, "'" + d.name + "' is not a Cluster Shared Volume");
        txn.touch(d);
        d.ioRedirections++;
        CsvRedirection r = new CsvRedirection(engine, c.name, d.name);
        open.computeIfAbsent(key(c, d), k -> new ArrayList<>()).add(r);
        guestIo(c, d);
        return r;
    }

    /**
     * A lab loaded with redirections under way: handles for them again, the guests' I/O through
     * them, and the I/O flows each had under way ({@code io}, by handle) with the bytes they had left.
     */
    void restoreRedirections(SimCluster c, SimDisk d, List<List<CsvRedirection.SavedIo>> io) {
        List<CsvRedirection> handles = open.computeIfAbsent(key(c, d), k -> new ArrayList<>());
        while (handles.size() < d.ioRedirections) handles.add(new CsvRedirection(engine, c.name, d.name));
        guestIo(c, d);
        for (int i = 0; i < Math.min(io.size(), handles.size()); i++) io.get(i).forEach(handles.get(i)::resume);
    }

    /** The redirections of a volume still open (those a loaded lab restored among them). */
    List<CsvRedirection> redirections(SimCluster c, String volume) {
        SimDisk d = c.disk(volume);
        if (d == null) throw refusal(ERROR_RESOURCE_NOT_FOUND, "cluster " + c.name + " has no disk resource '" + volume + "'");
        return List.copyOf(open.getOrDefault(key(c, d), List.of()));
    }

    private static String key(SimCluster c, SimDisk d) {
        return (c.name + "/" + d.name).toUpperCase(java.util.Locale.ROOT);
    }

    private SimCluster clusterOf(SimDisk d) {
        for (SimCluster c : engine.clusters.values()) if (c.disks.get(d.name) == d) return c;
        throw new IllegalStateException("disk " + d.name + " is in no cluster");
    }

    /**
     * While a CSV is redirected, the I/O of the running guests on it whose node does not coordinate
     * it crosses the cluster network to the coordinator (their own storage I/O rate as the flow's
     * demand); when redirection ends it goes straight to the storage again (no flow on the network).
     * Set at every start and end of a redirection, and whenever a VM starts, stops or moves
     * ({@link #vmsChanged}): a guest joins or leaves at once; flows that stay are left running.
     */
    private void guestIo(SimCluster c, SimDisk d) {
        String key = key(c, d);
        Map<String, io.hyperv4j.sim.SimVm> want = new HashMap<>(); // "vm@node>coordinator@rate" -> vm
        if ((d.redirected || d.ioRedirections > 0) && d.owner != null && d.owner.isUpOrPaused())
            for (SimNode n : c.nodes.values()) {
                if (n == d.owner || lab.host(n.name) == null) continue;
                for (io.hyperv4j.sim.SimVm vm : lab.host(n.name).vms()) {
                    VmTraits t = engine.traits(vm.id());
                    double rate = t.storageBytesPerSecond(vm);
                    if (vm.state() == io.hyperv4j.sim.PowerState.RUNNING && rate > 0 && c.csvHolding(t.configPath) == d)
                        want.put(vm.id() + "@" + n.name + ">" + d.owner.name + "@" + rate, vm);
                }
            }
        Map<String, Fabric.Flow> flows = guestFlows.computeIfAbsent(key, k -> new HashMap<>());
        flows.entrySet().removeIf(e -> {
            if (want.containsKey(e.getKey())) return false;
            e.getValue().close();
            return true;
        });
        want.forEach((id, vm) -> flows.computeIfAbsent(id, k -> lab.fabric().start(new FlowSpec(GUEST_IO, FlowNetwork.OPEN_ENDED,
                engine.traits(vm.id()).storageBytesPerSecond(vm), ioBytes(engine.traits(vm.id()), vm), redirectedLinks(c, d.name, vm.host().name())),
                at -> { })));
        if (flows.isEmpty()) guestFlows.remove(key);
    }

    /** The size of a guest's I/Os: its guest load's when that gives its rate, else 64 KiB. */
    private static int ioBytes(VmTraits t, io.hyperv4j.sim.SimVm vm) {
        return t.storageBytesPerSecond() >= 0 ? 64 << 10 : (int) Math.min(Integer.MAX_VALUE, Math.max(1, Math.round(vm.guestLoad().bytesPerIo())));
    }

    /** VMs started, stopped or moved: the guest I/O of every redirected volume (or one that had some) follows. */
    void vmsChanged() {
        for (SimCluster c : engine.clusters.values())
            for (SimDisk d : c.disks.values())
                if (d.isCsv() && (d.redirected || d.ioRedirections > 0 || guestFlows.containsKey(key(c, d)))) {
                    try {
                        guestIo(c, d);
                    } catch (IllegalArgumentException e) { // no cluster network up: the guests' I/O cannot be redirected
                        LOG.warn("guest I/O on {} stays where it is: {}", d.name, e.getMessage());
                    }
                }
    }

    void endRedirection(CsvRedirection r, String cluster, String volume) {
        lab.write(ClusterLab.LOCK, txn -> {
            SimCluster c = engine.cluster(cluster);
            SimDisk d = c == null ? null : c.disk(volume);
            if (d != null && d.ioRedirections > 0) {
                txn.touch(d);
                d.ioRedirections--;
                List<CsvRedirection> handles = open.get(key(c, d));
                if (handles != null) handles.remove(r);
                guestIo(c, d);
            }
            return null;
        });
    }

    /**
     * The fabric links I/O from {@code nodeName} to the volume crosses (created or resized here):
     * the node's and the coordinator's adapters on the cluster network with the lowest metric (the
     * one CSV traffic uses), then the volume's storage; only the storage from the coordinator.
     */
    List<String> redirectedLinks(SimCluster c, String volume, String nodeName) {
        SimDisk d = c.disk(volume);
        SimNode n = c.node(nodeName);
        if (d == null || n == null) throw new IllegalArgumentException("cluster " + c.name + " has no " + (d == null ? "disk '" + volume : "node '" + nodeName) + "'");
        if (d.owner == null || !d.owner.isUpOrPaused()) throw new IllegalArgumentException("'" + d.name + "' has no coordinator (no access)");
        Fabric fabric = lab.fabric();
        String storage = Fabric.storage(c.name + "/" + d.name);
        fabric.link(storage, d.bytesPerSecond, d.iops);
        if (n == d.owner) return List.of(storage);
        SimNetwork net = c.networks.values().stream().filter(x -> x.up && (x.role & SimNetwork.ROLE_CLUSTER) != 0)
                .min(Comparator.comparingLong(x -> x.metric))
                .orElseThrow(() -> new IllegalArgumentException("cluster " + c.name + " has no cluster network up for redirected I/O"));
        String from = Fabric.adapter(n.name, net.name), to = Fabric.adapter(d.owner.name, net.name);
        fabric.link(from, net.bitsPerSecond / 8, Double.POSITIVE_INFINITY);
        fabric.link(to, net.bitsPerSecond / 8, Double.POSITIVE_INFINITY);
        return List.of(from, to, storage);
    }

    /**
     * The fabric link of the storage a role's VM keeps its files and saved state on (created or
     * resized here): the CSV holding its configuration, else the role's own cluster disk; null when
     * it has neither (its storage is not modelled as a link).
     */
    String storageLink(SimCluster c, SimGroup g) {
        SimDisk d = c.csvHolding(engine.traits(g.vmId).configPath);
        if (d == null) for (String name : g.dependencies) if (c.disk(name) != null && !c.disk(name).isCsv()) { d = c.disk(name); break; }
        if (d == null) return null;
        String storage = Fabric.storage(c.name + "/" + d.name);
        lab.fabric().link(storage, d.bytesPerSecond, d.iops);
        return storage;
    }
}
