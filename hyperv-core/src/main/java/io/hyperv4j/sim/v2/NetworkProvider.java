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
import io.hyperv4j.sim.SimNetworkAdapter;
import io.hyperv4j.sim.SimProvider;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Virtual networking in root\virtualization\v2: switches and their management service, switch
 * ports, the host's external ports, VM network adapters (synthetic and emulated), their
 * connections and port features, the running adapters' devices and LAN endpoints, and the
 * associations between them (see {@link NetworkRenderer} for the shapes, {@link SwitchService} and
 * {@link NetworkSettings} for the methods).
 */
public final class NetworkProvider extends V2Provider implements ResourceExtension, SharedAssociations {
    private static final Set<String> CLASSES = V2.classSet(NetworkRenderer.SWITCH, NetworkRenderer.SWITCH_SETTINGS,
            NetworkRenderer.SWITCH_SERVICE, NetworkRenderer.SWITCH_PORT, NetworkRenderer.EXTERNAL_PORT, NetworkRenderer.SYNTHETIC_NIC,
            NetworkRenderer.EMULATED_NIC, NetworkRenderer.PORT_ALLOCATION, NetworkRenderer.VLAN, NetworkRenderer.SECURITY,
            NetworkRenderer.BANDWIDTH, NetworkRenderer.SYNTHETIC_PORT, NetworkRenderer.EMULATED_PORT, NetworkRenderer.LAN_ENDPOINT,
            NetworkRenderer.PORT_FEATURE_COMPONENT, NetworkRenderer.ELEMENT_SETTING_DATA, NetworkRenderer.DEVICE_SAP,
            NetworkRenderer.INTERNAL_PORT, NetworkRenderer.ACTIVE_CONNECTION, SwitchFeatures.BANDWIDTH, SwitchFeatures.OFFLOAD,
            SwitchFeatures.COMPONENT);
    private static final List<String> TEMPLATE_CLASSES = List.of(NetworkRenderer.SYNTHETIC_NIC, NetworkRenderer.EMULATED_NIC,
            NetworkRenderer.PORT_ALLOCATION, NetworkRenderer.VLAN, NetworkRenderer.SECURITY, NetworkRenderer.BANDWIDTH);

    public NetworkProvider() {
        super(CLASSES);
    }

    @Override
    public List<CimInstance> instances(HostScope s, String className) {
        List<CimInstance> out = new ArrayList<>();
        SimHost h = s.host();
        NetworkModel m = NetworkModel.of(s.lab());
        String cls = className;
        if (TEMPLATE_CLASSES.stream().anyMatch(cls::equalsIgnoreCase)) out.addAll(NetworkRenderer.defaults(h.name(), cls));
        if (SwitchFeatures.isFeature(cls)) out.add(SwitchFeatures.template(h.name(), cls));
        if (is(cls, NetworkRenderer.SWITCH_SERVICE)) out.add(NetworkRenderer.service(h));
        if (is(cls, NetworkRenderer.EXTERNAL_PORT)) out.addAll(externalPorts(h, m));
        for (NetworkModel.Switch sw : m.switches(h.name())) out.addAll(ofSwitch(h, m, sw, cls));
        for (SimVm vm : h.vms()) out.addAll(ofVm(vm, m, cls));
        if (!CLASSES.contains(cls)) return out;
        for (CimInstance a : allAssociations(s)) if (a.className().equalsIgnoreCase(cls)) out.add(a);
        return out;
    }

    private static boolean is(String cls, String name) {
        return cls.equalsIgnoreCase(name);
    }

    private static List<CimInstance> externalPorts(SimHost h, NetworkModel m) {
        List<CimInstance> out = new ArrayList<>();
        List<SimNetworkAdapter> adapters = h.networkAdapters();
        for (int i = 0; i < adapters.size(); i++) {
            SimNetworkAdapter a = adapters.get(i);
            boolean bound = m.switches(h.name()).stream().anyMatch(sw -> a.description().equals(sw.externalAdapter));
            out.add(NetworkRenderer.externalPort(h, a, bound, i));
        }
        return out;
    }

