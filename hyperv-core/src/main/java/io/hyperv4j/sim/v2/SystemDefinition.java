package io.hyperv4j.sim.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.LabJson;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.v2.storage.ControllerKind;
import io.hyperv4j.sim.v2.storage.SimController;
import io.hyperv4j.sim.v2.storage.SimDrive;
import io.hyperv4j.sim.v2.storage.VmStorage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A VM's configuration as ExportSystemDefinition writes it and ImportSystemDefinition reads it: the
 * simulator's stand-in for Hyper-V's binary .vmcx (whose format Microsoft does not document), kept
 * as JSON and read against its own schema. It holds what DefineSystem and the resource settings
 * set, the controllers and disks, and whether the VM was saved (its runtime state, when exported).
 *
 * @param id            the VM's GUID
 * @param name          its name
 * @param subType       VirtualSystemSubType (generation)
 * @param version       its configuration version
 * @param notes         its notes
 * @param processors    virtual processors
 * @param memoryMb      memory in MB
 * @param dynamicMemory whether memory is dynamic
 * @param saved         whether the definition carries a saved state to restore
 * @param controllers   its disk controllers
 * @param drives        its disk drives with their files
 * @param settings      the Msvm_VirtualSystemSettingData values ModifySystemSettings changed (start and stop
 *                      actions, boot order, data roots ...), which travel with the VM
 * @param snapshot      when this is a checkpoint's definition an export with every checkpoint wrote (its
 *                      {@code Snapshots} folder): whose checkpoint it is and where it sat in the tree; else null
 */
