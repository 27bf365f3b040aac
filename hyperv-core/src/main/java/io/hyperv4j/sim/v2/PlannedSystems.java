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
public final class PlannedSystems implements SimProvider {
    static final String PLANNED = "Msvm_PlannedComputerSystem";
    static final String PLANNED_TYPE = "Microsoft:Hyper-V:System:Planned";
    static final String EXPORT_SETTINGS = "Msvm_VirtualSystemExportSettingData";
    private static final Set<String> CLASSES = V2.classSet(PLANNED, EXPORT_SETTINGS);

    /** A planned VM: its host and definition. */
    record Planned(String host, SystemDefinition definition, Instant imported) {}

    private final Map<String, Planned> planned = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    Planned find(String id) {
        return id == null ? null : planned.get(id);
    }

    void add(Txn txn, SimHost host, SystemDefinition def) {
        txn.touch(host);
        planned.put(def.id(), new Planned(host.name(), def, txn.now()));
    }

    void remove(Txn txn, String id) {
        Planned p = planned.remove(id);
        if (p != null) txn.touch(txn.lab().host(p.host()));
    }

    static ObjectPath path(String host, String id) {
        return V2.path(host, PLANNED, "CreationClassName", PLANNED, "Name", id);
    }

    @Override
    public String namespace() {
        return V2.NAMESPACE;
    }

    @Override
    public Set<String> classNames() {
        return CLASSES;
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
        return List.of();
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
            } else if (cls.equalsIgnoreCase(V2.PROCESSOR_SD)) {
                out.add(resource(V2.processor(host, d.id()), "Processor", 3, "Microsoft:Hyper-V:Processor", d.processors()));
            } else if (cls.equalsIgnoreCase(V2.MEMORY_SD)) {
                out.add(resource(V2.memory(host, d.id()), "Memory", 4, "Microsoft:Hyper-V:Memory", d.memoryMb()));
            }
        });
        return out;
    }

    private static CimInstance resource(ObjectPath path, String name, int type, String subType, long quantity) {
        return V2Renderer.start(path).put("ElementName", V2Renderer.str(name)).put("ResourceType", CimValue.uint16(type))
                .put("ResourceSubType", V2Renderer.str(subType)).put("VirtualQuantity", CimValue.uint64(quantity)).build();
    }

    @Override
    public void save(Lab lab, ObjectNode into) {
        if (planned.isEmpty()) return;
        ObjectNode all = into.putObject("planned");
        planned.forEach((id, p) -> all.putObject(id).put("host", p.host()).put("imported", p.imported().toString())
                .put("definition", p.definition().toJson()));
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
            planned.put(id, new Planned(host, def, p.instant("imported")));
        });
    }
}
