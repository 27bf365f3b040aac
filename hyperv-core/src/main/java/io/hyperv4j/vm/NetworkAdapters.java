package io.hyperv4j.vm;

import io.hyperv4j.InvalidParameterException;
import io.hyperv4j.NotFoundException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.job.MethodCall;
import io.hyperv4j.job.ReturnCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The network adapters of one VM (Add-VMNetworkAdapter, Get-VMNetworkAdapter,
 * Connect-VMNetworkAdapter, Disconnect-VMNetworkAdapter, Set-VMNetworkAdapterVlan,
 * Remove-VMNetworkAdapter): synthetic or emulated adapter settings, each with at most one
 * connection (Msvm_EthernetPortAllocationSettingData, Parent the adapter, HostResource the switch)
 * whose VLAN is a port feature (Msvm_EthernetSwitchPortVlanSettingData), all changed through
 * Msvm_VirtualSystemManagementService, as os-win does it.
 * <p>Thread-safety: thread-safe (no mutable state); change one VM's adapters from one thread at a time.
 */
public final class NetworkAdapters {
    static final String SYNTHETIC = "Msvm_SyntheticEthernetPortSettingData";
    static final String EMULATED = "Msvm_EmulatedEthernetPortSettingData";
    static final String VLAN = "Msvm_EthernetSwitchPortVlanSettingData";
    static final String PORT_FEATURE_COMPONENT = "Msvm_EthernetPortSettingDataComponent";
    private static final int MAX_VLAN = 4094;

    private final VirtualMachine vm;
    private final VirtualMachines vms;
    private final CimSession session;

    NetworkAdapters(VirtualMachine vm, VirtualMachines vms) {
        this.vm = vm;
        this.vms = vms;
        this.session = vms.session();
    }

    /** An adapter's settings, its connection (or null) and that connection's VLAN settings (or null). */
    private record Parts(CimInstance adapter, CimInstance connection, CimInstance vlan) {}

    private List<Parts> parts() {
        ObjectPath vssd = VirtualMachines.withNamespace(vm.systemSettingsInstance().path());
        List<CimInstance> connections = session.associators(vssd, Msvm.SETTING_DATA_COMPONENT, VmSwitches.PORT_ALLOCATION);
        List<Parts> out = new ArrayList<>();
        for (String cls : List.of(SYNTHETIC, EMULATED))
            for (CimInstance a : session.associators(vssd, Msvm.SETTING_DATA_COMPONENT, cls)) {
                CimInstance conn = null;
                for (CimInstance c : connections)
                    if (idOf(c.getString("Parent")).equalsIgnoreCase(a.getString("InstanceID"))) conn = c;
                CimInstance vlan = conn == null ? null : session.associators(VirtualMachines.withNamespace(conn.path()), PORT_FEATURE_COMPONENT, VLAN)
                        .stream().findFirst().orElse(null);
                out.add(new Parts(a, conn, vlan));
            }
        return out;
    }

    private NetworkAdapter describe(Parts p) {
        String sw = null;
        if (p.connection() != null && !p.connection().list("HostResource").isEmpty()) {
            ObjectPath target = ObjectPath.parse(p.connection().list("HostResource").get(0).toString());
            CimInstance s = session.get(VirtualMachines.withNamespace(target));
            sw = s == null ? null : s.getString("ElementName");
        }
        return new NetworkAdapter(p.adapter().getString("ElementName"), p.adapter().getString("InstanceID"),
                p.adapter().className().equalsIgnoreCase(EMULATED), p.adapter().getString("Address"),
                p.adapter().booleanOr("StaticMacAddress", false), sw, accessVlan(p.vlan()));
    }

    /** The access VLAN of a port in access mode (OperationMode 1); 0 when untagged or in trunk or private mode. */
    private static int accessVlan(CimInstance vlan) {
        return vlan == null || vlan.intOr("OperationMode", 0) != 1 ? 0 : vlan.intOr("AccessVlanId", 0);
    }

    /**
     * Every adapter of the VM.
     *
     * @return the adapters, read now
     */
    public List<NetworkAdapter> list() {
        return parts().stream().map(this::describe).toList();
    }

    private Parts find(String name) {
        return parts().stream().filter(p -> name.equalsIgnoreCase(p.adapter().getString("ElementName"))).findFirst()
                .orElseThrow(() -> new NotFoundException(vm.label() + " has no network adapter named '" + name + "'"));
    }

