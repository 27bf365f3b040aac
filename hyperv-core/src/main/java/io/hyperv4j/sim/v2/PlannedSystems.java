package io.hyperv4j.sim.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.HostScope;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.LabJson;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimProvider;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The planned VMs an import leaves on a host (Msvm_PlannedComputerSystem) until RealizePlannedSystem
 * makes them real, saved with the lab; and the export settings a client fetches to send to
 * ExportSystemDefinition (Msvm_VirtualSystemExportSettingData, one per VM, its InstanceID the VM's
 * settings', as os-win's migrationutils finds it). Guarded by the lab lock.
 */
public final class PlannedSystems extends V2Provider {
    static final String PLANNED = "Msvm_PlannedComputerSystem";
    static final String PLANNED_TYPE = "Microsoft:Hyper-V:System:Planned";
    static final String EXPORT_SETTINGS = "Msvm_VirtualSystemExportSettingData";
    private static final Set<String> CLASSES = V2.classSet(PLANNED, EXPORT_SETTINGS);

    /**
     * A planned VM: its host, definition, when it was imported, the GUID its definition was exported
     * under (its checkpoints' definitions name that one) and the checkpoint definitions
     * ImportSnapshotDefinitions added, parents before children.
     */
    record Planned(String host, SystemDefinition definition, Instant imported, String sourceId, List<SystemDefinition> snapshots) {
        Planned withSnapshots(List<SystemDefinition> more) {
            List<SystemDefinition> all = new ArrayList<>(snapshots);
            all.addAll(more);
            return new Planned(host, definition, imported, sourceId, List.copyOf(all));
        }
    }

    private final Map<String, Planned> planned = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    Planned find(String id) {
        return id == null ? null : planned.get(id);
    }

    void add(Txn txn, SimHost host, SystemDefinition def) {
        add(txn, host, def, def.id());
    }

    void add(Txn txn, SimHost host, SystemDefinition def, String sourceId) {
        txn.touch(host);
        planned.put(def.id(), new Planned(host.name(), def, txn.now(), sourceId, List.of()));
    }

    /** Adds checkpoint definitions to a planned VM (ImportSnapshotDefinitions). */
    void addSnapshots(Txn txn, String id, List<SystemDefinition> snapshots) {
        Planned p = planned.get(id);
        txn.touch(txn.lab().host(p.host()));
        planned.put(id, p.withSnapshots(snapshots));
    }

    /** Whether {@code id} is a planned VM's or one of its imported checkpoints' GUID. */
    boolean holds(String id) {
        if (id == null) return false;
        if (planned.containsKey(id)) return true;
        for (Planned p : planned.values()) for (SystemDefinition s : p.snapshots()) if (s.id().equalsIgnoreCase(id)) return true;
        return false;
    }

    void remove(Txn txn, String id) {
        Planned p = planned.remove(id);
        if (p != null) txn.touch(txn.lab().host(p.host()));
    }

    static ObjectPath path(String host, String id) {
        return V2.path(host, PLANNED, "CreationClassName", PLANNED, "Name", id);
    }

    public PlannedSystems() {
        super(CLASSES);
    }

    @Override
    public List<CimInstance> instances(HostScope s, String className) {
        List<CimInstance> out = new ArrayList<>();
        if (className.equalsIgnoreCase(EXPORT_SETTINGS)) for (SimVm vm : s.host().vms()) out.add(exportSettings(s.host().name(), vm));
        if (!className.equalsIgnoreCase(PLANNED)) return out;
        planned.forEach((id, p) -> {
            if (p.host().equalsIgnoreCase(s.host().name())) out.add(render(p));
        });
        return out;
    }

    @Override
    public CimInstance instance(HostScope s, ObjectPath path) {
        return VirtualizationProvider.find(instances(s, path.className()), path);
    }

    @Override
    public List<CimInstance> referencesTo(HostScope s, ObjectPath path) {
        List<CimInstance> out = new ArrayList<>();
        for (String cls : List.of(StorageRenderer.MOST_CURRENT, StorageRenderer.PARENT_CHILD))
            for (CimInstance a : associations(s.host().name(), cls))
                for (CimValue v : a.properties().values())
                    if (v.value() instanceof ObjectPath ref && VirtualizationProvider.keysMatch(path, ref)) {
                        out.add(a);
                        break;
                    }
        return out;
    }

