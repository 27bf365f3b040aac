package io.hyperv4j.cluster.sim;

import io.hyperv4j.cluster.migration.MigrationLink;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The simulator-side handle on a lab's clusters: build them (what an administrator does with
 * Failover Cluster Manager before any client connects), describe the VMs' traits, and inject
 * faults (a node powered off, heartbeats lost). Clients then use root\MSCluster or the typed API.
 */
public final class ClusterLab {
    static final Duration LOCK = Duration.ofMinutes(1);
    private final ClusterEngine engine;

    private ClusterLab(ClusterEngine engine) {
        this.engine = engine;
    }

    public static ClusterLab of(Lab lab) {
        for (SimProvider p : lab.providers().all())
            if (p instanceof MsClusterProvider m) return new ClusterLab(m.engine());
        throw new IllegalStateException("the root\\MSCluster simulator provider is not on the class path");
    }

    public Lab lab() {
        return engine.lab;
    }

    public ClusterEngine engine() {
        return engine;
    }

    /** Reads the model under the lab lock. */
    public <R> R read(Function<ClusterEngine, R> body) {
        return engine.lab.read(LOCK, () -> body.apply(engine));
    }

    public SimCluster cluster(String name) {
        SimCluster c = engine.cluster(name);
        if (c == null) throw new IllegalArgumentException("the lab has no cluster named '" + name + "'");
        return c;
    }

    /** Creates a cluster of existing lab hosts. */
    public ClusterBuilder create(String name, String domain, ClusterProfile profile, String... nodes) {
        SimCluster c = engine.lab.write(LOCK, txn -> engine.createCluster(txn, name, domain, profile, Arrays.asList(nodes)));
        return new ClusterBuilder(c);
    }

    /** Changes an existing cluster's set-up (node traits, networks, disks). */
    public ClusterBuilder configure(String cluster) {
        return new ClusterBuilder(cluster(cluster));
    }

    /** The VM's traits (files, switch, pass-through disks, workload); change them before the VM is clustered or moved. */
    public VmTraits vm(String vmId, java.util.function.Consumer<VmTraits> change) {
        return engine.lab.write(LOCK, txn -> {
            VmTraits t = engine.traits(vmId);
            VmTraits checked = new VmTraits().copyOf(t);
            atTheDoor("VM " + vmId, () -> change.accept(checked));
            t.copyOf(checked);
            io.hyperv4j.sim.SimVm vm = engine.lab.vm(vmId);
            if (vm != null) txn.touch(vm);
            return t;
        });
    }

    /** Pulls the plug on a node: its VMs stop; after the heartbeat threshold the cluster fails its roles over. */
    public void powerOff(String node) {
        engine.failover().failNode(node, true);
    }

    /** The node's cluster network is cut: heartbeats stop, the cluster isolates it and fails its roles over. */
    public void loseHeartbeat(String node) {
        engine.failover().failNode(node, false);
    }

    /** The node is back; it joins the cluster and, once up, takes back roles that fail back to it. */
    public void recover(String node) {
        engine.failover().recoverNode(node);
    }

    /**
     * Redirects the I/O of a Cluster Shared Volume through its coordinator until the handle is
     * closed (what a backup of the volume does on Windows Server 2008 R2); see {@link CsvRedirection}.
     *
     * @param cluster the cluster
     * @param volume  the CSV's disk resource name
     * @return the redirection; close it to end it
     * @throws io.hyperv4j.cim.CimException when the disk does not exist or is not a CSV, as the MSCluster provider refuses it
     */
    public CsvRedirection redirectCsvIo(String cluster, String volume) {
        return engine.lab.write(LOCK, txn -> engine.storage().startRedirection(txn, cluster(cluster), volume));
    }

    /**
     * The redirections of I/O on a CSV still open, those a loaded lab restored among them (close
     * one to end it).
     *
     * @param cluster the cluster
     * @param volume  the CSV's disk resource name
     * @return the open redirections, oldest first
     * @throws io.hyperv4j.cim.CimException when the disk does not exist
     */
    public List<CsvRedirection> csvRedirections(String cluster, String volume) {
        return engine.lab.read(LOCK, () -> engine.storage().redirections(cluster(cluster), volume));
    }