    /**
     * A switch's own instances of {@code cls}: itself, its settings, its port allocations and ports
     * with their LAN endpoints, the management OS's adapter on it and the bound external adapter's endpoint.
     */
    private static List<CimInstance> ofSwitch(SimHost h, NetworkModel m, NetworkModel.Switch sw, String cls) {
        List<CimInstance> out = new ArrayList<>();
        String host = h.name();
        if (is(cls, NetworkRenderer.SWITCH)) out.add(NetworkRenderer.aSwitch(sw));
        if (is(cls, NetworkRenderer.SWITCH_SETTINGS)) out.add(NetworkRenderer.switchSettings(sw));
        if (SwitchFeatures.isFeature(cls)) out.addAll(SwitchFeatures.of(sw, cls));
        boolean endpoints = is(cls, NetworkRenderer.LAN_ENDPOINT);
        for (NetworkRenderer.HostPort p : NetworkRenderer.hostPorts(sw)) {
            if (is(cls, NetworkRenderer.PORT_ALLOCATION)) out.add(NetworkRenderer.switchAllocation(h, sw, p));
            if (is(cls, NetworkRenderer.SWITCH_PORT)) out.add(NetworkRenderer.switchPort(host, sw.id, p.id(), p.name()));
            if (endpoints) out.add(NetworkRenderer.endpoint(NetworkRenderer.switchPortEndpointPath(host, sw.id, p.id()), p.name(), null));
            if (!p.external()) {
                if (is(cls, NetworkRenderer.INTERNAL_PORT)) out.add(NetworkRenderer.internalPort(sw));
                if (endpoints) out.add(NetworkRenderer.endpoint(NetworkRenderer.internalEndpointPath(host, sw), sw.name, NetworkRenderer.internalMac(sw)));
            } else if (endpoints) {
                SimNetworkAdapter a = adapter(h, p.name());
                if (a != null) out.add(NetworkRenderer.endpoint(NetworkRenderer.externalEndpointPath(host, a), a.description(), null));
            }
        }
        for (NetworkModel.Nic n : runningPorts(h, m, sw)) {
            String port = NetworkRenderer.vmPortId(n);
            if (is(cls, NetworkRenderer.SWITCH_PORT)) out.add(NetworkRenderer.switchPort(host, sw.id, port, n.connectionName));
            if (endpoints) out.add(NetworkRenderer.endpoint(NetworkRenderer.switchPortEndpointPath(host, sw.id, port), n.connectionName, null));
        }
        return out;
    }

    /** The adapters of running VMs connected to the switch: each has a port on it. */
    private static List<NetworkModel.Nic> runningPorts(SimHost h, NetworkModel m, NetworkModel.Switch sw) {
        List<NetworkModel.Nic> out = new ArrayList<>();
        for (SimVm vm : h.vms())
            if (NetworkRenderer.running(vm))
                for (NetworkModel.Nic n : m.nics(vm.id())) if (m.connected(h.name(), n) == sw) out.add(n);
        return out;
    }

    private static SimNetworkAdapter adapter(SimHost h, String description) {
        for (SimNetworkAdapter a : h.networkAdapters()) if (a.description().equals(description)) return a;
        return null;
    }

