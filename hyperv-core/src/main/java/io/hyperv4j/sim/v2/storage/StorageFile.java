package io.hyperv4j.sim.v2.storage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.sim.v2.storage.SimCheckpoint.FrozenDrive;
import io.hyperv4j.sim.LabFile;
import io.hyperv4j.sim.LabJson;
import io.hyperv4j.spi.Redaction;
import io.hyperv4j.vm.VmSpec;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

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
            RctFile.save(st.rct(), v.putObject("rct"));
        }
    }

    /** A controller's id: a GUID, then {@code \\N} for the IDE controllers every generation 1 VM has. */
    private static final Pattern CONTROLLER_ID = Pattern.compile(LabJson.GUID.pattern() + "(\\\\[0-9]{1,2})?");
    /** A drive's (and its disk's) id: its controller's id, a backslash and the slot. */
    private static final Pattern DRIVE_ID = Pattern.compile(CONTROLLER_ID.pattern() + "\\\\[0-9]{1,2}");

    /**
     * Loads what {@link #save} wrote, read against the section's schema: ids of the forms the
     * simulator writes, controllers of known kinds, drives on listed controllers within their
     * slots, checkpoints whose parents and current one are listed, absolute disk paths; anything
     * else is refused with its JSON path.
     */
    public static void load(StorageModel m, LabJson from) {
        for (LabJson v : from.objects("vms")) {
            VmStorage st = m.vm(v.string("vm", LabJson.GUID, "a VM id (GUID)"));
            st.snapshotType(v.has("snapshotType") ? v.constant("snapshotType", SnapshotTypeSetting.class) : SnapshotTypeSetting.PRODUCTION);
            st.guestCanQuiesce(v.bool("guestCanQuiesce", true));
            Map<String, ControllerKind> controllers = new LinkedHashMap<>();
            for (LabJson c : v.objects("controllers")) {
                String id = c.string("id", CONTROLLER_ID, "a controller id (a GUID, then \\N for IDE)");
                ControllerKind kind = c.constant("kind", ControllerKind.class);
                if (controllers.put(id.toUpperCase(Locale.ROOT), kind) != null) throw c.invalid("id", "a second controller " + id);
                st.addController(id, kind);
            }
            for (LabJson d : v.objects("drives")) {
                Drive drive = drive(d, controllers);
                if (st.drive(drive.id()) != null) throw d.invalid("id", "a second drive " + drive.id());
                st.attach(drive.id(), drive.disk(), drive.controller(), drive.address(), drive.file());
            }
            Map<String, LabJson> checkpoints = new LinkedHashMap<>();
            for (LabJson c : v.objects("checkpoints")) {
                String id = c.string("id", LabJson.GUID, "a checkpoint id (GUID)");
                if (checkpoints.put(id.toUpperCase(Locale.ROOT), c) != null) throw c.invalid("id", "a second checkpoint " + id);
            }
            for (LabJson c : checkpoints.values()) {
                String parent = c.has("parent") ? c.string("parent", LabJson.GUID, "a checkpoint id (GUID)") : null;
                if (parent != null && !checkpoints.containsKey(parent.toUpperCase(Locale.ROOT)))
                    throw c.invalid("parent", "no checkpoint " + parent + " in this VM's list");
                String name = c.string("name");
                String kind = c.string("kind");
                if (!kind.equals("Standard") && !kind.equals("Production") && !kind.equals(SimCheckpoint.RECOVERY))
                    throw c.invalid("kind", "expected Standard, Production or Recovery");
                Map<String, FrozenDrive> drives = new LinkedHashMap<>();
                for (LabJson f : c.objects("drives")) {
                    Drive drive = drive(f, controllers);
                    drives.put(drive.id(), new FrozenDrive(drive.disk(), drive.controller(), drive.address(), drive.file()));
                }
                st.restoreCheckpoint(new SimCheckpoint(c.string("id"), name, parent, c.instant("created"), kind,
                        c.bool("savedState", false), (int) c.integer("processors", 1, VmSpec.MAX_PROCESSORS),
                        c.integer("memoryMb", VmSpec.MIN_MEMORY_MB, LabFile.MAX_VM_MEMORY_MB), drives));
            }
            String current = v.has("current") ? v.string("current", LabJson.GUID, "a checkpoint id (GUID)") : null;
            if (current != null && !checkpoints.containsKey(current.toUpperCase(Locale.ROOT)))
                throw v.invalid("current", "no checkpoint " + current + " in this VM's list");
            st.restoreCurrent(current);
            if (v.has("parents"))
                for (Map.Entry<String, LabJson> e : v.object("parents").fields().entrySet()) {
                    LabJson parent = e.getValue();
                    if (!parent.node().isTextual()) throw new IllegalArgumentException(parent.path() + ": expected a file path");
                    st.graph().adopt(absolute(parent.path(), e.getKey()), absolute(parent.path(), parent.node().textValue()));
                }
            if (v.has("rct")) RctFile.load(st, v.object("rct"));
        }
    }

    private record Drive(String id, String disk, String controller, int address, Path file) {}

    private static Drive drive(LabJson d, Map<String, ControllerKind> controllers) {
        String controller = d.string("controller", CONTROLLER_ID, "a controller id");
        ControllerKind kind = controllers.get(controller.toUpperCase(Locale.ROOT));
        if (kind == null) throw d.invalid("controller", "no controller " + controller + " in this VM's list");
        int address = (int) d.integer("address", 0, kind.slots() - 1);
        String file = d.string("file", null);
        return new Drive(d.string("id", DRIVE_ID, "a drive id (its controller's id, \\ and the slot)"),
                d.string("disk", DRIVE_ID, "a disk id (its drive's id)"), controller, address,
                file == null ? null : absolute(d.path() + ".file", file));
    }

    /** An absolute, normalized file path, or a refusal naming the JSON path {@code where} it was. */
    private static Path absolute(String where, String text) {
        try {
            Path p = Path.of(text);
            if (p.isAbsolute()) return p.normalize();
        } catch (InvalidPathException e) {
            // refused below
        }
        throw new IllegalArgumentException(where + ": expected an absolute file path, found \""
                + Redaction.printable(text.length() > 200 ? text.substring(0, 200) + "..." : text) + "\"");
    }
}
