package io.hyperv4j.cluster.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.cluster.migration.Workload;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The clusters of a lab in its file, with their moves in flight ({@link MigrationFile}): a lab saved
 * mid-move is loaded with the move still going, its remaining steps due at the plan's times (those
 * that fell due while the lab was closed run at once), and a drain waiting on it still in progress.
 */
final class ClusterLabFile {
    private ClusterLabFile() {
    }

    static void save(ClusterEngine e, ObjectNode into) {
        if (e.clusters.isEmpty() && e.traits.isEmpty()) return;
        ArrayNode clusters = into.putArray("clusters");
        for (SimCluster c : e.clusters.values()) {
            ObjectNode cn = clusters.addObject();
            cn.put("name", c.name).put("domain", c.domain).put("profile", c.profile.name())
                    .put("maxLiveMigrationsPerNode", c.profile.maxLiveMigrationsPerNode())
                    .put("csvEnabled", c.csvEnabled).put("nextVolume", c.nextVolume);
            strings(cn.putArray("migrationNetworkOrder"), c.migrationNetworkOrder);
            cn.put("driveLetterLimit", c.driveLetterLimit);
            ArrayNode nodes = cn.putArray("nodes");
            for (SimNode n : c.nodes.values()) {
                ObjectNode nn = nodes.addObject().put("name", n.name).put("id", n.id).put("state", n.state.name())
                        .put("drainStatus", n.drainStatus.name()).put("drainTarget", n.drainTarget).put("edition", n.edition.name()).put("architecture", n.architecture.name())
                        .put("processorVendor", n.processorVendor).put("processorVersion", n.processorVersion);
                if (n.downSince != null) nn.put("downSince", n.downSince.toString());
                strings(nn.putArray("switches"), n.virtualSwitches);
            }
            ArrayNode nets = cn.putArray("networks");
            for (SimNetwork n : c.networks.values())
                failedOn(nets.addObject(), n).put("name", n.name).put("id", n.id).put("role", n.role).put("metric", n.metric)
                        .put("autoMetric", n.autoMetric).put("address", n.address).put("mask", n.mask)
                        .put("bitsPerSecond", n.bitsPerSecond).put("roundTripNanos", n.roundTrip.toNanos())
                        .put("ipsec", n.ipsec).put("up", n.up);
            ArrayNode disks = cn.putArray("disks");
            for (SimDisk d : c.disks.values())
                redirectedIo(e, c, d, disks.addObject()).put("name", d.name).put("id", d.id).put("size", d.sizeBytes).put("used", d.usedBytes)
                        .put("owner", d.owner == null ? null : d.owner.name).put("online", d.online).put("volume", d.volumeNumber)
                        .put("redirected", d.redirected).put("ioRedirections", d.ioRedirections)
                        .put("maintenance", d.maintenance).put("backup", d.backupInProgress)
                        .put("accessPath", d.accessPath)
                        .put("bytesPerSecond", d.bytesPerSecond).put("iops", Double.isInfinite(d.iops) ? null : d.iops);
            ArrayNode groups = cn.putArray("groups");
            for (SimGroup g : c.groups.values()) {
                ObjectNode gn = groups.addObject().put("name", g.name).put("id", g.id).put("vmId", g.vmId)
                        .put("owner", g.owner.name).put("state", g.state.name()).put("failoverThreshold", g.failoverThreshold)
                        .put("failoverPeriod", g.failoverPeriodHours).put("autoFailbackType", g.autoFailbackType)
                        .put("clusterMemoryMb", g.clusterMemoryMb).put("clusterProcessors", g.clusterProcessors)
                        .put("drainedFrom", g.drainedFrom).put("lastError", g.lastMigrationError).put("lastErrorCode", g.lastError == null ? null : g.lastError.name());
                gn.put("restartAction", g.restartAction).put("restartThreshold", g.restartThreshold).put("restartPeriod", g.restartPeriodMs);
                g.restarts.forEach(t -> gn.withArray("restarts").add(t.toString()));
                if (g.onlineAt != null) gn.put("onlineAt", g.onlineAt.toString()).put("failedNode", g.failedNode).put("failedAt", g.failedAt.toString());
                if (g.migration != null) MigrationFile.save(g.migration, e.memory.get(g.vmId), gn.putObject("migration"));
                strings(gn.putArray("preferred"), g.preferredOwners);
                strings(gn.putArray("possible"), g.possibleOwners);
                strings(gn.putArray("dependencies"), g.dependencies);
                if (!g.companions.isEmpty()) g.companions.forEach(gn.putObject("companions")::put);
                ArrayNode fo = gn.putArray("failovers");
                g.failovers.forEach(t -> fo.add(t.toString()));
            }
        }
        ObjectNode traits = into.putObject("vmTraits");
        for (Map.Entry<String, VmTraits> t : e.traits.entrySet()) {
            VmTraits v = t.getValue();
            ObjectNode tn = traits.putObject(t.getKey()).put("configPath", v.configPath).put("switchName", v.switchName)
                    .put("passThroughDisks", v.passThroughDisks).put("processorCompatibility", v.processorCompatibility)
                    .put("serverCore", v.serverCore)
                    .put("dirtyBytesPerSecond", v.workload.dirtyBytesPerSecond())
                    .put("workingSetFraction", v.workload.workingSetFraction());
            if (v.storageBytesPerSecond >= 0) tn.put("storageBytesPerSecond", v.storageBytesPerSecond); // else its guest load's
        }
    }