    /** A VM's networking instances of {@code cls}: adapters, connections, features, and its running devices. */
    private static List<CimInstance> ofVm(SimVm vm, NetworkModel m, String cls) {
        List<CimInstance> out = new ArrayList<>();
        for (NetworkModel.Nic n : m.nics(vm.id())) {
            if (is(cls, n.synthetic ? NetworkRenderer.SYNTHETIC_NIC : NetworkRenderer.EMULATED_NIC)) out.add(NetworkRenderer.nic(vm, n));
            if (n.connection) {
                if (is(cls, NetworkRenderer.PORT_ALLOCATION)) out.add(NetworkRenderer.connection(vm, n, m.connected(vm.host().name(), n)));
                for (CimInstance f : NetworkRenderer.features(vm, n)) if (is(cls, f.className())) out.add(f);
            }
            if (!NetworkRenderer.running(vm)) continue;
            if (is(cls, n.synthetic ? NetworkRenderer.SYNTHETIC_PORT : NetworkRenderer.EMULATED_PORT)) out.add(NetworkRenderer.device(vm, n));
            if (is(cls, NetworkRenderer.LAN_ENDPOINT)) out.add(NetworkRenderer.endpoint(vm, n));
        }
        return out;
    }

    /** Every association between networking objects on the host (a host has few: rendering them all is cheap). */
    private static List<CimInstance> allAssociations(HostScope s) {
        SimHost h = s.host();
        String host = h.name();
        NetworkModel m = NetworkModel.of(s.lab());
        List<CimInstance> out = new ArrayList<>();
        ObjectPath hostPath = V2.computerSystem(host, host);
        out.add(NetworkRenderer.association(host, V2.HOSTED_SERVICE, "Antecedent", hostPath, "Dependent", NetworkRenderer.servicePath(host)));
        for (SimNetworkAdapter a : h.networkAdapters())
            out.add(NetworkRenderer.association(host, V2.SYSTEM_DEVICE, "GroupComponent", hostPath, "PartComponent", NetworkRenderer.externalPortPath(host, a)));
        for (NetworkModel.Switch sw : m.switches(host)) {
            ObjectPath swPath = NetworkRenderer.switchPath(host, sw.id);
            ObjectPath settings = NetworkRenderer.switchSettingsPath(host, sw.id);
            out.add(NetworkRenderer.association(host, V2.SETTINGS_DEFINE_STATE, "ManagedElement", swPath, "SettingData", settings));
            for (CimInstance f : SwitchFeatures.of(sw, null))
                out.add(NetworkRenderer.association(host, SwitchFeatures.COMPONENT, "GroupComponent", settings, "PartComponent", f.path()));
            for (NetworkRenderer.HostPort p : NetworkRenderer.hostPorts(sw)) {
                ObjectPath alloc = NetworkRenderer.switchAllocationPath(host, sw, p);
                ObjectPath port = NetworkRenderer.switchPortPath(host, sw.id, p.id());
                out.add(NetworkRenderer.association(host, V2.VSSD_COMPONENT, "GroupComponent", settings, "PartComponent", alloc));
                out.add(NetworkRenderer.association(host, V2.SYSTEM_DEVICE, "GroupComponent", swPath, "PartComponent", port));
                out.add(elementSettingData(host, port, alloc));
                ObjectPath portEndpoint = NetworkRenderer.switchPortEndpointPath(host, sw.id, p.id());
                out.add(sap(host, port, portEndpoint));
                ObjectPath device = null, endpoint = null;
                if (!p.external()) {
                    device = NetworkRenderer.internalPortPath(host, sw);
                    endpoint = NetworkRenderer.internalEndpointPath(host, sw);
                    out.add(NetworkRenderer.association(host, V2.SYSTEM_DEVICE, "GroupComponent", hostPath, "PartComponent", device));
                } else if (adapter(h, p.name()) != null) {
                    device = NetworkRenderer.externalPortPath(host, adapter(h, p.name()));
                    endpoint = NetworkRenderer.externalEndpointPath(host, adapter(h, p.name()));
                }
                if (device == null) continue;
                out.add(sap(host, device, endpoint));
                out.add(NetworkRenderer.activeConnection(host, portEndpoint, endpoint));
            }
        }
        for (SimVm vm : h.vms()) vmAssociations(host, m, vm, out);
        return out;
    }

