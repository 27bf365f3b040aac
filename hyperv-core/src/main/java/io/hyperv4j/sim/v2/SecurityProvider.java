package io.hyperv4j.sim.v2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.HostScope;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.LabJson;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimProvider;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Virtual machine security in root\virtualization\v2 as Enable-VMTPM, Set-VMKeyProtector and
 * Set-VMSecurity drive it: the host's Msvm_SecurityService and one Msvm_SecuritySettingData per VM
 * (InstanceID {@code Microsoft:<VM GUID>\...}, found by clients with LIKE). SetKeyProtector keeps the
 * previous protector as the last known good one (RestoreLastKnownGoodKeyProtector swaps back),
 * GetKeyProtector returns the bytes in use, SetSecurityPolicy stores the policy, and
 * ModifySecuritySettings applies the six booleans: a VM's TPM or key storage device changes only
 * while it is off (5 Invalid State), and a TPM needs a key protector and a generation 2 VM
 * (6 Incompatible Parameters). A refused call changes nothing.
 */
public final class SecurityProvider extends V2Provider {
    static final String SERVICE = "Msvm_SecurityService";
    static final String SETTINGS = "Msvm_SecuritySettingData";
    private static final Set<String> CLASSES = V2.classSet(SERVICE, SETTINGS);
    private static final String SERVICE_NAME = "securitysvc";
    private static final List<String> FLAGS = List.of("TpmEnabled", "KsdEnabled", "ShieldingRequested", "DataProtectionRequested",
            "EncryptStateAndVmMigrationTraffic", "VirtualizationBasedSecurityOptOut");
    private static final long DONE = 0, INVALID_PARAMETER = 32773, INVALID_STATE = 32775;
    private static final long MODIFY_INVALID_PARAMETER = 4, MODIFY_INVALID_STATE = 5, MODIFY_INCOMPATIBLE = 6;

    /** One VM's security: the six flags (all false for a new VM, as the page gives), its key protector, the previous one and its policy. */
    private static final class State {
        final Map<String, Boolean> flags = new HashMap<>();
        byte[] keyProtector = new byte[0];
        byte[] lastKnownGood;
        byte[] policy = new byte[0];

        boolean flag(String name) {
            return flags.getOrDefault(name, false);
        }
    }

    private final Map<String, State> byVm = new HashMap<>();

    public SecurityProvider() {
        super(CLASSES);
    }

    @Override
    public List<CimInstance> instances(HostScope s, String className) {
        List<CimInstance> out = new ArrayList<>();
        if (className.equalsIgnoreCase(SERVICE)) out.add(service(s.host()));
        if (className.equalsIgnoreCase(SETTINGS))
            for (SimVm vm : s.host().vms()) if (!vm.removed()) out.add(settings(vm));
        return out;
    }

    @Override
    public CimInstance instance(HostScope s, ObjectPath path) {
        if (!CLASSES.contains(path.className())) return null;
        return VirtualizationProvider.find(instances(s, path.className()), path);
    }

    @Override
    public List<CimInstance> referencesTo(HostScope s, ObjectPath path) {
        return List.of();
    }

    @Override
    public MethodResult invoke(Txn txn, HostScope s, ObjectPath target, String method, Map<String, CimValue> in) {
        if (!target.className().equalsIgnoreCase(SERVICE))
            throw new CimException(CimError.NOT_SUPPORTED, "the simulator does not implement " + target.className() + "." + method);
        Map<String, CimValue> p = Embedded.params(in);
        boolean modify = method.equalsIgnoreCase("ModifySecuritySettings");
        CimInstance sent;
        try {
            sent = Embedded.instance(p.get("SecuritySettingData"));
        } catch (CimException e) {
            sent = null; // not an instance: refused below as an invalid parameter
        }
        SimVm vm = sent == null || !sent.className().equalsIgnoreCase(SETTINGS) ? null : vmOf(s, Embedded.string(sent, "InstanceID"));
        if (vm == null) return result(modify ? MODIFY_INVALID_PARAMETER : INVALID_PARAMETER);
        State st = byVm.computeIfAbsent(vm.id(), k -> new State());
        return switch (method.toLowerCase(Locale.ROOT)) {
            case "setkeyprotector" -> {
                byte[] key = bytes(p.get("KeyProtector"));
                if (key == null || key.length == 0) yield result(INVALID_PARAMETER);
                if (st.keyProtector.length > 0) st.lastKnownGood = st.keyProtector;
                st.keyProtector = key;
                yield result(DONE);
            }
            case "getkeyprotector" -> new MethodResult(DONE, Map.of("KeyProtector", octets(st.keyProtector)));
            case "restorelastknowngoodkeyprotector" -> {
                if (st.lastKnownGood == null) yield result(INVALID_STATE);
                byte[] now = st.keyProtector;
                st.keyProtector = st.lastKnownGood;
                st.lastKnownGood = now;
                yield result(DONE);
            }
            case "setsecuritypolicy" -> {
                byte[] policy = bytes(p.get("SecurityPolicy"));
                if (policy == null) yield result(INVALID_PARAMETER);
                st.policy = policy;
                yield result(DONE);
            }
            case "modifysecuritysettings" -> modify(vm, st, sent);
            default -> throw new CimException(CimError.NOT_SUPPORTED, "the simulator does not implement " + SERVICE + "." + method);
        };
    }