    /** The nodes whose adapter on the network failed, when there are. */
    private static ObjectNode failedOn(ObjectNode n, SimNetwork net) {
        if (!net.failedOn.isEmpty()) strings(n.putArray("failedOn"), net.failedOn);
        return n;
    }

    /** A loop, not {@code values.forEach(a::add)} at each site: the class-data archive holds one proxy per identical method reference of a class. */
    private static void strings(ArrayNode a, Iterable<String> values) {
        for (String v : values) a.add(v);
    }

    /** The I/O flows each open redirection of a CSV has under way, by redirection, with the bytes they have left. */
    private static ObjectNode redirectedIo(ClusterEngine e, SimCluster c, SimDisk d, ObjectNode into) {
        if (d.ioRedirections == 0) return into;
        ArrayNode flows = into.putArray("redirectedIo");
        List<CsvRedirection> open = e.storage().redirections(c, d.name);
        for (int i = 0; i < open.size(); i++) {
            for (CsvRedirection.SavedIo io : open.get(i).saved()) {
                ObjectNode f = flows.addObject().put("redirection", i).put("left", io.bytesLeft()).put("ioBytes", io.ioBytes())
                        .put("demand", Double.isInfinite(io.demandBytesPerSecond()) ? null : io.demandBytesPerSecond());
                ArrayNode links = f.putArray("links");
                for (var l : io.links())
                    links.addObject().put("name", l.name()).put("bytesPerSecond", l.bytesPerSecond()).put("iops", Double.isInfinite(l.iops()) ? null : l.iops());
            }
        }
        return into;
    }

    private static List<List<CsvRedirection.SavedIo>> redirectedIo(JsonNode disk) {
        List<List<CsvRedirection.SavedIo>> out = new ArrayList<>();
        for (JsonNode f : disk.path("redirectedIo")) {
            int r = f.path("redirection").asInt();
            while (out.size() <= r) out.add(new ArrayList<>());
            List<io.hyperv4j.substrate.FlowNetwork.Link> links = new ArrayList<>();
            for (JsonNode l : f.path("links"))
                links.add(new io.hyperv4j.substrate.FlowNetwork.Link(l.path("name").asText(), l.path("bytesPerSecond").asDouble(),
                        l.hasNonNull("iops") ? l.path("iops").asDouble() : Double.POSITIVE_INFINITY));
            out.get(r).add(new CsvRedirection.SavedIo(links, f.path("left").asLong(),
                    f.hasNonNull("demand") ? f.path("demand").asDouble() : Double.POSITIVE_INFINITY, f.path("ioBytes").asInt()));
        }
        return out;
    }

