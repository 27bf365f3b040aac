package io.hyperv4j.sim.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.LabJson;
import io.hyperv4j.sim.SimHost;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Each host's Msvm_VirtualSystemManagementServiceSettingData (InstanceID {@code Microsoft:<host>}),
 * with the class page's defaults, changed through ModifyServiceSettings (the page: its properties
 * "cannot be modified directly"). Applied: NumaSpanningEnabled (a VM that does not fit one node's
 * free memory then fails to start), PrimaryOwnerName (at most 64 characters), PrimaryOwnerContact
 * (256), BiosLockString (exactly 32), the default data and disk paths, EnhancedSessionModeEnabled,
 * HbaLunTimeout. The MAC and WWN ranges, caching mode and root scheduler are not modelled: a change
 * to them is refused (32770) rather than ignored. Saved with the lab.
 */
final class ServiceSettings {
    static final String CLASS = "Msvm_VirtualSystemManagementServiceSettingData";
    private static final Set<String> WRITABLE = Set.of("NumaSpanningEnabled", "PrimaryOwnerName", "PrimaryOwnerContact", "BiosLockString",
            "DefaultExternalDataRoot", "DefaultVirtualHardDiskPath", "EnhancedSessionModeEnabled", "HbaLunTimeout");
    private static final Set<String> READ_ONLY = Set.of("InstanceID", "Caption", "Description", "ElementName");
    private static final PropertyStore STORE = new PropertyStore();

    private ServiceSettings() {}

    static io.hyperv4j.cim.ObjectPath path(String host) {
        return V2.path(host, CLASS, "InstanceID", "Microsoft:" + host);
    }

    /** The host's settings as served. */
    static CimInstance of(Lab lab, SimHost h) {
        CimInstance.Builder b = CimInstance.builder(CLASS).path(path(h.name()));
        b.put("InstanceID", CimValue.string("Microsoft:" + h.name()));
        b.put("Caption", CimValue.string("Hyper-V Virtual System Management Service"));
        b.put("Description", CimValue.string("Settings for the Virtual System Management Service"));
        b.put("ElementName", CimValue.string("Hyper-V Virtual System Management Service"));
        b.put("DefaultExternalDataRoot", CimValue.string("C:\\ProgramData\\Microsoft\\Windows\\Virtualization"));
        b.put("DefaultVirtualHardDiskPath", CimValue.string("C:\\Users\\Public\\Documents\\Virtual Hard Disks"));
        String pool = String.format(Locale.ROOT, "%s%04X", NetworkModel.HYPER_V_OUI, h.name().toUpperCase(Locale.ROOT).hashCode() & 0xFFFF);
        b.put("MinimumMacAddress", CimValue.string(pool + "00"));
        b.put("MaximumMacAddress", CimValue.string(pool + "FF"));
        b.put("NumaSpanningEnabled", CimValue.bool(true));
        b.put("PrimaryOwnerContact", CimValue.string(""));
        b.put("PrimaryOwnerName", CimValue.string("Administrators"));
        b.put("EnhancedSessionModeEnabled", CimValue.bool(false));
        b.put("HypervisorRootSchedulerEnabled", CimValue.bool(false));
        changed(lab, h.name()).forEach(b::put);
        return b.build();
    }

    /** Whether a VM's memory may span NUMA nodes on this host. */
    static boolean numaSpanning(Lab lab, SimHost h) {
        CimValue v = changed(lab, h.name()).get("NumaSpanningEnabled");
        return v == null || v.asBoolean();
    }

    /** Why {@code sent} cannot be applied to the host's settings, or null; {@code code} gets the return code. */
    static String problem(Lab lab, SimHost h, CimInstance sent, int[] code) {
        code[0] = 32773; // Invalid parameter
        if (sent == null || !sent.className().equalsIgnoreCase(CLASS)) return "SettingData must be an embedded " + CLASS;
        CimInstance now = of(lab, h);
        for (String name : sent.properties().keySet()) {
            CimValue v = sent.get(name);
            if (READ_ONLY.contains(name) || v == null || v.isNull() || v.equals(now.get(name))) continue;
            if (!WRITABLE.contains(name)) {
                code[0] = 32770; // Not supported
                return name + " is not modelled by the simulated host and cannot be changed";
            }
            String why = switch (name) {
                case "PrimaryOwnerName" -> v.asString().length() > 64 ? "PrimaryOwnerName may not exceed 64 characters" : null;
                case "PrimaryOwnerContact" -> v.asString().length() > 256 ? "PrimaryOwnerContact may not exceed 256 characters" : null;
                case "BiosLockString" -> v.asString().length() != 32 ? "BiosLockString must be exactly 32 characters, not " + v.asString().length() : null;
                case "DefaultExternalDataRoot", "DefaultVirtualHardDiskPath" -> v.asString().isBlank() ? name + " may not be empty" : null;
                default -> null;
            };
            if (why != null) return why;
        }
        return null;
    }

    /** Applies a change {@link #problem} passed: every writable property that differs. */
    static void apply(Lab lab, SimHost h, CimInstance sent) {
        CimInstance now = of(lab, h);
        Map<String, CimValue> put = new LinkedHashMap<>();
        for (String name : WRITABLE) {
            CimValue v = sent.get(name);
            if (v != null && !v.isNull() && !v.equals(now.get(name))) put.put(name, v);
        }
        STORE.putAll(lab, h.name(), put);
    }

    private static Map<String, CimValue> changed(Lab lab, String host) {
        return STORE.get(lab, host);
    }

    /** Writes {@code {"serviceSettings": {HOST: {Property: text}}}}. */
    static void save(Lab lab, ObjectNode into) {
        Map<String, Map<String, CimValue>> all = STORE.all(lab);
        if (all.isEmpty()) return;
        ObjectNode out = into.putObject("serviceSettings");
        all.forEach((host, props) -> SystemSettings.write(props, out.putObject(host)));
    }

    /** Reads what {@link #save} wrote; an unknown host or property, or a value of the wrong type, is refused with its path. */
    static void load(Lab lab, LabJson from) {
        if (!from.has("serviceSettings")) return;
        Map<String, Map<String, CimValue>> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, LabJson> e : from.object("serviceSettings").fields().entrySet()) {
            if (lab.host(e.getKey()) == null) throw from.invalid("serviceSettings", "no host " + e.getKey() + " in the lab");
            all.put(e.getKey(), SystemSettings.read(e.getValue(), CLASS, WRITABLE::contains));
        }
        STORE.load(lab, all);
    }
}
