package io.hyperv4j.sim.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.LabJson;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.v2.storage.StorageModel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.regex.Pattern;

/**
 * What a checkpoint keeps of its VM's configuration beyond processors, memory and disks: the system
 * settings ModifySystemSettings changed (boot order, BootSourceOrder, firmware, ...) and the ISO in
 * the DVD drive. A checkpoint's Msvm_VirtualSystemSettingData shows the captured settings, and
 * ApplySnapshot puts them and the media back, as Hyper-V restores a checkpoint's whole configuration.
 * Kept per checkpoint id, saved with the lab.
 */
final class CheckpointSettings {
    /** One checkpoint's capture. */
    record Captured(Map<String, CimValue> settings, Path dvdMedia) {
    }

    private static final Pattern GUID = Pattern.compile("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");
    private static final Map<Lab, Map<String, Captured>> BY_LAB = new WeakHashMap<>();

    private CheckpointSettings() {}

    /** Captures the VM's settings and media for the new checkpoint {@code checkpointId}. Called with the lab lock held. */
    static void capture(Lab lab, SimVm vm, String checkpointId) {
        Captured c = new Captured(Map.copyOf(SystemSettings.changed(lab, vm.id())), DvdDrives.media(lab, vm));
        synchronized (BY_LAB) {
            BY_LAB.computeIfAbsent(lab, l -> new LinkedHashMap<>()).put(key(checkpointId), c);
        }
    }

    /** Puts the checkpoint's settings and media back on its VM (ApplySnapshot). Called with the lab lock held. */
    static void restore(Lab lab, SimVm vm, String checkpointId) {
        Captured c = captured(lab, checkpointId);
        if (c == null) return; // a checkpoint from before captures were kept: its configuration is the VM's
        SystemSettings.replace(lab, vm, c.settings());
        DvdDrives.eject(lab, vm);
        if (c.dvdMedia() != null) DvdDrives.insert(lab, vm, c.dvdMedia());
    }

    /** The checkpoint's settings instance with what it captured. */
    static CimInstance overlay(Lab lab, String checkpointId, CimInstance rendered) {
        Captured c = captured(lab, checkpointId);
        if (c == null || c.settings().isEmpty()) return rendered;
        CimInstance.Builder b = rendered.toBuilder();
        c.settings().forEach(b::put);
        return b.build();
    }

    static Captured captured(Lab lab, String checkpointId) {
        synchronized (BY_LAB) {
            Map<String, Captured> m = BY_LAB.get(lab);
            return m == null ? null : m.get(key(checkpointId));
        }
    }

    /** Writes {@code {"checkpointSettings": {CHECKPOINT: {"settings": {...}, "dvdMedia": path}}}} for checkpoints that still exist. */
    static void save(Lab lab, ObjectNode into) {
        Map<String, Captured> all;
        synchronized (BY_LAB) {
            all = new LinkedHashMap<>(BY_LAB.getOrDefault(lab, Map.of()));
        }
        all.keySet().removeIf(id -> StorageModel.of(lab).owning(id) == null);
        if (all.isEmpty()) return;
        ObjectNode out = into.putObject("checkpointSettings");
        all.forEach((id, c) -> {
            ObjectNode n = out.putObject(id);
            SystemSettings.write(c.settings(), n.putObject("settings"));
            if (c.dvdMedia() != null) n.put("dvdMedia", c.dvdMedia().toString());
        });
    }

    /** Reads what {@link #save} wrote; a malformed id, setting or path is refused with its JSON path. */
    static void load(Lab lab, LabJson from) {
        if (!from.has("checkpointSettings")) return;
        Map<String, Captured> all = new LinkedHashMap<>();
        for (Map.Entry<String, LabJson> e : from.object("checkpointSettings").fields().entrySet()) {
            if (!GUID.matcher(e.getKey()).matches()) throw from.invalid("checkpointSettings", "expected checkpoint GUIDs, found " + e.getKey());
            LabJson n = e.getValue();
            Path media = null;
            if (n.has("dvdMedia")) {
                media = Path.of(n.string("dvdMedia"));
                if (!media.isAbsolute()) throw n.invalid("dvdMedia", "expected an absolute path");
            }
            all.put(key(e.getKey()), new Captured(n.has("settings") ? SystemSettings.read(n.object("settings")) : Map.of(), media));
        }
        synchronized (BY_LAB) {
            BY_LAB.put(lab, all);
        }
    }

    private static String key(String checkpointId) {
        return checkpointId.toUpperCase(java.util.Locale.ROOT);
    }
}