    /** The associations of one VM's adapters (its settings, ports, features, running devices). */
    private static void vmAssociations(String host, NetworkModel m, SimVm vm, List<CimInstance> out) {
        ObjectPath vssd = V2.settings(host, vm.id());
        for (NetworkModel.Nic n : m.nics(vm.id())) {
            ObjectPath nic = NetworkRenderer.nicPath(host, n);
            out.add(NetworkRenderer.association(host, V2.VSSD_COMPONENT, "GroupComponent", vssd, "PartComponent", nic));
            ObjectPath alloc = NetworkRenderer.allocationPath(host, n);
            if (n.connection) {
                out.add(NetworkRenderer.association(host, V2.VSSD_COMPONENT, "GroupComponent", vssd, "PartComponent", alloc));
                for (CimInstance f : NetworkRenderer.features(vm, n))
                    out.add(NetworkRenderer.association(host, NetworkRenderer.PORT_FEATURE_COMPONENT, "GroupComponent", alloc, "PartComponent", f.path()));
            }
            if (!NetworkRenderer.running(vm)) continue;
            ObjectPath device = NetworkRenderer.devicePath(host, n);
            out.add(NetworkRenderer.association(host, V2.SYSTEM_DEVICE, "GroupComponent", V2.computerSystem(host, vm.id()), "PartComponent", device));
            out.add(NetworkRenderer.association(host, V2.SETTINGS_DEFINE_STATE, "ManagedElement", device, "SettingData", nic));
            out.add(sap(host, device, NetworkRenderer.endpointPath(host, n)));
            NetworkModel.Switch sw = m.connected(host, n);
            if (sw == null) continue;
            ObjectPath port = NetworkRenderer.switchPortPath(host, sw.id, NetworkRenderer.vmPortId(n));
            ObjectPath portEndpoint = NetworkRenderer.switchPortEndpointPath(host, sw.id, NetworkRenderer.vmPortId(n));
            out.add(NetworkRenderer.association(host, V2.SYSTEM_DEVICE, "GroupComponent", NetworkRenderer.switchPath(host, sw.id), "PartComponent", port));
            out.add(elementSettingData(host, port, alloc));
            out.add(sap(host, port, portEndpoint));
            out.add(NetworkRenderer.activeConnection(host, portEndpoint, NetworkRenderer.endpointPath(host, n)));
        }
    }

    /**
     * The associations that may name {@code path}: for a VM's computer system or settings, only
     * that VM's (so asking each of thousands of VMs for its references does not render every VM's
     * each time); for anything else, all of them.
     */
    private static List<CimInstance> candidates(HostScope s, ObjectPath path) {
        String id = null;
        if (path.className().equalsIgnoreCase(V2.COMPUTER_SYSTEM) && path.key("Name") instanceof String name) id = name;
        else if (path.className().equalsIgnoreCase(V2.VSSD) && path.key("InstanceID") instanceof String iid) id = V2.vmIdOf(iid);
        SimVm vm = id == null ? null : s.lab().vm(id);
        if (vm == null || vm.host() != s.host()) return allAssociations(s);
        List<CimInstance> out = new ArrayList<>();
        vmAssociations(s.host().name(), NetworkModel.of(s.lab()), vm, out);
        return out;
    }

    /** Msvm_EthernetDeviceSAPImplementation: an Ethernet port and the LAN endpoint it implements. */
    private static CimInstance sap(String host, ObjectPath device, ObjectPath endpoint) {
        return NetworkRenderer.association(host, NetworkRenderer.DEVICE_SAP, "Antecedent", device, "Dependent", endpoint);
    }

    private static CimInstance elementSettingData(String host, ObjectPath element, ObjectPath settings) {
        CimInstance a = NetworkRenderer.association(host, NetworkRenderer.ELEMENT_SETTING_DATA, "ManagedElement", element, "SettingData", settings);
        return a.toBuilder().put("IsDefault", CimValue.uint16(2)).put("IsCurrent", CimValue.uint16(1)).put("IsNext", CimValue.uint16(1)).build();
    }

