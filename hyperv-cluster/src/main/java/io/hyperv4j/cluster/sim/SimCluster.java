package io.hyperv4j.cluster.sim;

import io.hyperv4j.sim.Txn;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A failover cluster: its nodes, networks, disks and VM roles. Mutate under the lab lock. */
public final class SimCluster {
    public static final String CSV_ROOT = "C:\\ClusterStorage";

    final String name;
    final String domain;
    final ClusterProfile profile;
    boolean csvEnabled;
    final Map<String, SimNode> nodes = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final Map<String, SimNetwork> networks = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final Map<String, SimDisk> disks = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final Map<String, SimGroup> groups = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    /** Cluster-wide order of networks for live migration (seed 002: set on one VM, applies to all). */
    final List<String> migrationNetworkOrder = new ArrayList<>();
    /** Drive letters the cluster's disks may take; beyond them, highly available mount points (seed 003: 21). */
    int driveLetterLimit = DRIVE_LETTERS;
    /** Seed 003's figure (as printed; Windows has 26 letters, some of them taken by the node itself). */
    public static final int DRIVE_LETTERS = 21;
    final List<MigrationRecord> history = new ArrayList<>();
    int nextVolume = 1;

    SimCluster(String name, String domain, ClusterProfile profile) {
        this.name = name;
        this.domain = domain;
        this.profile = profile;
    }

    public String name() { return name; }
    public String fqdn() { return domain == null || domain.isEmpty() ? name : name + "." + domain; }
    public ClusterProfile profile() { return profile; }
    public boolean csvEnabled() { return csvEnabled; }
    public Collection<SimNode> nodes() { return List.copyOf(nodes.values()); }
    public Collection<SimNetwork> networks() { return List.copyOf(networks.values()); }
    public Collection<SimDisk> disks() { return List.copyOf(disks.values()); }
    public Collection<SimGroup> groups() { return List.copyOf(groups.values()); }
    public List<String> migrationNetworkOrder() { return List.copyOf(migrationNetworkOrder); }
    public List<MigrationRecord> history() { return List.copyOf(history); }

    public SimNode node(String n) { return n == null ? null : nodes.get(n); }
    public SimGroup group(String n) { return n == null ? null : groups.get(n); }
    public SimDisk disk(String n) { return n == null ? null : disks.get(n); }
    public SimNetwork network(String n) { return n == null ? null : networks.get(n); }

    public SimGroup groupOfVm(String vmId) {
        for (SimGroup g : groups.values()) if (g.holds(vmId)) return g;
        return null;
    }

    /** The network with the lowest metric among those up and used by the cluster: it carries CSV traffic. */
    public Optional<SimNetwork> csvNetwork() {
        return networks.values().stream().filter(n -> n.up && n.role != SimNetwork.ROLE_NONE)
                .min(Comparator.comparingLong((SimNetwork n) -> n.metric).thenComparing(n -> n.name));
    }

    /** The first network of the live-migration order that is up, else the lowest-metric cluster network. */
    public Optional<SimNetwork> liveMigrationNetwork() {
        for (String n : migrationNetworkOrder) {
            SimNetwork net = networks.get(n);
            if (net != null && net.up && net.role != SimNetwork.ROLE_NONE) return Optional.of(net);
        }
        return migrationNetworkOrder.isEmpty() ? csvNetwork() : Optional.empty();
    }

    /** Live migrations in flight that involve {@code node}, as source or destination. */
    public int liveMigrationsOn(SimNode node) {
        int n = 0;
        for (SimGroup g : groups.values()) {
            SimMigration m = g.migration;
            if (m != null && m.kind == SimMigration.Kind.LIVE && (m.source == node || m.destination == node)) n++;
        }
        return n;
    }

    public int groupsOwnedBy(SimNode node) {
        int n = 0;
        for (SimGroup g : groups.values()) if (g.owner == node) n++;
        return n;
    }

    /**
     * The disk (not a CSV) whose access path holds {@code path}, the deepest mount point first, or null:
     * on Windows Server 2008 RTM a VM's files live on a cluster disk of the VM's own group.
     */
    public SimDisk diskHolding(String path) {
        if (path == null) return null;
        String p = path.toLowerCase(java.util.Locale.ROOT);
        SimDisk best = null;
        for (SimDisk d : disks.values()) {
            String a = d.accessPath.toLowerCase(java.util.Locale.ROOT);
            if (d.isCsv() || a.isEmpty() || !(p.equals(a) || p.startsWith(a.endsWith("\\") ? a : a + "\\"))) continue;
            if (best == null || a.length() > best.accessPath.length()) best = d;
        }
        return best;
    }

    /** The group whose resources depend on {@code disk} (a disk belongs to one group), or null: Available Storage. */
    public SimGroup groupOf(SimDisk disk) {
        for (SimGroup g : groups.values()) if (g.dependencies.contains(disk.name)) return g;
        return null;
    }

    /** A role's own cluster disks (not CSVs) go with it to {@code to}: their ownership moves with the group. */
    void carryDisks(Txn txn, SimGroup g, SimNode to) {
        for (String name : g.dependencies) {
            SimDisk d = disks.get(name);
            if (d == null || d.isCsv()) continue;
            txn.touch(d);
            d.owner = to;
        }
    }

    /** The CSV whose path contains {@code path}, or null. */
    public SimDisk csvHolding(String path) {
        if (path == null) return null;
        String p = path.toLowerCase(java.util.Locale.ROOT);
        for (SimDisk d : disks.values())
            if (d.isCsv() && (p.equals(d.path().toLowerCase(java.util.Locale.ROOT))
                    || p.startsWith(d.path().toLowerCase(java.util.Locale.ROOT) + "\\"))) return d;
        return null;
    }
}
