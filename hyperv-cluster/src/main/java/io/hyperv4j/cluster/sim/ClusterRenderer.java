package io.hyperv4j.cluster.sim;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.SimVm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders a cluster's model as root\MSCluster instances, as seen from one node ({@code server}). */
final class ClusterRenderer {
    static final String NS = "root\\MSCluster";
    static final String CLUSTER = "MSCluster_Cluster", NODE = "MSCluster_Node", GROUP = "MSCluster_ResourceGroup",
            RESOURCE = "MSCluster_Resource", CSV = "MSCluster_ClusterSharedVolume", NETWORK = "MSCluster_Network",
            PARTITION = "MSCluster_DiskPartition";
    static final String CORE_GROUP = "Cluster Group", AVAILABLE_STORAGE = "Available Storage",
            CLUSTER_IP = "Cluster IP Address", CLUSTER_NAME = "Cluster Name";
    static final String TYPE_VM = "Virtual Machine", TYPE_VM_CONFIG = "Virtual Machine Configuration",
            TYPE_DISK = "Physical Disk", TYPE_IP = "IP Address", TYPE_NETWORK_NAME = "Network Name";

    private final ClusterEngine engine;

    ClusterRenderer(ClusterEngine engine) {
        this.engine = engine;
    }

    static ObjectPath path(String server, String cls, String name) {
        return new ObjectPath(server, NS, cls, Map.of("Name", name));
    }

    // ---- primary classes ----

    CimInstance cluster(SimCluster c, String server) {
        return CimInstance.builder(CLUSTER).path(path(server, CLUSTER, c.name))
                .put("Name", CimValue.string(c.name))
                .put("Caption", CimValue.string(c.name))
                .put("Fqdn", CimValue.string(c.fqdn()))
                .put("Description", CimValue.string(c.profile.name()))
                .put("EnableSharedVolumes", CimValue.uint32(c.csvEnabled ? 1 : 0))
                .put("SharedVolumesRoot", CimValue.string(SimCluster.CSV_ROOT))
                .put("MaxNumberOfNodes", CimValue.uint32(c.profile.maxNodes()))
                .put("SameSubnetDelay", CimValue.uint32(engine.failoverModel().parameters().heartbeatDelay().toMillis()))
                .put("SameSubnetThreshold", CimValue.uint32(engine.failoverModel().parameters().heartbeatThreshold()))
                .build();
    }

    CimInstance node(SimNode n, String server) {
        return CimInstance.builder(NODE).path(path(server, NODE, n.name))
                .put("Name", CimValue.string(n.name))
                .put("Caption", CimValue.string(n.name))
                .put("Id", CimValue.string(Integer.toString(n.id)))
                .put("NodeInstanceID", CimValue.string(Integer.toString(n.id)))
                .put("State", CimValue.uint32(n.state.code))
                .put("NodeDrainStatus", CimValue.uint32(n.drainStatus.code))
                .put("NodeDrainTarget", CimValue.string(n.drainTarget))
                .put("NodeWeight", CimValue.uint32(1))
                .put("DynamicWeight", CimValue.uint32(n.isUpOrPaused() ? 1 : 0))
                .put("Description", CimValue.string("Windows Server " + n.edition.name().charAt(0)
                        + n.edition.name().substring(1).toLowerCase(java.util.Locale.ROOT) + "; " + n.processorVendor + " " + n.processorVersion))
                .put("Status", CimValue.string(n.isUpOrPaused() ? "OK" : "Error"))
                .build();
    }

    CimInstance group(SimGroup g, String server) {
        SimMigration m = g.migration;
        return CimInstance.builder(GROUP).path(path(server, GROUP, g.name))
                .put("Name", CimValue.string(g.name))
                .put("Caption", CimValue.string(g.name))
                .put("Id", CimValue.string(g.id))
                .put("State", CimValue.uint32(g.state.code))
                .put("OwnerNode", CimValue.string(g.owner.name))
                .put("GroupType", CimValue.uint32(SimGroup.GROUP_TYPE_VIRTUAL_MACHINE))
                .put("FailoverThreshold", CimValue.uint32(g.failoverThreshold))
                .put("FailoverPeriod", CimValue.uint32(g.failoverPeriodHours))
                .put("AutoFailbackType", CimValue.uint32(g.autoFailbackType))
                .put("FailbackWindowStart", CimValue.sint32(-1))
                .put("FailbackWindowEnd", CimValue.sint32(-1))
                .put("PersistentState", CimValue.bool(g.state == SimGroup.State.ONLINE))
                .put("IsCore", CimValue.bool(false))
                .put("InternalState", CimValue.string(m == null ? g.state.name() : (m.kind == SimMigration.Kind.LIVE ? "Live Migrating" : "Quick Migrating")))
                .put("Priority", CimValue.uint32(2000))
                .build();
    }