    /**
     * The planned VMs' imported checkpoints' associations: Msvm_ParentChildSettingData from parent to
     * child, and Msvm_MostCurrentSnapshotInBranch from the planned system (a CIM_ComputerSystem) to the
     * checkpoint its state descends from. Msvm_SnapshotOfVirtualSystem is a realized VM's (its
     * Antecedent is a Msvm_ComputerSystem): a planned VM's checkpoints are found by their
     * VirtualSystemIdentifier, the planned VM's GUID. Served by the owner of those classes.
     */
    List<CimInstance> associations(String host, String cls) {
        List<CimInstance> out = new ArrayList<>();
        planned.forEach((id, p) -> {
            if (!p.host().equalsIgnoreCase(host)) return;
            for (SystemDefinition d : p.snapshots()) {
                ObjectPath snapshot = StorageRenderer.snapshot(host, d.id());
                if (cls.equalsIgnoreCase(StorageRenderer.MOST_CURRENT) && d.snapshot().current())
                    out.add(StorageRenderer.assoc(StorageRenderer.MOST_CURRENT, "Antecedent", path(host, id), "Dependent", snapshot));
                String parent = d.snapshot().parentId();
                if (cls.equalsIgnoreCase(StorageRenderer.PARENT_CHILD) && parent != null)
                    out.add(StorageRenderer.assoc(StorageRenderer.PARENT_CHILD, "Antecedent", StorageRenderer.snapshot(host, parent), "Dependent", snapshot));
            }
        });
        return out;
    }

    @Override
    public MethodResult invoke(Txn txn, HostScope s, ObjectPath target, String method, Map<String, CimValue> in) {
        throw new CimException(CimError.NOT_SUPPORTED, "the simulator does not implement " + target.className() + "." + method);
    }

    @Override
    public List<CimInstance> render(Lab lab, Object entity, Instant now) {
        if (!(entity instanceof SimHost h)) return List.of();
        List<CimInstance> out = new ArrayList<>();
        planned.forEach((id, p) -> {
            if (p.host().equalsIgnoreCase(h.name())) out.add(render(p));
        });
        return out;
    }

    /**
     * A VM's export settings: what the simulated export does with them left as they are (Windows
     * documents no defaults): every checkpoint, no storage, no runtime state, no subdirectory. No
     * instance events: settings a client fetches to send, not state it watches.
     */
    private static CimInstance exportSettings(String host, SimVm vm) {
        String id = V2.settings(host, vm.id()).key("InstanceID").toString();
        CimInstance.Builder b = V2Renderer.start(V2.path(host, EXPORT_SETTINGS, "InstanceID", id));
        b.put("Caption", V2Renderer.str("Virtual System Export Setting Data"));
        b.put("ElementName", V2Renderer.str(vm.name()));
        for (String n : List.of("CopySnapshotConfiguration", "CaptureLiveState", "BackupIntent")) b.put(n, CimValue.uint8(0));
        for (String flag : List.of("CopyVmRuntimeInformation", "CopyVmStorage", "CreateVmExportSubdirectory", "ExportForLiveMigration",
                "DisableDifferentialOfIgnoredStorage"))
            b.put(flag, CimValue.bool(false));
        return b.build();
    }

    private static CimInstance render(Planned p) {
        SystemDefinition d = p.definition();
        ObjectPath path = path(p.host(), d.id());
        return CimInstance.builder(PLANNED).path(path)
                .put("CreationClassName", CimValue.string(PLANNED))
                .put("Name", CimValue.string(d.id()))
                .put("ElementName", CimValue.string(d.name()))
                .put("Caption", CimValue.string("Planned Virtual Machine"))
                .put("Description", CimValue.string("Microsoft Planned Virtual Machine"))
                .put("EnabledState", CimValue.uint16(3))
                .put("EnabledDefault", CimValue.uint16(3))
                .put("RequestedState", CimValue.uint16(12))
                .put("HealthState", CimValue.uint16(5))
                .put("OperationalStatus", V2Renderer.u16s(2))
                .put("NameFormat", CimValue.string("GUID"))
                .put("InstallDate", V2Renderer.dt(p.imported()))
                .put("TimeOfLastConfigurationChange", V2Renderer.dt(p.imported()))
                .build();
    }

