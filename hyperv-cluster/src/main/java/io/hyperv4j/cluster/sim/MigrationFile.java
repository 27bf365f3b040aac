package io.hyperv4j.cluster.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.cluster.migration.LiveMigrationPlan;
import io.hyperv4j.cluster.migration.QuickMigrationModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A move in flight in the lab file: what was planned (for a live migration, the rounds it took and
 * the rest as last projected), how far it got (phase, round, the bytes its copy under way had left,
 * when it paused), and the guest memory it copies
 * (the source's pages and dirty bits, the destination's image), so a lab saved mid-move is loaded
 * with the move still going and ends as it would have.
 */
final class MigrationFile {
    private MigrationFile() {
    }

    static void save(SimMigration m, GuestMemory source, ObjectNode into) {
        into.put("kind", m.kind.name()).put("source", m.source.name).put("destination", m.destination.name)
                .put("started", m.started.toString()).put("network", m.network).put("fromDrain", m.fromDrain)
                .put("phase", m.phase.name()).put("round", m.round)
                .put("sourceDigest", m.sourceDigest).put("destinationDigest", m.destinationDigest);
        m.blackoutLimit.ifPresent(l -> into.put("blackoutLimit", l.toString()));
        // a live migration's copy under way: what it has left goes back on the fabric when the lab is loaded
        into.put("copyLeft", m.copyLeft()).put("outage", m.outage.toString());
        if (m.roundStarted != null) into.put("roundStarted", m.roundStarted.toString());
        if (m.pausedAt != null) into.put("pausedAt", m.pausedAt.toString());
        if (m.livePlan != null) {
            LiveMigrationPlan p = m.livePlan;
            ObjectNode pn = into.putObject("livePlan").put("setup", p.setup().toString()).put("blackout", p.blackout().toString())
                    .put("passThroughPause", p.passThroughPause().toString()).put("cleanup", p.cleanup().toString())
                    .put("cancelled", p.cancelled()).put("projectedBlackout", p.projectedBlackout().toString())
                    .put("residualBytes", p.residualBytes());
            ArrayNode rounds = pn.putArray("rounds");
            for (LiveMigrationPlan.Round r : p.rounds())
                rounds.addObject().put("index", r.index()).put("bytes", r.bytes()).put("duration", r.duration().toString());
        } else {
            QuickMigrationModel.Plan p = m.quickPlan;
            into.putObject("quickPlan").put("prepare", p.prepare().toString()).put("save", p.save().toString())
                    .put("move", p.move().toString()).put("restore", p.restore().toString()).put("finish", p.finish().toString());
        }
        if (source != null) memory(into.putObject("memory"), source);
        if (m.destinationImage != null) memory(into.putObject("destinationImage"), m.destinationImage);
    }

    private static void memory(ObjectNode into, GuestMemory mem) {
        ArrayNode pages = into.putArray("pages");
        for (long p : mem.pages) pages.add(p);
        ArrayNode dirty = into.putArray("dirty");
        mem.dirty.stream().forEach(dirty::add);
    }

    /** The move of {@code g} saved in {@code n}; the source's memory goes back into the engine. */
    static SimMigration load(ClusterEngine e, SimCluster c, SimGroup g, JsonNode n) {
        SimNode source = node(c, n, "source"), destination = node(c, n, "destination");
        SimMigration.Kind kind = SimMigration.Kind.valueOf(n.path("kind").asText());
        LiveMigrationPlan live = null;
        QuickMigrationModel.Plan quick = null;
        if (kind == SimMigration.Kind.LIVE) {
            JsonNode p = required(n, "livePlan");
            List<LiveMigrationPlan.Round> rounds = new ArrayList<>();
            for (JsonNode r : p.path("rounds"))
                rounds.add(new LiveMigrationPlan.Round(r.path("index").asInt(), r.path("bytes").asLong(), duration(r, "duration")));
            live = new LiveMigrationPlan(duration(p, "setup"), rounds, duration(p, "blackout"), duration(p, "passThroughPause"),
                    duration(p, "cleanup"), p.path("cancelled").asBoolean(), duration(p, "projectedBlackout"), p.path("residualBytes").asLong());
        } else {
            JsonNode p = required(n, "quickPlan");
            // a lab saved before the job's prepare and finish steps were modelled has neither
            quick = new QuickMigrationModel.Plan(p.has("prepare") ? duration(p, "prepare") : Duration.ZERO, duration(p, "save"),
                    duration(p, "move"), duration(p, "restore"), p.has("finish") ? duration(p, "finish") : Duration.ZERO);
        }
        String network = n.hasNonNull("network") ? n.get("network").asText() : null;
        SimMigration m = new SimMigration(g, kind, source, destination, Instant.parse(required(n, "started").asText()), live, quick,
                network, n.path("fromDrain").asBoolean());
        m.phase = SimMigration.Phase.valueOf(n.path("phase").asText(m.phase.name()));
        m.round = n.path("round").asInt(-1);
        if (n.has("blackoutLimit")) m.blackoutLimit = java.util.Optional.of(duration(n, "blackoutLimit"));
        m.copyLeft = n.path("copyLeft").asLong();
        if (n.has("outage")) m.outage = duration(n, "outage");
        if (n.has("roundStarted")) m.roundStarted = Instant.parse(n.get("roundStarted").asText());
        if (n.has("pausedAt")) m.pausedAt = Instant.parse(n.get("pausedAt").asText());
        m.sourceDigest = n.path("sourceDigest").asLong();
        m.destinationDigest = n.path("destinationDigest").asLong();
        if (n.has("memory")) e.memory.put(g.vmId.toUpperCase(java.util.Locale.ROOT), memory(n.get("memory")));
        if (n.has("destinationImage")) m.destinationImage = memory(n.get("destinationImage"));
        return m;
    }

    private static GuestMemory memory(JsonNode n) {
        JsonNode pages = n.path("pages");
        if (pages.size() != GuestMemory.PAGES)
            throw new IllegalArgumentException("guest memory has " + pages.size() + " page groups, not " + GuestMemory.PAGES);
        long[] p = new long[GuestMemory.PAGES];
        for (int i = 0; i < p.length; i++) p[i] = pages.get(i).asLong();
        GuestMemory mem = new GuestMemory(p);
        for (JsonNode d : n.path("dirty")) mem.dirty.set(d.asInt());
        return mem;
    }

    private static SimNode node(SimCluster c, JsonNode n, String field) {
        SimNode node = c.node(required(n, field).asText());
        if (node == null) throw new IllegalArgumentException("a move names '" + n.get(field).asText() + "', not a node of " + c.name);
        return node;
    }

    private static Duration duration(JsonNode n, String field) {
        return Duration.parse(required(n, field).asText());
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) throw new IllegalArgumentException("a move in flight has no '" + field + "'");
        return v;
    }
}