    CimInstance coreGroup(SimCluster c, String server) {
        SimNode owner = coreOwner(c);
        return CimInstance.builder(GROUP).path(path(server, GROUP, CORE_GROUP))
                .put("Name", CimValue.string(CORE_GROUP))
                .put("State", CimValue.uint32(owner == null ? SimGroup.State.FAILED.code : 0))
                .put("OwnerNode", CimValue.string(owner == null ? "" : owner.name))
                .put("GroupType", CimValue.uint32(1))
                .put("IsCore", CimValue.bool(true))
                .build();
    }

    static SimNode coreOwner(SimCluster c) {
        return c.nodes.values().stream().filter(SimNode::isUpOrPaused).findFirst().orElse(null);
    }

    List<CimInstance> resources(SimCluster c, String server, Instant now) {
        List<CimInstance> out = new ArrayList<>();
        SimNode core = coreOwner(c);
        String coreOwner = core == null ? "" : core.name;
        out.add(resource(server, CLUSTER_IP, TYPE_IP, core == null ? 4 : 2, CORE_GROUP, coreOwner, false).build());
        out.add(resource(server, CLUSTER_NAME, TYPE_NETWORK_NAME, core == null ? 4 : 2, CORE_GROUP, coreOwner, false).build());
        for (SimDisk d : c.disks.values()) out.add(disk(c, d, server));
        for (SimGroup g : c.groups.values()) out.addAll(vmResources(c, g, server, now));
        return out;
    }

    CimInstance disk(SimCluster c, SimDisk d, String server) {
        int state = d.owner == null ? 4 : d.online ? 2 : 3;
        SimGroup g = d.isCsv() ? null : c.groupOf(d);
        return resource(server, d.name, TYPE_DISK, state, d.isCsv() ? "" : g != null ? g.name : AVAILABLE_STORAGE,
                d.owner == null ? "" : d.owner.name, d.isCsv())
                .put("ResourceClass", CimValue.uint32(1)).build();
    }

    /** The role's Virtual Machine and Virtual Machine Configuration resources, a pair for each of its VMs. */
    List<CimInstance> vmResources(SimCluster c, SimGroup g, String server, Instant now) {
        List<CimInstance> out = new ArrayList<>();
        for (String id : g.vmIds()) {
            out.add(vmResource(c, g, id, server, now));
            out.add(configResource(g, id, server));
        }
        return out;
    }

    CimInstance vmResource(SimCluster c, SimGroup g, String vmId, String server, Instant now) {
        SimMigration m = g.migration;
        int state = switch (g.state) {
            case ONLINE -> 2;
            case OFFLINE -> 3;
            case FAILED -> 4;
            case PENDING, PARTIAL_ONLINE -> 129;
        };
        String status = m == null ? "" : (m.kind == SimMigration.Kind.LIVE ? "Live Migrating, " : "Quick Migrating, ")
                + m.percent(now) + "% completed";
        List<String> order = c.migrationNetworkOrder;
        CimInstance priv = CimInstance.builder("MSCluster_Property")
                .put("VmID", CimValue.string(vmId))
                .put("MigrationState", CimValue.string(m == null ? "None" : m.phase.name()))
                .put("MigrationProgress", CimValue.uint32(m == null ? 0 : m.percent(now)))
                .put("MigrationTarget", CimValue.string(m == null ? "" : m.destination.name))
                .put("MigrationNetworkOrder", CimValue.strings(List.copyOf(order)))
                .put("LastMigrationError", CimValue.string(g.lastMigrationError))
                .put("PassThroughDisks", CimValue.uint32(engine.traits(vmId).passThroughDisks()))
                .build();
        return resource(server, g.vmResourceName(vmId), TYPE_VM, state, g.name, g.owner.name, false)
                .put("RestartAction", CimValue.uint32(g.restartAction))
                .put("RestartThreshold", CimValue.uint32(g.restartThreshold))
                .put("RestartPeriod", CimValue.uint32(g.restartPeriodMs))
                .put("ResourceSpecificStatus", CimValue.string(status))
                .put("LastOperationStatusCode", CimValue.uint64(g.lastOperationStatus()))
                .put("PrivateProperties", CimValue.object(priv))
                .put("ResourceClass", CimValue.uint32(32768)).build();
    }