record SystemDefinition(String id, String name, String subType, String version, String notes, int processors, long memoryMb,
                        boolean dynamicMemory, boolean saved, List<SimController> controllers, List<Drive> drives,
                        Map<String, CimValue> settings, Snapshot snapshot) {
    static final String FORMAT = "hyperv4j-system-definition";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What a checkpoint's definition says of the checkpoint, for ImportSnapshotDefinitions.
     *
     * @param vmId     the GUID of the VM it is a checkpoint of
     * @param name     its name
     * @param parentId its parent checkpoint's GUID, null at the root
     * @param created  when it was taken
     * @param kind     Standard or Production
     * @param current  whether the VM's state descended from it when exported (Msvm_MostCurrentSnapshotInBranch)
     */
    record Snapshot(String vmId, String name, String parentId, java.time.Instant created, String kind, boolean current) {}

    /** A drive and the file in it. */
    record Drive(String id, String diskId, String controllerId, int address, Path file) {}

    static SystemDefinition of(Lab lab, SimVm vm, VmStorage st, boolean withRuntimeState, UnaryOperator<Path> fileOf) {
        List<Drive> drives = new ArrayList<>();
        for (SimDrive d : st.drives())
            drives.add(new Drive(d.id(), d.diskId(), d.controllerId(), d.address(), d.current() == null ? null : fileOf.apply(d.current())));
        return new SystemDefinition(vm.id(), vm.name(), vm.subType(), vm.version(), vm.notes(), vm.processors(), vm.memoryMb(),
                vm.dynamicMemory(), withRuntimeState && vm.state() == PowerState.SAVED, st.controllers(), drives,
                SystemSettings.changed(lab, vm.id()), null);
    }

    /**
     * The configuration {@code cp} kept (its processors, memory, drives and frozen files), under {@code id};
     * the checkpoint keeps no system settings of its own here, so the VM's changed ones travel with it.
     */
    static SystemDefinition ofCheckpoint(Lab lab, SimVm vm, VmStorage st, io.hyperv4j.sim.v2.storage.SimCheckpoint cp, String id,
            boolean withRuntimeState, UnaryOperator<Path> fileOf) {
        List<Drive> drives = new ArrayList<>();
        cp.drives().forEach((driveId, f) -> drives.add(new Drive(driveId, f.diskId(), f.controllerId(), f.address(),
                f.file() == null ? null : fileOf.apply(f.file()))));
        return new SystemDefinition(id, vm.name(), vm.subType(), vm.version(), vm.notes(), cp.processors(), cp.memoryMb(),
                vm.dynamicMemory(), withRuntimeState && cp.savedState(), st.controllers(), drives,
                SystemSettings.changed(lab, vm.id()), null);
    }

    /** This checkpoint definition marked as {@code vm}'s checkpoint {@code cp} (an export with every checkpoint). */
    SystemDefinition asSnapshotOf(SimVm vm, io.hyperv4j.sim.v2.storage.SimCheckpoint cp, boolean current) {
        return new SystemDefinition(id, name, subType, version, notes, processors, memoryMb, dynamicMemory, saved, controllers, drives, settings,
                new Snapshot(vm.id(), cp.name(), cp.parentId(), cp.created(), cp.kind(), current));
    }

    SystemDefinition withId(String newId) {
        return new SystemDefinition(newId, name, subType, version, notes, processors, memoryMb, dynamicMemory, saved, controllers, drives, settings, snapshot);
    }

    /** This checkpoint definition with its own and its parent's GUIDs replaced as {@code rename} says. */
    SystemDefinition renamed(java.util.function.UnaryOperator<String> rename) {
        if (snapshot == null) return this;
        String parent = snapshot.parentId() == null ? null : rename.apply(snapshot.parentId());
        return new SystemDefinition(rename.apply(id), name, subType, version, notes, processors, memoryMb, dynamicMemory, saved, controllers, drives,
                settings, new Snapshot(snapshot.vmId(), snapshot.name(), parent, snapshot.created(), snapshot.kind(), snapshot.current()));
    }

    String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT).put("id", id).put("name", name).put("subType", subType).put("version", version).put("notes", notes)
                .put("processors", processors).put("memoryMb", memoryMb).put("dynamicMemory", dynamicMemory).put("saved", saved);
        ArrayNode cs = o.putArray("controllers");
        for (SimController c : controllers) cs.addObject().put("id", c.id()).put("kind", c.kind().name()).put("index", c.index());
        SystemSettings.write(settings, o.putObject("settings"));
        if (snapshot != null) {
            ObjectNode n = o.putObject("snapshot").put("vmId", snapshot.vmId()).put("name", snapshot.name()).put("parentId", snapshot.parentId())
                    .put("created", snapshot.created().toString()).put("kind", snapshot.kind()).put("current", snapshot.current());
            if (snapshot.parentId() == null) n.remove("parentId");
        }
        ArrayNode ds = o.putArray("drives");
        for (Drive d : drives) {
            ObjectNode n = ds.addObject().put("id", d.id()).put("diskId", d.diskId()).put("controllerId", d.controllerId()).put("address", d.address());
            if (d.file() != null) n.put("file", d.file().toString());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a definition; a file that is not one is refused naming the field. */
    static SystemDefinition parse(String text, String where) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(where + " is not a system definition the simulated host wrote: " + e.getMessage());
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException(where + " is not a system definition the simulated host wrote");
        LabJson j = LabJson.root(root);
        if (!FORMAT.equals(j.string("format", ""))) throw new IllegalArgumentException(where + " is not a system definition the simulated host wrote");
        List<SimController> cs = new ArrayList<>();
        for (LabJson c : j.objects("controllers"))
            cs.add(new SimController(c.string("id"), c.constant("kind", ControllerKind.class), (int) c.integer("index", 0, 1024)));
        List<Drive> ds = new ArrayList<>();
        for (LabJson d : j.objects("drives")) {
            String file = d.string("file", null);
            ds.add(new Drive(d.string("id"), d.string("diskId"), d.string("controllerId"), (int) d.integer("address", 0, 63),
                    file == null ? null : Path.of(file)));
        }
        return new SystemDefinition(j.string("id", LabJson.GUID, "VM id"), j.string("name"), j.string("subType"), j.string("version"),
                j.string("notes", ""), (int) j.integer("processors", 1, ManagementService.MAX_PROCESSORS), j.integer("memoryMb", ManagementService.MIN_MEMORY_MB, 1L << 40),
                j.bool("dynamicMemory", false), j.bool("saved", false), cs, ds,
                j.has("settings") ? SystemSettings.read(j.object("settings")) : Map.of(), j.has("snapshot") ? snapshot(j.object("snapshot")) : null);
    }

    private static Snapshot snapshot(LabJson s) {
        return new Snapshot(s.string("vmId", LabJson.GUID, "VM id"), s.string("name"), s.has("parentId") ? s.string("parentId", LabJson.GUID, "checkpoint id") : null,
                s.instant("created"), s.string("kind"), s.bool("current", false));
    }
}