    static void load(ClusterEngine e, JsonNode from) {
        List<SimMigration> moving = new ArrayList<>();
        java.util.Map<SimDisk, List<List<CsvRedirection.SavedIo>>> redirectedIo = new java.util.HashMap<>();
        for (JsonNode cn : from.path("clusters")) {
            String profileName = cn.path("profile").asText();
            ClusterProfile profile = ClusterProfile.known(profileName)
                    .orElseGet(() -> new ClusterProfile(profileName, cn.path("maxLiveMigrationsPerNode").asInt(1)));
            SimCluster c = new SimCluster(cn.path("name").asText(), cn.path("domain").asText(""), profile);
            c.csvEnabled = cn.path("csvEnabled").asBoolean();
            c.nextVolume = cn.path("nextVolume").asInt(1);
            for (JsonNode n : cn.path("migrationNetworkOrder")) c.migrationNetworkOrder.add(n.asText());
            c.driveLetterLimit = cn.path("driveLetterLimit").asInt(SimCluster.DRIVE_LETTERS);
            for (JsonNode nn : cn.path("nodes")) {
                SimNode n = new SimNode(c, nn.path("name").asText(), nn.path("id").asInt());
                n.state = SimNode.State.valueOf(nn.path("state").asText("UP"));
                if (n.state == SimNode.State.JOINING) n.state = SimNode.State.UP;
                n.drainStatus = SimNode.DrainStatus.valueOf(nn.path("drainStatus").asText("NOT_INITIATED"));
                n.drainTarget = nn.path("drainTarget").asText("");
                n.edition = SimNode.Edition.valueOf(nn.path("edition").asText("DATACENTER"));
                n.architecture = SimNode.Architecture.valueOf(nn.path("architecture").asText("X64"));
                n.processorVendor = nn.path("processorVendor").asText();
                n.processorVersion = nn.path("processorVersion").asText();
                for (JsonNode s : nn.path("switches")) n.virtualSwitches.add(s.asText());
                if (nn.hasNonNull("downSince")) n.downSince = Instant.parse(nn.path("downSince").asText());
                c.nodes.put(n.name, n);
            }
            for (JsonNode nn : cn.path("networks")) {
                SimNetwork n = new SimNetwork(nn.path("name").asText(), nn.path("id").asText(), nn.path("role").asInt(),
                        nn.path("metric").asLong(), nn.path("autoMetric").asBoolean(), nn.path("address").asText());
                n.mask = nn.path("mask").asText(n.mask);
                n.bitsPerSecond = nn.path("bitsPerSecond").asDouble(1e9);
                n.roundTrip = Duration.ofNanos(nn.path("roundTripNanos").asLong(200_000));
                n.ipsec = nn.path("ipsec").asBoolean();
                n.up = nn.path("up").asBoolean(true);
                for (JsonNode x : nn.path("failedOn")) n.failedOn.add(x.asText());
                c.networks.put(n.name, n);
            }
            for (JsonNode dn : cn.path("disks")) {
                SimDisk d = new SimDisk(dn.path("name").asText(), dn.path("id").asText(), dn.path("size").asLong(),
                        dn.path("owner").isNull() ? null : c.node(dn.path("owner").asText()));
                d.usedBytes = dn.path("used").asLong();
                d.online = dn.path("online").asBoolean(true);
                d.volumeNumber = dn.path("volume").asInt();
                d.redirected = dn.path("redirected").asBoolean();
                d.ioRedirections = dn.path("ioRedirections").asInt(); // handles again for them: ClusterLab.csvRedirections
                d.maintenance = dn.path("maintenance").asBoolean();
                d.backupInProgress = dn.path("backup").asBoolean();
                d.accessPath = dn.path("accessPath").asText("");
                if (dn.has("bytesPerSecond")) d.bytesPerSecond = dn.path("bytesPerSecond").asDouble();
                if (dn.hasNonNull("iops")) d.iops = dn.path("iops").asDouble();
                c.disks.put(d.name, d);
                redirectedIo.put(d, redirectedIo(dn));
            }
            for (JsonNode gn : cn.path("groups")) {
                SimGroup g = new SimGroup(gn.path("name").asText(), gn.path("id").asText(), gn.path("vmId").asText(),
                        c.node(gn.path("owner").asText()), SimGroup.State.valueOf(gn.path("state").asText("OFFLINE")));
                g.failoverThreshold = gn.path("failoverThreshold").asLong(1);
                g.failoverPeriodHours = gn.path("failoverPeriod").asLong(6);
                g.autoFailbackType = gn.path("autoFailbackType").asInt();
                g.clusterMemoryMb = gn.path("clusterMemoryMb").asLong();
                g.clusterProcessors = gn.path("clusterProcessors").asInt();
                g.drainedFrom = gn.path("drainedFrom").isNull() ? null : gn.path("drainedFrom").asText(null);
                String lastCode = gn.path("lastErrorCode").asText("");
                g.failed(lastCode.isEmpty() ? null : ClusterError.valueOf(lastCode), gn.path("lastError").asText(""));
                for (JsonNode x : gn.path("preferred")) g.preferredOwners.add(x.asText());
                for (JsonNode x : gn.path("possible")) g.possibleOwners.add(x.asText());
                for (JsonNode x : gn.path("dependencies")) g.dependencies.add(x.asText());
                gn.path("companions").fields().forEachRemaining(x -> g.companions.put(x.getKey(), x.getValue().asText()));
                for (JsonNode x : gn.path("failovers")) g.failovers.add(Instant.parse(x.asText()));
                g.restartAction = gn.path("restartAction").asInt(2);
                g.restartThreshold = gn.path("restartThreshold").asLong(1);
                g.restartPeriodMs = gn.path("restartPeriod").asLong(900_000);
                for (JsonNode x : gn.path("restarts")) g.restarts.add(Instant.parse(x.asText()));
                if (gn.hasNonNull("onlineAt")) {
                    g.onlineAt = Instant.parse(gn.path("onlineAt").asText());
                    g.failedNode = gn.path("failedNode").asText();
                    g.failedAt = Instant.parse(gn.path("failedAt").asText());
                }
                c.groups.put(g.name, g);
                if (gn.has("migration")) {
                    g.migration = MigrationFile.load(e, c, g, gn.get("migration"));
                    moving.add(g.migration);
                }
            }
            e.clusters.put(c.name, c);
        }
        var it = from.path("vmTraits").fields();
        while (it.hasNext()) {
            var t = it.next();
            JsonNode v = t.getValue();
            VmTraits tr = e.traits(t.getKey());
            tr.configPath = v.path("configPath").asText(VmTraits.LOCAL_STORE);
            tr.switchName = v.path("switchName").asText("");
            tr.passThroughDisks = v.path("passThroughDisks").asInt();
            tr.processorCompatibility = v.path("processorCompatibility").asBoolean();
            tr.serverCore = v.path("serverCore").asBoolean();
            tr.storageBytesPerSecond = v.has("storageBytesPerSecond") ? v.path("storageBytesPerSecond").asDouble() : VmTraits.FROM_GUEST_LOAD;
            tr.workload = new Workload(v.path("dirtyBytesPerSecond").asDouble(), v.path("workingSetFraction").asDouble());
        }
        moving.forEach(m -> e.moves().execution().resume(m)); // after the traits: the steps read the VM's workload
        e.clusters.values().forEach(c -> c.disks.values().forEach(d -> e.storage().restoreRedirections(c, d, redirectedIo.getOrDefault(d, List.of())))); // and the guests' I/O
        e.failover().resume();
        // a drain in progress goes on: roles it could not move yet start when a slot is free
        e.lab.write(java.time.Duration.ofMinutes(1), txn -> {
            e.clusters.values().forEach(c -> e.drains().pump(txn, c));
            return null;
        });
    }
}