    CimInstance configResource(SimGroup g, String vmId, String server) {
        boolean stale = vmId.equalsIgnoreCase(g.vmId) && engine.roles().isStale(g);
        SimVm vm = engine.lab.vm(vmId);
        CimInstance priv = CimInstance.builder("MSCluster_Property")
                .put("VmID", CimValue.string(vmId))
                .put("ConfigurationStale", CimValue.bool(stale))
                .put("ClusterMemoryMB", CimValue.uint64(g.clusterMemoryMb))
                .put("ClusterProcessorCount", CimValue.uint32(g.clusterProcessors))
                .put("ConfigurationPath", CimValue.string(vm == null ? "" : engine.traits(vm.id()).configPath))
                .build();
        return resource(server, g.configResourceName(vmId), TYPE_VM_CONFIG, g.state == SimGroup.State.FAILED ? 4 : 2, g.name,
                g.owner.name, false)
                .put("ResourceSpecificStatus", CimValue.string(stale ? "Configuration changed outside the cluster: refresh required" : ""))
                .put("PrivateProperties", CimValue.object(priv))
                .put("ResourceClass", CimValue.uint32(32768)).build();
    }

    private static CimInstance.Builder resource(String server, String name, String type, int state, String group, String owner, boolean csv) {
        return CimInstance.builder(RESOURCE).path(path(server, RESOURCE, name))
                .put("Name", CimValue.string(name))
                .put("Type", CimValue.string(type))
                .put("State", CimValue.uint32(state))
                .put("OwnerGroup", CimValue.string(group))
                .put("OwnerNode", CimValue.string(owner))
                .put("IsClusterSharedVolume", CimValue.bool(csv));
    }

    CimInstance csv(SimDisk d, String server) {
        return CimInstance.builder(CSV).path(path(server, CSV, d.name))
                .put("Name", CimValue.string(d.name))
                .put("Caption", CimValue.string(d.name))
                .put("VolumeName", CimValue.string(d.path()))
                .put("FaultState", CimValue.uint32(d.faultState()))
                .put("BackupState", CimValue.uint32(d.backupInProgress ? 1 : 0))
                .put("VolumeOffset", CimValue.uint64(1L << 20))
                .put("Status", CimValue.string(d.faultState() == 0 ? "OK" : "Degraded"))
                .build();
    }

    /**
     * The one NTFS partition of a cluster disk: its path is its drive letter or mount folder, the CSV
     * path once it is a CSV, or the volume GUID path when it is mounted nowhere. Sizes in megabytes.
     */
    CimInstance partition(SimDisk d, String server) {
        String guid = "{" + d.id.toLowerCase(java.util.Locale.ROOT) + "}";
        String path = d.isCsv() ? d.path() : !d.accessPath.isEmpty() ? d.accessPath : "\\\\?\\Volume" + guid + "\\";
        long mb = 1L << 20;
        return CimInstance.builder(PARTITION).path(new ObjectPath(server, NS, PARTITION, Map.of("Path", path)))
                .put("Caption", CimValue.string(path)).put("Description", CimValue.string(d.name))
                .put("Name", CimValue.string(path)).put("Status", CimValue.string(d.online ? "OK" : "Unknown"))
                .put("Flags", CimValue.uint32(0)).put("Characteristics", CimValue.uint32(0))
                .put("Path", CimValue.string(path)).put("VolumeLabel", CimValue.string(d.name))
                .put("SerialNumber", CimValue.uint32(Long.parseLong(d.id.substring(0, 8), 16)))
                .put("MaximumComponentLength", CimValue.uint32(255)).put("FileSystemFlags", CimValue.uint32(1 | 2 | 4 | 8))
                .put("FileSystem", CimValue.string(d.isCsv() ? "CSVFS" : "NTFS"))
                .put("TotalSize", CimValue.uint32(Math.min(0xFFFFFFFFL, d.sizeBytes / mb)))
                .put("FreeSpace", CimValue.uint32(Math.min(0xFFFFFFFFL, Math.max(0, d.sizeBytes - d.usedBytes) / mb)))
                .put("PartitionNumber", CimValue.uint32(1)).put("VolumeGuid", CimValue.string(guid))
                .put("MountPoints", CimValue.strings(d.accessPath.length() > 2 ? List.of(d.accessPath) : List.of()))
                .build();
    }

    CimInstance network(SimNetwork n, String server) {
        return CimInstance.builder(NETWORK).path(path(server, NETWORK, n.name))
                .put("Name", CimValue.string(n.name))
                .put("Caption", CimValue.string(n.name))
                .put("ID", CimValue.string(n.id))
                .put("Role", CimValue.uint32(n.role))
                .put("Metric", CimValue.uint32(n.metric))
                .put("AutoMetric", CimValue.bool(n.autoMetric))
                .put("State", CimValue.uint32(!n.up ? 1 : n.failedOn.isEmpty() ? 3 : 2)) // Down, Up, Partitioned
                .put("Address", CimValue.string(n.address))
                .put("AddressMask", CimValue.string(n.mask))
                .put("IPv4Addresses", CimValue.strings(List.of(n.address)))
                .put("Description", CimValue.string(String.format(java.util.Locale.ROOT, "%.3g Gbps%s", n.bitsPerSecond / 1e9,
                        n.ipsec ? ", IPsec" : "")))
                .build();
    }

