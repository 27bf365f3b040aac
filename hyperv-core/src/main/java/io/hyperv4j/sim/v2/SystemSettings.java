package io.hyperv4j.sim.v2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.schema.CimPropertyDef;
import io.hyperv4j.cim.schema.CimSchema;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.LabJson;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.v2.ResourceExtension.Check;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Msvm_VirtualSystemSettingData properties DefineSystem and ModifySystemSettings apply, beyond
 * the name, notes and checkpoint type the model keeps itself: every property the class page marks
 * Read/write, plus the inherited CIM ones that Set-VM changes through ModifySystemSettings
 * (automatic start and stop actions, start delay and order, the checkpoint and smart-paging data
 * roots). Read-only properties in the sent instance are ignored, as Windows ignores them; a null
 * value means "unchanged". Values outside the documented value map or range, or not valid for the
 * VM's generation, are refused (4 Invalid Parameter); changes the Hyper-V UI greys out while a VM
 * runs (firmware, NUMA, MMIO gaps, stop action, data roots) are refused unless the VM is off (5
 * Invalid State). Only values that differ from the current ones count as changes, so a client may
 * send back the whole instance it read. Kept per VM as the values that differ from the rendered
 * defaults, saved with the lab.
 */
final class SystemSettings {
    private static final CimSchema SCHEMA = CimSchema.forNamespace(V2.NAMESPACE);
    private static final Pattern GUID = Pattern.compile("\\{?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}}?");
    /** A drive-letter path or a UNC share, as Hyper-V accepts for data roots. */
    private static final Pattern WINDOWS_PATH = Pattern.compile("([A-Za-z]:\\\\|\\\\\\\\[^\\\\/:*?\"<>|]+\\\\[^\\\\/:*?\"<>|]+)[^/:*?\"<>|]*");
    /** LowMmioGapSize: "Range: 128 3584" (MB). */
    private static final long MIN_LOW_MMIO = 128, MAX_LOW_MMIO = 3584;

    /** What a value must satisfy, besides its type and value map; null when acceptable. */
    private interface Rule {
        String problem(SimVm vm, boolean gen2, CimValue value);
    }

    private record Writable(boolean offOnly, Rule rule) {
    }

    private static final Rule ANY = (vm, gen2, v) -> null;
    private static final Map<String, Writable> WRITABLE = writable();

    private static Map<String, Writable> writable() {
        Map<String, Writable> m = new LinkedHashMap<>();
        // changeable while the VM runs
        for (String p : List.of("AutomaticStartupAction", "AutomaticStartupActionSequenceNumber", "AutomaticCriticalErrorAction",
                "AutomaticSnapshotsEnabled", "IncrementalBackupEnabled", "LockOnDisconnect", "EnhancedSessionTransportType",
                "AllowReducedFcRedundancy", "NetworkBootPreferredProtocol", "ConsoleMode", "PauseAfterBootFailure"))
            m.put(p, new Writable(false, ANY));
        // one Writable per check, shared: a second identical method reference is not in the class-data archive
        Writable interval = new Writable(false, SystemSettings::interval);
        m.put("AutomaticStartupActionDelay", interval);
        m.put("AutomaticCriticalErrorActionTimeout", interval);
        m.put("BootOrder", new Writable(false, SystemSettings::bootOrder));
        m.put("BootSourceOrder", new Writable(false, SystemSettings::bootSourceOrder));
        // changeable only while the VM is off
        for (String p : List.of("AutomaticShutdownAction", "VirtualNumaEnabled", "HighMmioGapSize", "BIOSSerialNumber",
                "BaseBoardSerialNumber", "ChassisSerialNumber", "ChassisAssetTag", "BIOSNumLock", "AllowFullSCSICommandSet",
                "GuestControlledCacheTypes", "DebugPortEnabled", "DebugPort", "DebugChannelId"))
            m.put(p, new Writable(true, ANY));
        m.put("LowMmioGapSize", new Writable(true, (vm, gen2, v) -> v.asLong() < MIN_LOW_MMIO || v.asLong() > MAX_LOW_MMIO
                ? "LowMmioGapSize is " + MIN_LOW_MMIO + " to " + MAX_LOW_MMIO + " MB, not " + v.asLong() : null));
        m.put("SecureBootEnabled", new Writable(true, (vm, gen2, v) -> v.asBoolean() && !gen2
                ? "secure boot can only be enabled for generation 2 VMs" : null));
        m.put("SecureBootTemplateId", new Writable(true, (vm, gen2, v) -> !gen2 ? "a generation 1 VM has no secure boot template"
                : guid("SecureBootTemplateId", v)));
        m.put("BIOSGUID", new Writable(true, (vm, gen2, v) -> guid("BIOSGUID", v)));
        Writable path = new Writable(true, SystemSettings::path);
        m.put("SnapshotDataRoot", path);
        m.put("SwapFileDataRoot", path);
        return m;
    }

