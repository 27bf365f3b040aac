package io.hyperv4j.cluster;

import static io.hyperv4j.cluster.MsCluster.*;

import io.hyperv4j.NotFoundException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failover cluster reached through one of its nodes (the simulator or WMI on Windows): nodes,
 * roles, Cluster Shared Volumes, networks, and moves of VM roles. A host capability: a host that is
 * a cluster node gives it, with the host's operation timeout as the default wait of its moves and
 * drains.
 * <pre>{@code
 * try (HyperVHost host = HyperV.connect(URI.create("wmi://ariel"))) {
 *     FailoverCluster cluster = host.capability(FailoverCluster.class);   // NotSupportedException if not clustered
 *     cluster.group("ws2008r2-lm").liveMigrate("umbriel").await(Duration.ofMinutes(5));
 * }
 * }</pre>
 * Thread-safety: a handle on the cluster; every call reads or changes the cluster now, so
 * instances (and the node, role, volume and network handles they give) may be shared by threads.
 */
public final class FailoverCluster {
    private static final Logger LOG = LoggerFactory.getLogger(FailoverCluster.class);
    private final CimSession session;
    private final Duration operationTimeout;

    FailoverCluster(CimSession session, Duration operationTimeout) {
        this.session = Objects.requireNonNull(session, "session");
        this.operationTimeout = Objects.requireNonNull(operationTimeout, "operationTimeout");
    }

    /**
     * The same cluster, its moves and drains waiting at most {@code timeout} in {@code await()}.
     *
     * @param timeout the default wait of moves and drains
     * @return a new handle on the same cluster
     */
    public FailoverCluster withOperationTimeout(Duration timeout) {
        return new FailoverCluster(session, timeout);
    }

    CimSession session() {
        return session;
    }

    Duration operationTimeout() {
        return operationTimeout;
    }

    private CimInstance clusterInstance() {
        List<CimInstance> all = all(session, CLUSTER);
        if (all.isEmpty()) throw new NotFoundException(session.host() + " is not a node of a failover cluster");
        return all.get(0);
    }

    /**
     * The cluster as read now.
     *
     * @return its name, FQDN and CSV settings
     * @throws io.hyperv4j.NotFoundException when the host is no longer a cluster node
     */
    public ClusterInfo info() {
        return ClusterInfo.from(clusterInstance());
    }

    // ---- nodes, roles, volumes, networks ----

    /**
     * The cluster's nodes.
     *
     * @return handles on them, read now
     */
    public List<ClusterNode> nodes() {
        return all(session, NODE).stream().map(i -> new ClusterNode(this, str(i, "Name"))).toList();
    }

    /**
     * One node.
     *
     * @param name the node's name
     * @return a handle on it
     * @throws io.hyperv4j.NotFoundException when the cluster has no such node
     */
    public ClusterNode node(String name) {
        return new ClusterNode(this, str(get(session, NODE, name, "cluster node"), "Name"));
    }

    /**
     * Every role, the core "Cluster Group" included.
     *
     * @return handles on the roles, read now
     */
    public List<ClusterGroup> groups() {
        return all(session, GROUP).stream().map(i -> new ClusterGroup(this, str(i, "Name"))).toList();
    }

    /**
     * The VM roles only.
     *
     * @return handles on the VM roles, read now
     */
    public List<ClusterGroup> virtualMachineGroups() {
        return all(session, GROUP).stream().filter(i -> num(i, "GroupType", 0) == GroupInfo.GROUP_TYPE_VIRTUAL_MACHINE)
                .map(i -> new ClusterGroup(this, str(i, "Name"))).toList();
    }

    /**
     * One role.
     *
     * @param name the role's name
     * @return a handle on it
     * @throws io.hyperv4j.NotFoundException when the cluster has no such role
     */
    public ClusterGroup group(String name) {
        return new ClusterGroup(this, str(get(session, GROUP, name, "cluster group"), "Name"));
    }

    /**
     * The Cluster Shared Volumes.
     *
     * @return handles on them, read now
     */
    public List<ClusterSharedVolume> sharedVolumes() {
        return all(session, CSV).stream().map(i -> new ClusterSharedVolume(this, str(i, "Name"))).toList();
    }