    /**
     * Add-VMNetworkAdapter: a new adapter, not connected; its MAC address comes from the host's pool
     * unless {@code staticMac} is given.
     *
     * @param name      the adapter's name
     * @param legacy    an emulated (legacy) adapter, for generation 1 VMs, instead of a synthetic one
     * @param staticMac a MAC address (12 hex digits, dashes or colons allowed), or null for a dynamic one
     * @return the adapter
     */
    public NetworkAdapter add(String name, boolean legacy, String staticMac) {
        CimInstance.Builder b = template(legacy ? EMULATED : SYNTHETIC).put("ElementName", CimValue.string(name));
        if (staticMac != null) b.put("StaticMacAddress", CimValue.bool(true)).put("Address", CimValue.string(staticMac));
        ObjectPath added = change("AddResourceSettings", b.build(), "add network adapter '" + name + "' to " + vm.label());
        String id = String.valueOf(added.key("InstanceID"));
        return list().stream().filter(a -> a.id().equalsIgnoreCase(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("the adapter just added to " + vm.label() + " is not listed"));
    }

    /**
     * Connect-VMNetworkAdapter: connects the adapter to the host's switch of that name.
     *
     * @param name       the adapter's name
     * @param switchName the switch's name
     * @return the adapter, connected
     */
    public NetworkAdapter connect(String name, String switchName) {
        Parts p = find(name);
        ObjectPath sw = VirtualMachines.withNamespace(new VmSwitches(session, vms.operationTimeout()).instance(switchName).path());
        String attempted = "connect network adapter '" + name + "' of " + vm.label() + " to '" + switchName + "'";
        if (p.connection() == null) {
            CimInstance conn = template(VmSwitches.PORT_ALLOCATION)
                    .put("Parent", CimValue.string(VirtualMachines.withNamespace(p.adapter().path()).toString()))
                    .put("HostResource", CimValue.strings(List.of(sw.toString()))).build();
            change("AddResourceSettings", conn, attempted);
        } else {
            change("ModifyResourceSettings", p.connection().toBuilder().put("HostResource", CimValue.strings(List.of(sw.toString())))
                    .put("EnabledState", CimValue.uint16(2)).build(), attempted);
        }
        return describe(find(name));
    }

    /**
     * Disconnect-VMNetworkAdapter: the adapter keeps its connection settings, connected to nothing.
     *
     * @param name the adapter's name
     */
    public void disconnect(String name) {
        Parts p = find(name);
        if (p.connection() == null) return;
        change("ModifyResourceSettings", p.connection().toBuilder().put("HostResource", CimValue.strings(List.of())).build(),
                "disconnect network adapter '" + name + "' of " + vm.label());
    }

    /**
     * Set-VMNetworkAdapterVlan: access mode with this VLAN, or untagged with 0.
     *
     * @param name   the adapter's name
     * @param vlanId 1..4094, or 0 for untagged
     * @return the adapter
     */
    public NetworkAdapter setVlan(String name, int vlanId) {
        String attempted = "set VLAN " + vlanId + " on network adapter '" + name + "' of " + vm.label();
        if (vlanId < 0 || vlanId > MAX_VLAN) throw new InvalidParameterException("Cannot " + attempted + ": a VLAN is 1..4094 (0: untagged)", 4, "Invalid Parameter");
        return writeVlan(name, attempted, vlanId == 0 ? null
                : b -> b.put("OperationMode", CimValue.uint32(1)).put("AccessVlanId", CimValue.uint16(vlanId)));
    }

    /**
     * Set-VMNetworkAdapterVlan -Trunk: the port carries the allowed VLANs tagged and the native one
     * untagged (Msvm_EthernetSwitchPortVlanSettingData OperationMode 2). Its
     * {@link NetworkAdapter#accessVlanId()} reads 0 afterwards.
     *
     * @param name           the adapter's name
     * @param nativeVlanId   the native VLAN, 0..4094
     * @param allowedVlanIds the VLANs allowed on the trunk (-AllowedVlanIdList), each 0..4094, at least one
     * @return the adapter
     */
    public NetworkAdapter setVlanTrunk(String name, int nativeVlanId, List<Integer> allowedVlanIds) {
        String attempted = "set trunk VLANs " + allowedVlanIds + " (native " + nativeVlanId + ") on network adapter '" + name + "' of " + vm.label();
        if (nativeVlanId < 0 || nativeVlanId > MAX_VLAN || allowedVlanIds.isEmpty() || allowedVlanIds.stream().anyMatch(v -> v < 0 || v > MAX_VLAN))
            throw new InvalidParameterException("Cannot " + attempted + ": the native VLAN is 0..4094 and the allowed ones a non-empty list of 0..4094",
                    4, "Invalid Parameter");
        List<Long> allowed = allowedVlanIds.stream().map(Integer::longValue).toList();
        return writeVlan(name, attempted, b -> b.put("OperationMode", CimValue.uint32(2)).put("AccessVlanId", CimValue.uint16(0))
                .put("NativeVlanId", CimValue.uint16(nativeVlanId)).put("TrunkVlanIdArray", CimValue.array(CimType.UINT16, allowed)));
    }

    /** Adds, modifies or (values null) removes the connection's VLAN feature. */
    private NetworkAdapter writeVlan(String name, String attempted, java.util.function.UnaryOperator<CimInstance.Builder> values) {
        Parts p = find(name);
        if (p.connection() == null) throw new InvalidParameterException("Cannot " + attempted + ": it is not connected to a switch", 4, "Invalid Parameter");
        if (values == null && p.vlan() != null) {
            call("RemoveFeatureSettings", attempted, m -> m.with("FeatureSettings",
                    CimValue.array(CimType.REFERENCE, List.of(VirtualMachines.withNamespace(p.vlan().path())))));
        } else if (values != null) {
            CimInstance vlan = values.apply(p.vlan() != null ? p.vlan().toBuilder() : template(VLAN)).build();
            boolean adding = p.vlan() == null;
            call(adding ? "AddFeatureSettings" : "ModifyFeatureSettings", attempted, m -> {
                MethodCall c = m.with("FeatureSettings", CimValue.array(CimType.STRING, List.of(vlan.toString())));
                return adding ? c.with("AffectedConfiguration", CimValue.ref(VirtualMachines.withNamespace(p.connection().path()))) : c;
            });
        }
        return describe(find(name));
    }

    /**
     * Remove-VMNetworkAdapter (with its connection).
     *
     * @param name the adapter's name
     */
    public void remove(String name) {
        Parts p = find(name);
        List<ObjectPath> refs = new ArrayList<>();
        if (p.connection() != null) refs.add(VirtualMachines.withNamespace(p.connection().path()));
        refs.add(VirtualMachines.withNamespace(p.adapter().path()));
        call("RemoveResourceSettings", "remove network adapter '" + name + "' from " + vm.label(),
                m -> m.with("ResourceSettings", CimValue.array(CimType.REFERENCE, refs)));
    }

    /** The host's settings template of that class ({@code InstanceID LIKE '%\\Default'}), without its InstanceID. */
    private CimInstance.Builder template(String cls) {
        List<CimInstance> found = session.query(Msvm.NAMESPACE, "SELECT * FROM " + cls + " WHERE InstanceID LIKE '%\\\\Default'");
        CimInstance.Builder b = found.isEmpty() ? CimInstance.builder(cls) : found.get(0).toBuilder();
        return b.path(null).remove("InstanceID");
    }

    private ObjectPath change(String method, CimInstance settings, String attempted) {
        return call(method, attempted, m -> {
            MethodCall c = m.with("ResourceSettings", CimValue.array(CimType.STRING, List.of(settings.toString())));
            return method.equals("AddResourceSettings")
                    ? c.with("AffectedConfiguration", CimValue.ref(VirtualMachines.withNamespace(vm.systemSettingsInstance().path()))) : c;
        });
    }

    private ObjectPath call(String method, String attempted, Function<MethodCall, MethodCall> params) {
        return params.apply(MethodCall.on(session, vms.managementService(), method, ReturnCodes.Family.CIM_METHOD))
                .attempting(attempted)
                .timeout(vms.operationTimeout())
                .currentState(vm::state)
                .invoke(r -> {
                    CimValue out = r.get("ResultingResourceSettings");
                    if (out == null || out.isNull()) out = r.get("ResultingFeatureSettings");
                    return out == null || out.isNull() || out.asList().isEmpty() ? null
                            : VirtualMachines.withNamespace((ObjectPath) out.asList().get(0));
                })
                .await();
    }

    private static String idOf(String path) {
        if (path == null || path.isEmpty()) return "";
        try {
            return String.valueOf(ObjectPath.parse(path).key("InstanceID")).toUpperCase(Locale.ROOT);
        } catch (RuntimeException e) {
            return "";
        }
    }
}