    private static final PropertyStore STORE = new PropertyStore();

    private SystemSettings() {}

    /** The changes a request makes, or why it is refused. */
    record Plan(Check check, Map<String, CimValue> changes) {
        static Plan refused(int code, String why) {
            return new Plan(new Check(code, why), Map.of());
        }
    }

    /**
     * What applying {@code sent} would change. {@code current} is the VM's rendered settings (null
     * for a VM DefineSystem is about to create, which takes every writable value sent).
     */
    static Plan plan(Lab lab, SimVm vm, String subType, CimInstance sent, CimInstance current) {
        boolean gen2 = SimVm.SUBTYPE_GEN2.equals(subType);
        CimInstance typed = SCHEMA.coerceInstance(sent);
        Map<String, CimValue> changes = new LinkedHashMap<>();
        for (Map.Entry<String, Writable> e : WRITABLE.entrySet()) {
            String name = e.getKey();
            CimValue v = typed.get(name);
            if (v == null || v.isNull()) continue;
            if (current != null && v.equals(current.get(name))) continue;
            String problem = valueMapProblem(name, v);
            if (problem == null) problem = e.getValue().rule().problem(vm, gen2, v);
            if (problem != null) return Plan.refused(ManagementService.INVALID_PARAMETER, problem);
            if (current != null && e.getValue().offOnly() && (vm.state() != PowerState.OFF || vm.isBusy()))
                return Plan.refused(ManagementService.INVALID_STATE, name + " can be changed only while " + vm.name() + " is off");
            changes.put(name, v);
        }
        CimValue sources = changes.get("BootSourceOrder");
        if (sources != null && gen2 && !sources.asList().isEmpty()) { // the references must name the VM's own boot sources; a VM being defined has none yet
            String problem = vm == null ? "a VM being defined has no boot sources yet, so BootSourceOrder must be empty"
                    : BootSources.problem(lab, vm, sources.asList());
            if (problem != null) return Plan.refused(ManagementService.INVALID_PARAMETER, problem);
        }
        return new Plan(Check.OK, changes);
    }

    private static String valueMapProblem(String name, CimValue v) {
        CimPropertyDef p = SCHEMA.requireProperty(V2.VSSD, name);
        if (p.valueMap().isEmpty()) return null;
        for (Object o : v.array() ? v.asList() : List.of(v.value())) {
            long x = ((Number) o).longValue();
            if (!p.valueMap().values().containsKey(x))
                return name + " " + x + " is not one of the documented values " + p.valueMap().values();
        }
        return null;
    }

    private static String interval(SimVm vm, boolean gen2, CimValue v) {
        return v.asDateTime().isInterval() ? null : "expected an interval (ddddddddhhmmss.mmmmmm:000), not the timestamp " + v.asDateTime();
    }

    private static String guid(String name, CimValue v) {
        return GUID.matcher(v.asString()).matches() ? null : name + " '" + v.asString() + "' is not a GUID";
    }

    private static String path(SimVm vm, boolean gen2, CimValue v) {
        return WINDOWS_PATH.matcher(v.asString()).matches() ? null
                : "'" + v.asString() + "' is not an absolute Windows path (C:\\... or \\\\server\\share\\...)";
    }

    /** Generation 1: four different devices, as the page requires ("each of the 4 values ... must not be the same"). */
    private static String bootOrder(SimVm vm, boolean gen2, CimValue v) {
        List<Object> l = v.asList();
        if (gen2) return l.isEmpty() ? null : "a generation 2 VM boots in BootSourceOrder, not BootOrder";
        if (l.size() != 4 || new HashSet<>(l).size() != 4) return "BootOrder needs 4 different devices, not " + l;
        return null;
    }

    /** Generation 1 has no boot sources; generation 2's references are checked against the VM's sources in {@link #plan}. */
    private static String bootSourceOrder(SimVm vm, boolean gen2, CimValue v) {
        return gen2 || v.asList().isEmpty() ? null : "a generation 1 VM boots in BootOrder, not BootSourceOrder";
    }

    /** Applies a plan that passed. Called with the lab lock held. */
    static void apply(Lab lab, SimVm vm, Map<String, CimValue> changes) {
        if (changes.isEmpty()) return;
        STORE.putAll(lab, vm.id(), changes);
        if (changes.containsKey(VIRTUAL_NUMA)) mirror(vm, changes);
    }

