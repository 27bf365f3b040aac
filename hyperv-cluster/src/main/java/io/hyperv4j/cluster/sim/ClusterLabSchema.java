package io.hyperv4j.cluster.sim;

import io.hyperv4j.sim.LabFile;
import io.hyperv4j.sim.LabJson;
import io.hyperv4j.vm.VmSpec;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The schema of the cluster provider's section of a lab file, checked before {@link ClusterLabFile}
 * reads it: types, ranges (after MSCluster's properties: node ids, network roles, failover
 * thresholds and periods as uint32) and references (owners, preferred and possible owners name
 * nodes of the cluster, roles name VM GUIDs). A section that does not validate is refused with the
 * field's JSON path, so the lab file is never rewritten from a misread one. Fields it does not know
 * are left to the reader (a group's {@code migration}, a move in flight, is read by MigrationFile).
 */
final class ClusterLabSchema {
    private static final long UINT32 = 0xFFFFFFFFL;
    /** Failover clustering supports at most 64 nodes per cluster. */
    private static final long MAX_NODES = 64;

    private ClusterLabSchema() {}

    static void check(LabJson from) {
        Set<String> clusters = new HashSet<>();
        for (LabJson cn : from.objectsIfPresent("clusters")) {
            String name = cn.string("name", LabJson.HOST_NAME, "a cluster name (letters, digits, '-', '.')");
            if (!clusters.add(name.toUpperCase(java.util.Locale.ROOT))) throw cn.invalid("name", "a second cluster named " + name);
            cn.string("domain", "");
            cn.string("profile");
            cn.integer("maxLiveMigrationsPerNode", 1, 1024, 1);
            cn.bool("csvEnabled", false);
            cn.integer("nextVolume", 1, UINT32, 1);
            cn.stringArray("migrationNetworkOrder");
            cn.integer("driveLetterLimit", 0, 26, SimCluster.DRIVE_LETTERS);
            Set<String> nodes = new HashSet<>();
            for (LabJson nn : cn.objectsIfPresent("nodes")) {
                String node = nn.string("name", LabJson.HOST_NAME, "a node name (letters, digits, '-', '.')");
                if (!nodes.add(node.toUpperCase(java.util.Locale.ROOT))) throw nn.invalid("name", "a second node named " + node);
                nn.integer("id", 1, MAX_NODES);
                if (nn.has("state")) nn.constant("state", SimNode.State.class);
                if (nn.has("drainStatus")) nn.constant("drainStatus", SimNode.DrainStatus.class);
                if (nn.has("edition")) nn.constant("edition", SimNode.Edition.class);
                if (nn.has("architecture") && nn.constant("architecture", SimNode.Architecture.class) == SimNode.Architecture.X86)
                    throw nn.invalid("architecture", "an x86 node cannot be in a Hyper-V host cluster");
                if (nn.has("downSince")) nn.instant("downSince");
                nn.string("drainTarget", "");
                nn.string("processorVendor", "");
                nn.string("processorVersion", "");
                nn.stringArray("switches");
            }
            for (LabJson n : cn.objectsIfPresent("networks")) {
                n.string("name");
                n.string("id");
                n.integer("role", 0, 3);
                n.integer("metric", 0, UINT32);
                n.bool("autoMetric", false);
                n.string("address");
                n.string("mask", "");
                if (n.has("bitsPerSecond")) n.number("bitsPerSecond", 1, 1e13);
                n.integer("roundTripNanos", 0, 60_000_000_000L, 0);
                n.bool("ipsec", false);
                n.bool("up", true);
                for (String f : n.stringArray("failedOn"))
                    if (!nodes.contains(f.toUpperCase(java.util.Locale.ROOT))) throw n.invalid("failedOn", "no node " + f + " in the cluster");
            }
            for (LabJson d : cn.objectsIfPresent("disks")) {
                d.string("name");
                d.string("id");
                long size = d.integer("size", 0, Long.MAX_VALUE);
                d.integer("used", 0, size, 0);
                if (d.has("owner")) node(d, "owner", nodes);
                d.integer("volume", 0, UINT32, 0);
                d.bool("online", true);
                d.bool("redirected", false);
                long redirections = d.integer("ioRedirections", 0, 1 << 20, 0);
                for (LabJson f : d.objectsIfPresent("redirectedIo")) { // a redirection's I/O under way: CsvRedirection.saved
                    f.integer("redirection", 0, Math.max(0, redirections - 1));
                    f.integer("left", 1, Long.MAX_VALUE);
                    f.integer("ioBytes", 1, Integer.MAX_VALUE);
                    if (f.has("demand") && !f.node().path("demand").isNull()) f.number("demand", 1e-9, 1e15);
                    for (LabJson l : f.objects("links")) {
                        l.string("name");
                        l.number("bytesPerSecond", 1e-9, 1e15);
                        if (l.has("iops") && !l.node().path("iops").isNull()) l.number("iops", 1e-9, 1e15);
                    }
                }
                d.bool("maintenance", false);
                d.bool("backup", false);
                d.string("accessPath", "");
                if (d.has("bytesPerSecond")) d.number("bytesPerSecond", 1, 1e13);
                if (d.has("iops") && !d.node().path("iops").isNull()) d.number("iops", 1e-3, 1e12);
            }
            for (LabJson g : cn.objectsIfPresent("groups")) {
                g.string("name");
                g.string("id");
                g.string("vmId", LabJson.GUID, "a VM id (GUID)");
                node(g, "owner", nodes);
                if (g.has("state")) g.constant("state", SimGroup.State.class);
                g.integer("failoverThreshold", 0, UINT32, 1);
                g.integer("restartAction", 0, 2, 2);
                g.integer("restartThreshold", 0, UINT32, 1);
                g.integer("restartPeriod", 0, UINT32, 900_000);
                for (LabJson t : g.has("restarts") ? g.array("restarts") : java.util.List.<LabJson>of())
                    if (!t.node().isTextual()) throw new IllegalArgumentException(t.path() + ": expected a timestamp");
                if (g.has("onlineAt")) { g.instant("onlineAt"); g.string("failedNode"); g.instant("failedAt"); }
                g.integer("failoverPeriod", 0, UINT32, 6);
                g.integer("autoFailbackType", 0, 1, 0);
                g.integer("clusterMemoryMb", 0, LabFile.MAX_VM_MEMORY_MB, 0);
                g.integer("clusterProcessors", 0, VmSpec.MAX_PROCESSORS, 0);
                g.string("drainedFrom", null);
                g.string("lastError", "");
                if (g.has("lastErrorCode")) g.constant("lastErrorCode", ClusterError.class);
                g.bool("moving", false);
                for (String field : new String[] {"preferred", "possible"})
                    for (String owner : g.stringArray(field))
                        if (!nodes.contains(owner.toUpperCase(java.util.Locale.ROOT)))
                            throw g.invalid(field, "no node named " + shown(owner) + " in this cluster");
                g.stringArray("dependencies");
                if (g.has("companions"))
                    for (Map.Entry<String, LabJson> c : g.object("companions").fields().entrySet()) {
                        if (!LabJson.GUID.matcher(c.getKey()).matches()) throw new IllegalArgumentException(c.getValue().path() + ": expected a VM id (GUID) as the key");
                        if (!c.getValue().node().isTextual()) throw new IllegalArgumentException(c.getValue().path() + ": expected the VM's name");
                    }
                if (g.has("failovers")) for (LabJson t : g.array("failovers")) if (!t.node().isTextual()) throw g.invalid("failovers", "expected timestamps");
            }
        }
        if (from.has("vmTraits"))
            for (Map.Entry<String, LabJson> e : from.object("vmTraits").fields().entrySet()) {
                LabJson v = e.getValue();
                if (!LabJson.GUID.matcher(e.getKey()).matches()) throw new IllegalArgumentException(v.path() + ": expected a VM id (GUID) as the key");
                if (!v.node().isObject()) throw new IllegalArgumentException(v.path() + ": expected an object");
                v.string("configPath", "");
                v.string("switchName", "");
                v.integer("passThroughDisks", 0, 256, 0);
                v.bool("processorCompatibility", false);
                v.bool("serverCore", false);
                if (v.has("storageBytesPerSecond")) v.number("storageBytesPerSecond", 0, 1e13);
                if (v.has("dirtyBytesPerSecond")) v.number("dirtyBytesPerSecond", 0, 1e13);
                if (v.has("workingSetFraction")) v.number("workingSetFraction", 0, 1);
            }
    }

    private static void node(LabJson where, String field, Set<String> nodes) {
        String name = where.string(field);
        if (!nodes.contains(name.toUpperCase(java.util.Locale.ROOT)))
            throw where.invalid(field, "no node named " + shown(name) + " in this cluster");
    }

    private static String shown(String name) {
        return io.hyperv4j.spi.Redaction.printable(name.length() > 60 ? name.substring(0, 60) + "..." : name);
    }
}