    /**
     * One Cluster Shared Volume.
     *
     * @param name the volume's name
     * @return a handle on it
     * @throws io.hyperv4j.NotFoundException when the cluster has no such volume
     */
    public ClusterSharedVolume sharedVolume(String name) {
        return new ClusterSharedVolume(this, str(get(session, CSV, name, "cluster shared volume"), "Name"));
    }

    /**
     * The cluster networks.
     *
     * @return handles on them, read now
     */
    public List<ClusterNetwork> networks() {
        return all(session, NETWORK).stream().map(i -> new ClusterNetwork(this, str(i, "Name"))).toList();
    }

    /**
     * The partitions of the cluster's disks (MSCluster_DiskPartition), in path order.
     *
     * @return each partition as read now
     */
    public List<DiskPartition> diskPartitions() {
        return all(session, PARTITION).stream().map(DiskPartition::from).sorted(Comparator.comparing(DiskPartition::path)).toList();
    }

    /**
     * One cluster network.
     *
     * @param name the network's name
     * @return a handle on it
     * @throws io.hyperv4j.NotFoundException when the cluster has no such network
     */
    public ClusterNetwork network(String name) {
        return new ClusterNetwork(this, str(get(session, NETWORK, name, "cluster network"), "Name"));
    }

    /**
     * The network that carries CSV traffic: the lowest metric among networks the cluster uses.
     *
     * @return the network as read now
     * @throws io.hyperv4j.NotFoundException when no network is up and used
     */
    public NetworkInfo csvNetwork() {
        return all(session, NETWORK).stream().map(NetworkInfo::from)
                .filter(n -> n.role() != NetworkRole.NONE && n.state() == NetworkState.UP)
                .min(Comparator.comparingLong(NetworkInfo::metric).thenComparing(NetworkInfo::name))
                .orElseThrow(() -> new NotFoundException("the cluster has no network in use"));
    }

    /**
     * The cluster-wide order of live-migration networks (the same on every VM role).
     *
     * @return the network names in order; empty when there is no VM role
     */
    public List<String> liveMigrationNetworks() {
        for (CimInstance r : all(session, RESOURCE))
            if (str(r, "Type").equalsIgnoreCase("Virtual Machine")) {
                CimInstance p = priv(r);
                return p == null ? List.of() : strings(p.find("MigrationNetworkOrder"));
            }
        return List.of();
    }

    /**
     * Sets the live-migration network order; applies to every VM of the cluster (seed 002). Needs at least one VM role.
     *
     * @param order the network names, first preferred
     * @throws io.hyperv4j.NotFoundException when the cluster has no VM role
     */
    public void setLiveMigrationNetworks(List<String> order) {
        CimInstance vm = all(session, RESOURCE).stream().filter(r -> str(r, "Type").equalsIgnoreCase("Virtual Machine")).findFirst()
                .orElseThrow(() -> new NotFoundException("the cluster has no virtual machine resource to set the order on"));
        CimInstance p = CimInstance.builder("MSCluster_Property").put("MigrationNetworkOrder", CimValue.strings(List.copyOf(order))).build();
        modify(session, vm.toBuilder().put("PrivateProperties", CimValue.object(p)).build(), "live-migration networks");
    }

    // ---- storage and VM roles ----

    /**
     * Enables Cluster Shared Volumes (the acknowledgement of the notice is this explicit call).
     *
     * @return the cluster as read afterwards
     */
    public ClusterInfo enableSharedVolumes() {
        CimInstance c = clusterInstance();
        modify(session, c.toBuilder().put("EnableSharedVolumes", CimValue.uint32(1)).build(), "enabling Cluster Shared Volumes");
        return info();
    }

    /**
     * Adds an available cluster disk to CSV; it appears as C:\ClusterStorage\VolumeN.
     *
     * @param diskResource the cluster disk resource's name
     * @return a handle on the new volume
     */
    public ClusterSharedVolume addToSharedVolumes(String diskResource) {
        invoke(session, clusterInstance().path(), "AddResourceToClusterSharedVolumes",
                Map.of("Resource", CimValue.string(diskResource)), "adding '" + diskResource + "' to Cluster Shared Volumes");
        return sharedVolume(diskResource);
    }

