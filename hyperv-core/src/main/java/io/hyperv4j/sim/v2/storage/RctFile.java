package io.hyperv4j.sim.v2.storage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.sim.LabJson;
import io.hyperv4j.vhd.ByteRange;
import io.hyperv4j.vhd.ChangedRanges;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Saves and loads one VM's {@link RctJournal} inside its storage section of the lab file. */
final class RctFile {
    private static final Pattern RCT_ID = Pattern.compile("rctX:" + LabJson.GUID.pattern() + ":[0-9]{1,9}");
    private static final long MAX_BYTES = 1L << 50;

    private RctFile() {}

    static void save(RctJournal j, ObjectNode into) {
        ArrayNode ds = into.putArray("drives");
        j.logs().forEach((driveId, log) -> {
            ObjectNode d = ds.addObject().put("drive", driveId).put("guid", log.guid).put("series", log.series);
            ArrayNode epochs = d.putArray("epochs");
            for (ChangedRanges e : log.epochs) {
                ArrayNode rs = epochs.addObject().putArray("ranges");
                for (ByteRange r : e.ranges(Long.MAX_VALUE)) rs.addObject().put("offset", r.offset()).put("length", r.length());
            }
        });
        ArrayNode fs = into.putArray("frozen");
        j.frozen().forEach((file, id) -> fs.addObject().put("file", file.toString()).put("id", id));
        ArrayNode ms = into.putArray("recovery");
        j.recoveryMarks().values().forEach(m -> ids(ms.addObject().put("checkpoint", m.checkpointId())
                .put("consistencyLevel", m.consistencyLevel()), m.rctIds()));
        ArrayNode rps = into.putArray("referencePoints");
        for (RctJournal.SimReferencePoint rp : j.referencePoints()) {
            Map<String, String> byDrive = new LinkedHashMap<>();
            for (int i = 0; i < rp.driveIds().size(); i++) byDrive.put(rp.driveIds().get(i), rp.rctIds().get(i));
            ids(rps.addObject().put("id", rp.id()).put("consistencyLevel", rp.consistencyLevel()).put("created", rp.created().toString()), byDrive);
        }
    }

    private static void ids(ObjectNode n, Map<String, String> byDrive) {
        ArrayNode a = n.putArray("drives");
        byDrive.forEach((d, id) -> a.addObject().put("drive", d).put("id", id));
    }

    /** Loads what {@link #save} wrote; drives and checkpoints must be those of {@code st}, ids of the simulator's form. */
    static void load(VmStorage st, LabJson from) {
        RctJournal j = st.rct();
        for (LabJson d : from.objects("drives")) {
            String driveId = drive(st, d);
            RctJournal.DriveLog log = new RctJournal.DriveLog(d.string("guid", LabJson.GUID, "a GUID"));
            log.series = (int) d.integer("series", 0, Integer.MAX_VALUE);
            log.epochs.clear();
            for (LabJson e : d.objects("epochs")) {
                ChangedRanges r = new ChangedRanges();
                for (LabJson x : e.objects("ranges")) r.add(x.integer("offset", 0, MAX_BYTES), x.integer("length", 1, MAX_BYTES));
                log.epochs.add(r);
            }
            if (log.epochs.isEmpty()) throw d.invalid("epochs", "a drive's series has at least one epoch");
            j.logs().put(driveId, log);
        }
        for (LabJson f : from.objects("frozen")) {
            String file = f.string("file");
            Path p = Path.of(file);
            if (!p.isAbsolute()) throw f.invalid("file", "expected an absolute file path");
            j.frozen().put(p.normalize(), f.string("id", RCT_ID, "a change tracking id (rctX:GUID:n)"));
        }
        for (LabJson m : from.objects("recovery")) {
            String cp = m.string("checkpoint", LabJson.GUID, "a checkpoint id (GUID)");
            if (st.checkpoint(cp) == null) throw m.invalid("checkpoint", "no checkpoint " + cp + " in this VM's list");
            j.recovered(new RctJournal.RecoveryMark(cp, (int) m.integer("consistencyLevel", 0, 2), ids(st, m)));
        }
        for (LabJson rp : from.objects("referencePoints")) {
            Map<String, String> byDrive = ids(st, rp);
            j.add(new RctJournal.SimReferencePoint(rp.string("id", LabJson.GUID, "a reference point id (GUID)"),
                    (int) rp.integer("consistencyLevel", 0, 2), rp.instant("created"), new ArrayList<>(byDrive.keySet()),
                    List.copyOf(byDrive.values())));
        }
    }

    private static Map<String, String> ids(VmStorage st, LabJson n) {
        Map<String, String> out = new LinkedHashMap<>();
        for (LabJson d : n.objects("drives")) out.put(d.string("drive"), d.string("id", RCT_ID, "a change tracking id (rctX:GUID:n)"));
        return out;
    }

    private static String drive(VmStorage st, LabJson d) {
        String id = d.string("drive");
        if (id.isBlank() || id.length() > 200) throw d.invalid("drive", "expected a drive id");
        return id;
    }
}
