package io.hyperv4j.cluster.sim;

import static io.hyperv4j.cluster.sim.ClusterError.*;

import io.hyperv4j.cluster.migration.FailoverModel;
import io.hyperv4j.cluster.migration.LiveMigrationModel;
import io.hyperv4j.cluster.migration.QuickMigrationModel;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state of a lab's failover clusters (clusters, VM traits, guest memory, the migration models)
 * and the domains that change it: {@link SharedVolumes}, {@link Networks}, {@link Roles},
 * {@link Moves} (run by {@link MoveExecution}), {@link Drains} and {@link Failover}. Every operation
 * validates first (a refusal changes nothing), then changes the model; moves and failovers run on
 * the lab's clock. Methods taking a {@link Txn} run under the lab lock; the others take it themselves.
 */
public final class ClusterEngine {
    final Lab lab;
    final Map<String, SimCluster> clusters = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final Map<String, VmTraits> traits = new HashMap<>();
    final Map<String, GuestMemory> memory = new HashMap<>();
    private LiveMigrationModel live = LiveMigrationModel.calibrated();
    private QuickMigrationModel quick = QuickMigrationModel.calibrated();
    private FailoverModel failover = FailoverModel.calibrated();

    private final SharedVolumes storage;
    private final Networks networks;
    private final Roles roles;
    private final Moves moves;
    private final Drains drains;
    private final Failover failoverDomain;

    ClusterEngine(Lab lab) {
        this.lab = lab; // first: the domains read it
        storage = new SharedVolumes(this);
        networks = new Networks(this);
        roles = new Roles(this);
        moves = new Moves(this);
        drains = new Drains(this);
        failoverDomain = new Failover(this);
        lab.claims().register(host -> {
            SimCluster c = clusterOf(host);
            return c == null ? 0 : ClusterCapacity.reservedMb(lab, c, c.node(host));
        });
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
        if (hosts.size() < profile.minNodes() || hosts.size() > profile.maxNodes())
            throw new IllegalArgumentException("a Hyper-V cluster on " + profile.name() + " has " + profile.minNodes() + " to "
                    + profile.maxNodes() + " nodes, not " + hosts.size());
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

    // ---- the domains ----

    SharedVolumes storage() { return storage; }
    Networks networks() { return networks; }
    Roles roles() { return roles; }
    Moves moves() { return moves; }
    Drains drains() { return drains; }
    Failover failover() { return failoverDomain; }

    SimNode requireTargetNode(SimCluster c, String nodeName) {
        SimNode n = c.node(nodeName);
        if (n == null) throw refusal(ERROR_CLUSTER_NODE_NOT_FOUND, "'" + nodeName + "' is not a node of cluster " + c.name);
        if (!n.isUpOrPaused()) throw refusal(ERROR_CLUSTER_NODE_DOWN, "node " + n.name + " is " + n.state);
        return n;
    }

    static RefusedCall refusal(ClusterError r, String message) {
        return new RefusedCall(r, message);
    }
}