    // ---- associations ----

    List<CimInstance> associations(SimCluster c, String server, Instant now) {
        List<CimInstance> out = new ArrayList<>();
        ObjectPath cp = path(server, CLUSTER, c.name);
        for (SimNode n : c.nodes.values()) {
            out.add(CimInstance.builder("MSCluster_ClusterToNode")
                    .path(new ObjectPath(server, NS, "MSCluster_ClusterToNode", Map.of("Antecedent", cp, "Dependent", path(server, NODE, n.name))))
                    .put("Antecedent", CimValue.ref(cp)).put("Dependent", CimValue.ref(path(server, NODE, n.name))).build());
        }
        for (SimNetwork n : c.networks.values()) out.add(component("MSCluster_ClusterToNetwork", cp, path(server, NETWORK, n.name)));
        out.add(component("MSCluster_ClusterToResourceGroup", cp, path(server, GROUP, CORE_GROUP)));
        SimNode core = coreOwner(c);
        if (core != null) out.add(component("MSCluster_NodeToActiveGroup", path(server, NODE, core.name), path(server, GROUP, CORE_GROUP)));
        for (CimInstance r : resources(c, server, now)) {
            ObjectPath rp = r.path();
            out.add(component("MSCluster_ClusterToResource", cp, rp));
            String owner = r.getString("OwnerNode");
            if (owner != null && !owner.isEmpty()) out.add(component("MSCluster_NodeToActiveResource", path(server, NODE, owner), rp));
            String group = r.getString("OwnerGroup");
            if (group != null && !group.isEmpty() && (group.equals(CORE_GROUP) || c.groups.containsKey(group)))
                out.add(component("MSCluster_ResourceGroupToResource", path(server, GROUP, group), rp));
        }
        ObjectPath ip = path(server, RESOURCE, CLUSTER_IP);
        out.add(dependency(ip, path(server, RESOURCE, CLUSTER_NAME)));
        for (SimDisk d : c.disks.values()) {
            if (!d.isCsv()) continue;
            ObjectPath vp = path(server, CSV, d.name);
            out.add(component("MSCluster_ClusterToClusterSharedVolume", cp, vp));
            out.add(component("MSCluster_ClusterSharedVolumeToResource", vp, path(server, RESOURCE, d.name)));
            if (d.owner != null) out.add(component("MSCluster_ClusterSharedVolumeToNode", vp, path(server, NODE, d.owner.name)));
        }
        for (SimGroup g : c.groups.values()) {
            ObjectPath gp = path(server, GROUP, g.name);
            out.add(component("MSCluster_ClusterToResourceGroup", cp, gp));
            out.add(component("MSCluster_NodeToActiveGroup", path(server, NODE, g.owner.name), gp));
            for (String p : g.preferredOwners) out.add(component("MSCluster_ResourceGroupToPreferredNode", gp, path(server, NODE, p)));
            for (String id : g.vmIds()) {
                ObjectPath vmr = path(server, RESOURCE, g.vmResourceName(id));
                ObjectPath cfg = path(server, RESOURCE, g.configResourceName(id));
                for (String p : g.possibleOwners) {
                    out.add(component("MSCluster_ResourceToPossibleOwner", vmr, path(server, NODE, p)));
                    out.add(component("MSCluster_ResourceToPossibleOwner", cfg, path(server, NODE, p)));
                }
                out.add(dependency(cfg, vmr));
                for (String d : g.dependencies) out.add(dependency(path(server, RESOURCE, d), cfg));
            }
        }
        return out;
    }

    private static CimInstance component(String cls, ObjectPath group, ObjectPath part) {
        return CimInstance.builder(cls)
                .path(new ObjectPath(group.server(), NS, cls, Map.of("GroupComponent", group, "PartComponent", part)))
                .put("GroupComponent", CimValue.ref(group)).put("PartComponent", CimValue.ref(part)).build();
    }

    /** {@code dependent} depends on {@code antecedent}. */
    private static CimInstance dependency(ObjectPath antecedent, ObjectPath dependent) {
        String cls = "MSCluster_ResourceToDependentResource";
        return CimInstance.builder(cls)
                .path(new ObjectPath(antecedent.server(), NS, cls, Map.of("Antecedent", antecedent, "Dependent", dependent)))
                .put("Antecedent", CimValue.ref(antecedent)).put("Dependent", CimValue.ref(dependent)).build();
    }
}