    /**
     * Makes a VM highly available (the High Availability Wizard): its files must be on a CSV; on
     * Windows Server 2008 RTM on a cluster disk, and a VM whose files are on another role's disk joins that role.
     *
     * @param vmName the VM's name
     * @return a handle on its new role
     * @throws ClusterRefusedException when the cluster refuses (e.g. the files are not on a CSV)
     */
    public ClusterGroup addVirtualMachine(String vmName) {
        invoke(session, clusterInstance().path(), "AddVirtualMachine", Map.of("VirtualMachine", CimValue.string(vmName)),
                "making '" + vmName + "' highly available");
        return groupOfVm(vmName); // its own, or (2008 RTM) the role whose disk holds its files
    }

    /**
     * The role of a VM, by VM name or Id.
     *
     * @param vmNameOrId the VM's name or GUID
     * @return a handle on its role
     * @throws io.hyperv4j.NotFoundException when it is no clustered VM
     */
    public ClusterGroup groupOfVm(String vmNameOrId) {
        for (ClusterGroup g : virtualMachineGroups()) {
            if (g.name().equalsIgnoreCase(vmNameOrId)) return g;
            if (g.info().vmId().equalsIgnoreCase(vmNameOrId)) return g;
        }
        // a VM sharing another role's group (2008 RTM: its files on that role's disk) by its own Virtual Machine resource
        for (CimInstance r : all(session, RESOURCE)) {
            if (!str(r, "Type").equalsIgnoreCase("Virtual Machine")) continue;
            CimInstance p = priv(r);
            if (str(r, "Name").equalsIgnoreCase("Virtual Machine " + vmNameOrId) || (p != null && str(p, "VmID").equalsIgnoreCase(vmNameOrId)))
                return group(str(r, "OwnerGroup"));
        }
        throw new NotFoundException("'" + vmNameOrId + "' is not a clustered virtual machine");
    }

    // ---- validation ----

    /**
     * Warnings (not refusals) for live-migrating {@code group} now: see {@link LiveMigrationValidator}.
     *
     * @param group the role
     * @return the warnings; empty when there are none
     */
    public List<ValidationWarning> validateLiveMigration(ClusterGroup group) {
        return new LiveMigrationValidator(this).validate(group);
    }

    // ---- events ----

    /**
     * Calls {@code listener} for every change of a role's owner or state, a resource's state, a CSV's
     * fault state, or a node's state. Close the result to stop.
     *
     * @param listener called with each change (on the event thread); one that throws is logged
     * @return the registration; closing it stops the calls and throws nothing
     */
    public Subscription subscribe(Consumer<ClusterEvent> listener) {
        List<Subscription> subs = new ArrayList<>();
        Map<String, List<String>> watched = Map.of(GROUP, List.of("OwnerNode", "State"), RESOURCE, List.of("State", "OwnerNode"),
                CSV, List.of("FaultState"), NODE, List.of("State", "NodeDrainStatus"));
        try {
            for (Map.Entry<String, List<String>> w : watched.entrySet()) {
                subs.add(session.subscribe(NAMESPACE, "SELECT * FROM __InstanceModificationEvent WHERE TargetInstance ISA '"
                        + w.getKey() + "'", e -> dispatch(e, w.getValue(), listener)));
            }
        } catch (RuntimeException e) {
            subs.forEach(Subscription::close);
            throw e;
        }
        return () -> subs.forEach(Subscription::close);
    }

    private static void dispatch(CimInstance event, List<String> props, Consumer<ClusterEvent> listener) {
        CimInstance after = event.find("TargetInstance").map(CimValue::asInstance).orElse(null);
        if (after == null) return;
        CimInstance before = event.find("PreviousInstance").map(CimValue::asInstance).orElse(null);
        for (String prop : props) {
            String a = ClusterEvent.value(after, prop), b = ClusterEvent.value(before, prop);
            if (!Objects.equals(a, b))
                deliver(listener, new ClusterEvent(ClusterEvent.kindOf(after.className()), str(after, "Name"), prop, b, a));
        }
    }

    /** A listener that throws is logged; the other changes are still delivered. */
    private static void deliver(Consumer<ClusterEvent> listener, ClusterEvent e) {
        try {
            listener.accept(e);
        } catch (RuntimeException failure) {
            LOG.warn("cluster event listener failed on {}", e, failure);
        }
    }

    @Override
    public String toString() {
        return "FailoverCluster[" + session.host() + "]";
    }
}