    @Override
    public List<CimInstance> associations(HostScope s, String className) {
        if (CLASSES.contains(className)) return List.of();
        List<CimInstance> out = new ArrayList<>();
        for (CimInstance a : allAssociations(s)) if (a.className().equalsIgnoreCase(className)) out.add(a);
        return out;
    }

    @Override
    public CimInstance instance(HostScope s, ObjectPath path) {
        return VirtualizationProvider.find(instances(s, path.className()), path);
    }

    @Override
    public List<CimInstance> referencesTo(HostScope s, ObjectPath path) {
        List<CimInstance> out = new ArrayList<>();
        for (CimInstance a : candidates(s, path))
            for (CimValue v : a.properties().values())
                if (v.value() instanceof ObjectPath ref && VirtualizationProvider.keysMatch(path, ref)) {
                    out.add(a);
                    break;
                }
        return out;
    }

    @Override
    public MethodResult invoke(Txn txn, HostScope s, ObjectPath target, String method, Map<String, CimValue> in) {
        MethodResult r = target.className().equalsIgnoreCase(NetworkRenderer.SWITCH_SERVICE)
                ? SwitchService.invoke(txn, s, method, Embedded.params(in)) : null;
        if (r == null)
            throw new CimException(CimError.NOT_SUPPORTED, "the simulator does not implement " + target.className() + "." + method);
        return r;
    }

    // ---- ResourceExtension: network adapters and their connections through the VM management service

    @Override
    public boolean handles(String settingsClass) {
        return NetworkSettings.handles(settingsClass);
    }

    @Override
    public Check checkAddResource(HostScope scope, SimVm vm, CimInstance settings) {
        return NetworkSettings.checkAdd(scope, vm, settings);
    }

    @Override
    public ObjectPath addResource(Txn txn, HostScope scope, SimVm vm, CimInstance settings) {
        return NetworkSettings.add(txn, scope, vm, settings);
    }

    @Override
    public Check checkModifyResource(HostScope scope, CimInstance settings) {
        return NetworkSettings.checkModify(scope, settings);
    }

    @Override
    public ObjectPath modifyResource(Txn txn, HostScope scope, CimInstance settings) {
        return NetworkSettings.modify(txn, scope, settings);
    }

    @Override
    public Check checkRemoveResource(HostScope scope, ObjectPath settings) {
        return NetworkSettings.checkRemove(scope, settings);
    }

    @Override
    public void removeResource(Txn txn, HostScope scope, ObjectPath settings) {
        NetworkSettings.remove(txn, scope, settings);
    }

    @Override
    public MethodResult featureSettings(Txn txn, HostScope scope, String method, Map<String, CimValue> params) {
        return NetworkSettings.features(txn, scope, method, params);
    }

    @Override
    public void vmDestroyed(Txn txn, SimVm vm) {
        NetworkModel.of(txn.lab()).forgetVm(vm.id());
    }

    @Override
    public List<CimInstance> render(Lab lab, Object entity, Instant now) {
        NetworkModel m = NetworkModel.of(lab);
        List<CimInstance> out = new ArrayList<>();
        if (entity instanceof SimVm vm && !vm.removed()) {
            for (String cls : CLASSES) out.addAll(ofVm(vm, m, cls));
        } else if (entity instanceof NetworkModel.Switch sw && !sw.removed) {
            SimHost h = lab.host(sw.hostName);
            if (h != null) for (String cls : CLASSES) out.addAll(ofSwitch(h, m, sw, cls));
        } else if (entity instanceof SimHost h) {
            out.add(NetworkRenderer.service(h));
        }
        return out;
    }

    @Override
    public void save(Lab lab, ObjectNode into) {
        NetworkModel.of(lab).save(into);
    }

    @Override
    public void load(Lab lab, LabJson from) {
        NetworkModel.of(lab).load(from);
    }
}
