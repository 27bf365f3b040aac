package io.hyperv4j.sim.v2.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.sim.v2.storage.SimCheckpoint.FrozenDrive;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Saves and loads a lab's {@link StorageModel} as part of the lab file (the disk files themselves stay where they are). */
public final class StorageFile {
    private StorageFile() {}

    public static void save(StorageModel m, ObjectNode into) {
        ArrayNode vms = into.putArray("vms");
        for (VmStorage st : m.all().values()) {
            ObjectNode v = vms.addObject();
            v.put("vm", st.vmId());
            v.put("snapshotType", st.snapshotType().name());
            v.put("guestCanQuiesce", st.guestCanQuiesce());
            if (st.currentCheckpointId() != null) v.put("current", st.currentCheckpointId());
            ArrayNode cs = v.putArray("controllers");
            for (SimController c : st.controllers()) cs.addObject().put("id", c.id()).put("kind", c.kind().name()).put("index", c.index());
            ArrayNode ds = v.putArray("drives");
            for (SimDrive d : st.drives()) {
                ObjectNode n = ds.addObject().put("id", d.id()).put("disk", d.diskId()).put("controller", d.controllerId()).put("address", d.address());
                if (d.current() != null) n.put("file", d.current().toString());
            }
            ArrayNode cps = v.putArray("checkpoints");
            for (SimCheckpoint c : st.checkpoints()) {
                ObjectNode n = cps.addObject().put("id", c.id()).put("name", c.name()).put("created", c.created().toString())
                        .put("kind", c.kind()).put("savedState", c.savedState()).put("processors", c.processors()).put("memoryMb", c.memoryMb());
                if (c.parentId() != null) n.put("parent", c.parentId());
                ArrayNode fd = n.putArray("drives");
                c.drives().forEach((id, f) -> {
                    ObjectNode x = fd.addObject().put("id", id).put("disk", f.diskId()).put("controller", f.controllerId()).put("address", f.address());
                    if (f.file() != null) x.put("file", f.file().toString());
                });
            }
            ObjectNode g = v.putObject("parents");
            st.graph().parents().forEach((child, parent) -> g.put(child.toString(), parent.toString()));
        }
    }

    public static void load(StorageModel m, JsonNode from) {
        for (JsonNode v : from.path("vms")) {
            VmStorage st = m.vm(v.path("vm").asText());
            st.snapshotType(SnapshotTypeSetting.valueOf(v.path("snapshotType").asText("PRODUCTION")));
            st.guestCanQuiesce(v.path("guestCanQuiesce").asBoolean(true));
            for (JsonNode c : v.path("controllers")) st.addController(c.path("id").asText(), ControllerKind.valueOf(c.path("kind").asText()));
            for (JsonNode d : v.path("drives"))
                st.attach(d.path("id").asText(), d.path("disk").asText(), d.path("controller").asText(), d.path("address").asInt(), file(d));
            for (JsonNode c : v.path("checkpoints")) {
                Map<String, FrozenDrive> drives = new LinkedHashMap<>();
                for (JsonNode f : c.path("drives"))
                    drives.put(f.path("id").asText(), new FrozenDrive(f.path("disk").asText(), f.path("controller").asText(), f.path("address").asInt(), file(f)));
                st.restoreCheckpoint(new SimCheckpoint(c.path("id").asText(), c.path("name").asText(), c.hasNonNull("parent") ? c.get("parent").asText() : null,
                        Instant.parse(c.path("created").asText()), c.path("kind").asText(), c.path("savedState").asBoolean(),
                        c.path("processors").asInt(), c.path("memoryMb").asLong(), drives));
            }
            st.restoreCurrent(v.hasNonNull("current") ? v.get("current").asText() : null);
            v.path("parents").fields().forEachRemaining(e -> st.graph().adopt(Path.of(e.getKey()), Path.of(e.getValue().asText())));
        }
    }

    private static Path file(JsonNode n) {
        return n.hasNonNull("file") ? Path.of(n.get("file").asText()) : null;
    }
}