    public List<MigrationRecord> history(String cluster) {
        return read(e -> cluster(cluster).history());
    }

    /** A link the migration models accept, else the cluster's PARAMETER_OUT_OF_BOUNDS refusal naming the network. */
    private static void checkLink(String network, double bitsPerSecond, Duration roundTrip) {
        atTheDoor("network '" + network + "'", () -> new MigrationLink(bitsPerSecond, roundTrip));
    }

    /**
     * Runs a check; a value out of bounds becomes the refusal the MSCluster provider gives for one
     * (ERROR_CLUSTER_PARAMETER_OUT_OF_BOUNDS, 5913, which the typed API reads as PARAMETER_OUT_OF_BOUNDS),
     * and nothing changes.
     */
    private static void atTheDoor(String where, Runnable check) {
        try {
            check.run();
        } catch (IllegalArgumentException | NullPointerException e) {
            RefusedCall refused = ClusterEngine.refusal(ClusterError.ERROR_CLUSTER_PARAMETER_OUT_OF_BOUNDS, where + ": " + e.getMessage());
            refused.addSuppressed(e);
            throw refused;
        }
    }

    /** Sets up one cluster: nodes' traits, networks, disks. */
    public final class ClusterBuilder {
        private final SimCluster c;

        ClusterBuilder(SimCluster c) {
            this.c = c;
        }

        public SimCluster cluster() {
            return c;
        }

        public ClusterBuilder node(String name, SimNode.Edition edition, String vendor, String version, String... switches) {
            engine.lab.write(LOCK, txn -> {
                SimNode n = c.node(name);
                if (n == null) throw new IllegalArgumentException("'" + name + "' is not a node of " + c.name);
                if (c.profile == ClusterProfile.WS2008 && edition == SimNode.Edition.STANDARD) // seed 003 §5.2 item 2
                    throw new IllegalArgumentException("'" + name + "' runs Windows Server 2008 Standard; a Hyper-V host cluster on "
                            + c.profile.name() + " takes Enterprise x64 or Datacenter x64 nodes only");
                txn.touch(n);
                n.edition = edition;
                n.processorVendor = vendor;
                n.processorVersion = version;
                n.virtualSwitches.clear();
                n.virtualSwitches.addAll(Arrays.asList(switches));
                io.hyperv4j.sim.v2.VirtualSwitches.setExactly(txn, name, Arrays.asList(switches)); // the host's switches are these
                return null;
            });
            return this;
        }

        /** Every node gets the same virtual switches. */
        public ClusterBuilder switches(String... names) {
            for (SimNode n : new ArrayList<>(c.nodes.values())) node(n.name, n.edition, n.processorVendor, n.processorVersion, names);
            return this;
        }

        public ClusterBuilder network(String name, int role, long metric, boolean autoMetric, String address, double bitsPerSecond) {
            checkLink(name, bitsPerSecond, new SimNetwork(name, "", role, metric, autoMetric, address).roundTrip);
            engine.lab.write(LOCK, txn -> {
                if (c.networks.containsKey(name)) throw new IllegalArgumentException("network " + name + " exists");
                SimNetwork n = new SimNetwork(name, engine.lab.random().nextGuid(), role, metric, autoMetric, address);
                n.bitsPerSecond = bitsPerSecond;
                c.networks.put(name, n);
                txn.created(n);
                engine.networks().linkSpeedOfAdapters(txn, c, n);
                return null;
            });
            return this;
        }

        /** The network's link speed and round-trip time, checked here: finite, positive, within {@link io.hyperv4j.cluster.migration.Limits}. */
        public ClusterBuilder networkSpeed(String network, double bitsPerSecond, Duration roundTrip) {
            checkLink(network, bitsPerSecond, roundTrip);
            engine.lab.write(LOCK, txn -> {
                SimNetwork n = c.network(network);
                if (n == null) throw ClusterEngine.refusal(ClusterError.ERROR_CLUSTER_NETWORK_NOT_FOUND, "cluster " + c.name + " has no network '" + network + "'");
                txn.touch(n);
                n.bitsPerSecond = bitsPerSecond;
                n.roundTrip = roundTrip;
                engine.networks().linkSpeedOfAdapters(txn, c, n);
                return null;
            });
            return this;
        }