    private static final String VIRTUAL_NUMA = "VirtualNumaEnabled";

    /** VirtualNumaEnabled (absent: the default, true) decides the VM's virtual NUMA nodes, rendered per VM by {@link VmResources}. */
    private static void mirror(SimVm vm, Map<String, CimValue> settings) {
        CimValue v = settings.get(VIRTUAL_NUMA);
        VmResources.virtualNuma(vm, v == null || v.isNull() || v.asBoolean());
    }

    /** Sets the VM's changed settings to exactly {@code settings} (a checkpoint's, on ApplySnapshot). Called with the lab lock held. */
    static void replace(Lab lab, SimVm vm, Map<String, CimValue> settings) {
        STORE.replace(lab, vm.id(), settings);
        mirror(vm, settings);
    }

    /** The VM's rendered settings with what was changed. */
    static CimInstance overlay(Lab lab, SimVm vm, CimInstance rendered) {
        Map<String, CimValue> set = values(lab, vm.id());
        if (set.isEmpty()) return rendered;
        CimInstance.Builder b = rendered.toBuilder();
        set.forEach(b::put);
        return b.build();
    }

    private static Map<String, CimValue> values(Lab lab, String vmId) {
        return STORE.get(lab, vmId);
    }

    /** The VM is gone: its settings go with it. */
    static void forget(Lab lab, String vmId) {
        STORE.remove(lab, vmId);
    }

    /** Writes {@code {"vms": {VMID: {Property: text or [text]}}}}. */
    static void save(Lab lab, ObjectNode into) {
        Map<String, Map<String, CimValue>> all = STORE.all(lab);
        all.keySet().removeIf(id -> lab.vm(id) == null);
        if (all.isEmpty()) return;
        ObjectNode vms = into.putObject("vms");
        all.forEach((id, props) -> write(props, vms.putObject(id)));
    }

    /** The settings a VM has changed, to carry in its exported definition. */
    static Map<String, CimValue> changed(Lab lab, String vmId) {
        return values(lab, vmId);
    }

    /** Writes settings as {@code {Property: text or [text]}}. */
    static void write(Map<String, CimValue> props, ObjectNode n) {
        props.forEach((name, v) -> {
            if (v.array()) {
                ArrayNode a = n.putArray(name);
                v.asList().forEach(e -> a.add(CimValue.elementText(v.type(), e)));
            } else {
                n.put(name, CimValue.elementText(v.type(), v.value()));
            }
        });
    }

    /** Reads what {@link #write} wrote; a property that is not writable or a value of the wrong type is refused with its path. */
    static Map<String, CimValue> read(LabJson n) {
        return read(n, V2.VSSD, WRITABLE::containsKey);
    }

    /** Reads {@code {Property: text or [text]}} of {@code className}; a property {@code writable} refuses or a value of the wrong type is refused with its path. */
    static Map<String, CimValue> read(LabJson n, String className, java.util.function.Predicate<String> writable) {
        Map<String, CimValue> props = new LinkedHashMap<>();
        for (String name : n.fields().keySet()) {
            if (!writable.test(name)) throw n.invalid(name, "not a writable " + className + " property");
            CimPropertyDef p = SCHEMA.requireProperty(className, name);
            try {
                props.put(name, p.array() ? CimValue.array(p.type(), n.stringArray(name).stream()
                        .map(t -> CimValue.parseElement(p.type(), t)).toList()) : CimValue.parse(p.type(), n.string(name)));
            } catch (RuntimeException e) {
                throw n.invalid(name, e.getMessage());
            }
        }
        return props;
    }

    /** Reads what {@link #save} wrote; a VM the lab lacks, a property that is not writable or a value of the wrong type is refused with its path. */
    static void load(Lab lab, LabJson from) {
        if (!from.has("vms")) return;
        Map<String, Map<String, CimValue>> all = new LinkedHashMap<>();
        for (Map.Entry<String, LabJson> vm : from.object("vms").fields().entrySet()) {
            if (lab.vm(vm.getKey()) == null) throw from.invalid("vms", "no VM " + vm.getKey() + " in the lab");
            all.put(vm.getKey(), read(vm.getValue()));
        }
        STORE.load(lab, all);
        all.forEach((id, settings) -> mirror(lab.vm(id), settings));
    }

    /** The writable properties, for tests and documentation. */
    static Set<String> writableNames() {
        return WRITABLE.keySet();
    }

    static boolean offOnly(String name) {
        return Objects.requireNonNull(WRITABLE.get(name), name).offOnly();
    }
}