    /**
     * A planned VM's settings of {@code cls} on {@code host}: its Msvm_VirtualSystemSettingData
     * (VirtualSystemType Planned), processor and memory settings, with what the definition holds
     * (the properties it does not hold stay null). Served by the owner of those classes.
     */
    List<CimInstance> settings(String host, String cls) {
        List<CimInstance> out = new ArrayList<>();
        planned.forEach((id, p) -> {
            if (!p.host().equalsIgnoreCase(host)) return;
            SystemDefinition d = p.definition();
            if (cls.equalsIgnoreCase(V2.VSSD)) {
                CimInstance.Builder b = V2Renderer.start(V2.settings(host, d.id()));
                b.put("Caption", V2Renderer.str("Virtual Machine Settings"));
                b.put("ElementName", V2Renderer.str(d.name()));
                b.put("VirtualSystemIdentifier", V2Renderer.str(d.id()));
                b.put("ConfigurationID", V2Renderer.str(d.id()));
                b.put("VirtualSystemType", V2Renderer.str(PLANNED_TYPE));
                b.put("VirtualSystemSubType", V2Renderer.str(d.subType()));
                b.put("Version", V2Renderer.str(d.version()));
                out.add(b.build());
                for (SystemDefinition c : p.snapshots()) out.add(snapshotSettings(host, d.id(), c));
            } else if (cls.equalsIgnoreCase(V2.PROCESSOR_SD)) {
                out.add(resource(V2.processor(host, d.id()), "Processor", 3, "Microsoft:Hyper-V:Processor", d.processors()));
            } else if (cls.equalsIgnoreCase(V2.MEMORY_SD)) {
                out.add(resource(V2.memory(host, d.id()), "Memory", 4, "Microsoft:Hyper-V:Memory", d.memoryMb()));
            }
        });
        return out;
    }

    /** An imported checkpoint's settings, as a VM's checkpoint shows them but of type Snapshot:Planned (a planned VM's). */
    private static CimInstance snapshotSettings(String host, String plannedId, SystemDefinition c) {
        SystemDefinition.Snapshot s = c.snapshot();
        CimInstance.Builder b = V2Renderer.start(StorageRenderer.snapshot(host, c.id()));
        b.put("Caption", V2Renderer.str("Virtual Machine Settings"));
        b.put("Description", V2Renderer.str("Snapshot settings for the virtual machine"));
        b.put("ElementName", V2Renderer.str(s.name()));
        b.put("VirtualSystemIdentifier", V2Renderer.str(plannedId));
        b.put("ConfigurationID", V2Renderer.str(c.id()));
        b.put("VirtualSystemType", V2Renderer.str(StorageRenderer.PLANNED_SNAPSHOT_TYPE));
        b.put("VirtualSystemSubType", V2Renderer.str(c.subType()));
        b.put("Version", V2Renderer.str(c.version()));
        b.put("CreationTime", V2Renderer.dt(s.created()));
        b.put("Parent", V2Renderer.str(s.parentId() == null ? null : StorageRenderer.snapshot(host, s.parentId()).toString()));
        b.put("IsSaved", CimValue.bool(c.saved()));
        b.put("UserSnapshotType", CimValue.uint16("Production".equals(s.kind()) ? 3 : 5));
        c.settings().forEach(b::put);
        return b.build();
    }

    private static CimInstance resource(ObjectPath path, String name, int type, String subType, long quantity) {
        return V2Renderer.start(path).put("ElementName", V2Renderer.str(name)).put("ResourceType", CimValue.uint16(type))
                .put("ResourceSubType", V2Renderer.str(subType)).put("VirtualQuantity", CimValue.uint64(quantity)).build();
    }

    @Override
    public void save(Lab lab, ObjectNode into) {
        if (planned.isEmpty()) return;
        ObjectNode all = into.putObject("planned");
        planned.forEach((id, p) -> {
            ObjectNode n = all.putObject(id).put("host", p.host()).put("imported", p.imported().toString()).put("sourceId", p.sourceId())
                    .put("definition", p.definition().toJson());
            if (!p.snapshots().isEmpty()) {
                ObjectNode snaps = n.putObject("snapshots");
                for (SystemDefinition d : p.snapshots()) snaps.put(d.id(), d.toJson());
            }
        });
    }

    @Override
    public void load(Lab lab, LabJson from) {
        planned.clear();
        if (!from.has("planned")) return;
        LabJson all = from.object("planned");
        all.fields().forEach((id, p) -> {
            SystemDefinition def = SystemDefinition.parse(p.string("definition"), p.path() + ".definition");
            if (!def.id().equalsIgnoreCase(id)) throw all.invalid(id, "holds the definition of " + def.id());
            String host = p.string("host", LabJson.HOST_NAME, "host name");
            if (lab.host(host) == null) throw p.invalid("host", "names no host of this lab: " + host);
            List<SystemDefinition> snaps = new ArrayList<>();
            p.strings("snapshots").forEach((cp, text) -> {
                SystemDefinition d = SystemDefinition.parse(text, p.path() + ".snapshots." + cp);
                if (d.snapshot() == null || !d.id().equalsIgnoreCase(cp)) throw p.invalid("snapshots", "holds no definition of checkpoint " + cp);
                snaps.add(d);
            });
            planned.put(id, new Planned(host, def, p.instant("imported"), p.has("sourceId") ? p.string("sourceId", LabJson.GUID, "VM id") : def.id(),
                    List.copyOf(snaps)));
        });
    }
}