        public ClusterBuilder ipsec(String network, boolean on) {
            engine.lab.write(LOCK, txn -> {
                SimNetwork n = c.network(network);
                txn.touch(n);
                n.ipsec = on;
                return null;
            });
            return this;
        }

        /**
         * How many drive letters the cluster's disks may take (seed 003: 21, as printed); beyond them a
         * disk is mounted at a folder. Checked: 0 to 26, and not below the letters in use.
         */
        public ClusterBuilder driveLetters(int limit) {
            engine.lab.write(LOCK, txn -> {
                long used = c.disks.values().stream().filter(o -> o.accessPath.length() == 2).count();
                if (limit < used || limit > 26)
                    throw new IllegalArgumentException("drive letter limit " + limit + " is not within " + used + " (in use) to 26");
                txn.touch(c);
                c.driveLetterLimit = limit;
                return null;
            });
            return this;
        }

        /** An available cluster disk (Physical Disk resource in Available Storage), owned by the first node. */
        public ClusterBuilder disk(String name, long sizeBytes) {
            return disk(name, sizeBytes, "");
        }

        /**
         * An available cluster disk mounted at {@code accessPath} on its owner: a drive letter ("X:") or
         * a mount point folder ("C:\\Mounts\\vm1"); a VM whose files are there depends on it (2008 RTM).
         */
        public ClusterBuilder disk(String name, long sizeBytes, String accessPath) {
            engine.lab.write(LOCK, txn -> {
                if (c.disks.containsKey(name)) throw new IllegalArgumentException("disk " + name + " exists");
                if (!accessPath.isEmpty() && !accessPath.matches("(?i)[A-Z]:(\\\\[^\\\\]+)*"))
                    throw new IllegalArgumentException("disk " + name + ": access path '" + accessPath + "' is neither a drive letter (X:) nor a folder (C:\\Mounts\\X)");
                for (SimDisk o : c.disks.values())
                    if (!accessPath.isEmpty() && o.accessPath.equalsIgnoreCase(accessPath))
                        throw new IllegalArgumentException("disk " + name + ": " + accessPath + " is the access path of " + o.name);
                long letters = c.disks.values().stream().filter(o -> o.accessPath.length() == 2).count();
                if (accessPath.length() == 2 && letters >= c.driveLetterLimit)
                    throw new IllegalArgumentException("disk " + name + ": cluster " + c.name + " has given all its " + c.driveLetterLimit
                            + " drive letters to cluster disks; mount it at a folder instead (a highly available mount point)");
                SimDisk d = new SimDisk(name, engine.lab.random().nextGuid(), sizeBytes, c.nodes.values().iterator().next());
                d.accessPath = accessPath;
                c.disks.put(name, d);
                txn.created(d);
                return null;
            });
            return this;
        }

        /**
         * The storage under a cluster disk: its throughput and I/O operations per second, which
         * redirected I/O, backups and every other flow on the volume share. Checked here.
         */
        public ClusterBuilder diskPerformance(String disk, double bytesPerSecond, double iops) {
            atTheDoor("disk '" + disk + "'", () -> new io.hyperv4j.substrate.FlowNetwork.Link(disk, bytesPerSecond, iops));
            engine.lab.write(LOCK, txn -> {
                SimDisk d = c.disk(disk);
                if (d == null) throw ClusterEngine.refusal(ClusterError.ERROR_RESOURCE_NOT_FOUND, "cluster " + c.name + " has no disk resource '" + disk + "'");
                txn.touch(d);
                d.bytesPerSecond = bytesPerSecond;
                d.iops = iops;
                return null;
            });
            return this;
        }

        public ClusterBuilder migrationNetworks(String... order) {
            engine.lab.write(LOCK, txn -> {
                engine.networks().migrationNetworks(txn, c, Arrays.asList(order));
                return null;
            });
            return this;
        }
    }
}
