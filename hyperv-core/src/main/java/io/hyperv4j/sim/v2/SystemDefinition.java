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
 */
record SystemDefinition(String id, String name, String subType, String version, String notes, int processors, long memoryMb,
                        boolean dynamicMemory, boolean saved, List<SimController> controllers, List<Drive> drives,
                        Map<String, CimValue> settings) {
    static final String FORMAT = "hyperv4j-system-definition";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A drive and the file in it. */
    record Drive(String id, String diskId, String controllerId, int address, Path file) {}

    static SystemDefinition of(Lab lab, SimVm vm, VmStorage st, boolean withRuntimeState, UnaryOperator<Path> fileOf) {
        List<Drive> drives = new ArrayList<>();
        for (SimDrive d : st.drives())
            drives.add(new Drive(d.id(), d.diskId(), d.controllerId(), d.address(), d.current() == null ? null : fileOf.apply(d.current())));
        return new SystemDefinition(vm.id(), vm.name(), vm.subType(), vm.version(), vm.notes(), vm.processors(), vm.memoryMb(),
                vm.dynamicMemory(), withRuntimeState && vm.state() == PowerState.SAVED, st.controllers(), drives,
                SystemSettings.changed(lab, vm.id()));
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
                SystemSettings.changed(lab, vm.id()));
    }

    SystemDefinition withId(String newId) {
        return new SystemDefinition(newId, name, subType, version, notes, processors, memoryMb, dynamicMemory, saved, controllers, drives, settings);
    }

    String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT).put("id", id).put("name", name).put("subType", subType).put("version", version).put("notes", notes)
                .put("processors", processors).put("memoryMb", memoryMb).put("dynamicMemory", dynamicMemory).put("saved", saved);
        ArrayNode cs = o.putArray("controllers");
        for (SimController c : controllers) cs.addObject().put("id", c.id()).put("kind", c.kind().name()).put("index", c.index());
        SystemSettings.write(settings, o.putObject("settings"));
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
                j.has("settings") ? SystemSettings.read(j.object("settings")) : Map.of());
    }
}