    /** The flags sent; null ones keep their value. A change the VM's state or hardware cannot take is refused whole. */
    private static MethodResult modify(SimVm vm, State st, CimInstance sent) {
        Map<String, Boolean> next = new HashMap<>(st.flags);
        for (String f : FLAGS) {
            CimValue v = sent.get(f);
            if (v == null || v.isNull()) continue;
            Boolean b = Embedded.bool(sent, f);
            if (b == null) return result(MODIFY_INVALID_PARAMETER);
            next.put(f, b);
        }
        boolean deviceChange = next.getOrDefault("TpmEnabled", false) != st.flag("TpmEnabled")
                || next.getOrDefault("KsdEnabled", false) != st.flag("KsdEnabled");
        if (deviceChange && vm.state() != PowerState.OFF) return result(MODIFY_INVALID_STATE);
        if (next.getOrDefault("TpmEnabled", false) && !st.flag("TpmEnabled")
                && (st.keyProtector.length == 0 || !SimVm.SUBTYPE_GEN2.equals(vm.subType()))) return result(MODIFY_INCOMPATIBLE);
        st.flags.clear();
        st.flags.putAll(next);
        return result(DONE);
    }

    @Override
    public List<CimInstance> render(Lab lab, Object entity, Instant now) {
        return List.of();
    }

    @Override
    public void save(Lab lab, ObjectNode into) {
        ArrayNode arr = into.putArray("vms");
        Base64.Encoder b64 = Base64.getEncoder();
        byVm.forEach((id, st) -> {
            if (lab.vm(id) == null) return;
            ObjectNode o = arr.addObject().put("vm", id).put("keyProtector", b64.encodeToString(st.keyProtector))
                    .put("policy", b64.encodeToString(st.policy));
            if (st.lastKnownGood != null) o.put("lastKnownGood", b64.encodeToString(st.lastKnownGood));
            ObjectNode flags = o.putObject("flags");
            st.flags.forEach(flags::put);
        });
    }

    @Override
    public void load(Lab lab, LabJson from) {
        byVm.clear();
        for (LabJson o : from.objectsIfPresent("vms")) {
            State st = new State();
            st.keyProtector = base64(o, "keyProtector");
            st.policy = base64(o, "policy");
            if (o.has("lastKnownGood")) st.lastKnownGood = base64(o, "lastKnownGood");
            LabJson flags = o.object("flags");
            for (String f : FLAGS) if (flags.has(f)) st.flags.put(f, flags.bool(f, false));
            byVm.put(o.string("vm", LabJson.GUID, "VM id"), st);
        }
    }

    private static byte[] base64(LabJson o, String field) {
        try {
            return Base64.getDecoder().decode(o.string(field));
        } catch (IllegalArgumentException e) {
            throw o.invalid(field, "expected base64 bytes");
        }
    }

    private CimInstance settings(SimVm vm) {
        State st = byVm.get(vm.id());
        CimInstance.Builder b = V2Renderer.start(settingsPath(vm))
                .put("Caption", CimValue.string("Security Settings"))
                .put("ElementName", CimValue.string("Security Settings"));
        for (String f : FLAGS) b.put(f, CimValue.bool(st != null && st.flag(f)));
        return b.build();
    }

    static ObjectPath settingsPath(SimVm vm) {
        return V2.path(vm.host().name(), SETTINGS, "InstanceID", "Microsoft:" + vm.id() + "\\" + NetworkRenderer.guid("security:" + vm.id()));
    }

    private static CimInstance service(SimHost h) {
        return V2Renderer.start(V2.path(h.name(), SERVICE, "SystemCreationClassName", V2.COMPUTER_SYSTEM, "SystemName", h.name(),
                        "CreationClassName", SERVICE, "Name", SERVICE_NAME))
                .put("ElementName", CimValue.string("Hyper-V Security Service"))
                .put("OperationalStatus", V2Renderer.u16s(2))
                .put("HealthState", CimValue.uint16(5))
                .put("EnabledState", CimValue.uint16(2))
                .put("RequestedState", CimValue.uint16(12))
                .put("EnabledDefault", CimValue.uint16(2))
                .put("Started", CimValue.bool(true))
                .build();
    }

    /** The VM on this host a security settings InstanceID ({@code Microsoft:<VM GUID>\...}) names. */
    private static SimVm vmOf(HostScope s, String instanceId) {
        String id = V2.vmIdOf(instanceId);
        SimVm vm = id == null ? null : s.lab().vm(id);
        return vm != null && !vm.removed() && vm.host() == s.host() && settingsPath(vm).key("InstanceID").toString().equalsIgnoreCase(instanceId) ? vm : null;
    }

    private static byte[] bytes(CimValue v) {
        if (v == null || v.isNull()) return null;
        if (!v.array()) return null;
        List<Object> l = v.asList();
        byte[] out = new byte[l.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(l.get(i) instanceof Number n) || n.longValue() < 0 || n.longValue() > 255) return null;
            out[i] = (byte) n.longValue();
        }
        return out;
    }

    private static CimValue octets(byte[] b) {
        List<Long> l = new ArrayList<>(b.length);
        for (byte x : b) l.add((long) (x & 0xff));
        return CimValue.array(CimType.UINT8, l);
    }

    private static MethodResult result(long code) {
        return new MethodResult(code, Map.of());
    }
}
