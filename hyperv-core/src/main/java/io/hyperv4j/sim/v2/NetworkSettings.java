package io.hyperv4j.sim.v2;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.HostScope;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import io.hyperv4j.sim.v2.ResourceExtension.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A VM's network adapters through Msvm_VirtualSystemManagementService: synthetic and emulated
 * adapters (AddResourceSettings, ModifyResourceSettings, RemoveResourceSettings), their
 * connections to switches (Msvm_EthernetPortAllocationSettingData whose Parent is the adapter and
 * HostResource the switch) and the connections' port features (Add/Modify/RemoveFeatureSettings:
 * VLAN, security, bandwidth). Every request is checked whole before anything changes.
 */
final class NetworkSettings {
    /** Hyper-V's limits per VM: 12 network adapters (Windows Server 2016+), 4 legacy ones (generation 1 only). */
    static final int MAX_SYNTHETIC = 12;
    static final int MAX_EMULATED = 4;

    private NetworkSettings() {}

    static boolean handles(String cls) {
        return cls.equalsIgnoreCase(NetworkRenderer.SYNTHETIC_NIC) || cls.equalsIgnoreCase(NetworkRenderer.EMULATED_NIC)
                || cls.equalsIgnoreCase(NetworkRenderer.PORT_ALLOCATION);
    }

    // ---- add

    static Check checkAdd(HostScope s, SimVm vm, CimInstance rasd) {
        NetworkModel m = NetworkModel.of(s.lab());
        String cls = rasd.className();
        if (cls.equalsIgnoreCase(NetworkRenderer.PORT_ALLOCATION)) {
            if (vm == null) return new Check(4, "a connection names its adapter (Parent), which DefineSystem has not created yet; add it afterwards");
            NetworkModel.Nic n = parentNic(m, vm, Embedded.string(rasd, "Parent"));
            if (n == null) return new Check(4, "Parent " + Embedded.string(rasd, "Parent") + " names no network adapter of '" + vm.name() + "'");
            if (n.connection) return new Check(4, "network adapter '" + n.name + "' of '" + vm.name() + "' already has a connection");
            return switchOf(s, m, rasd).check();
        }
        boolean synthetic = cls.equalsIgnoreCase(NetworkRenderer.SYNTHETIC_NIC);
        Check mac = checkMac(rasd);
        if (!mac.ok()) return mac;
        if (vm == null) return Check.OK;
        long count = m.nics(vm.id()).stream().filter(n -> n.synthetic == synthetic).count();
        if (!synthetic && !SimVm.SUBTYPE_GEN1.equals(vm.subType()))
            return new Check(4, "'" + vm.name() + "' is a generation 2 virtual machine: it has no legacy network adapters");
        if (count >= (synthetic ? MAX_SYNTHETIC : MAX_EMULATED))
            return new Check(4, "'" + vm.name() + "' already has " + count + (synthetic ? " network adapters" : " legacy network adapters"));
        boolean hotAdd = synthetic && SimVm.SUBTYPE_GEN2.equals(vm.subType());
        if (vm.state().isActive() && !hotAdd)
            return new Check(5, "'" + vm.name() + "' must be off to add " + (synthetic ? "a network adapter" : "a legacy network adapter"));
        return Check.OK;
    }

    static ObjectPath add(Txn txn, HostScope s, SimVm vm, CimInstance rasd) {
        NetworkModel m = NetworkModel.of(s.lab());
        txn.touch(vm);
        String host = s.host().name();
        if (rasd.className().equalsIgnoreCase(NetworkRenderer.PORT_ALLOCATION)) {
            NetworkModel.Nic n = parentNic(m, vm, Embedded.string(rasd, "Parent"));
            n.connection = true;
            String name = Embedded.string(rasd, "ElementName");
            n.connectionName = name == null || name.isBlank() ? NetworkModel.DEFAULT_PORT_NAME : name;
            NetworkModel.Switch sw = switchOf(s, m, rasd).target();
            NetworkModel.connect(n, disabled(rasd) ? null : sw);
            return NetworkRenderer.allocationPath(host, n);
        }
        boolean synthetic = rasd.className().equalsIgnoreCase(NetworkRenderer.SYNTHETIC_NIC);
        String name = Embedded.string(rasd, "ElementName");
        boolean staticMac = Boolean.TRUE.equals(Embedded.bool(rasd, "StaticMacAddress"));
        String mac = staticMac ? NetworkModel.normalMac(Embedded.string(rasd, "Address")) : m.nextMac(host);
        NetworkModel.Nic n = new NetworkModel.Nic(vm.id(), s.lab().random().nextGuid().toUpperCase(Locale.ROOT), synthetic,
                name == null || name.isBlank() ? (synthetic ? "Network Adapter" : "Legacy Network Adapter") : name, mac, staticMac);
        m.add(n);
        return NetworkRenderer.nicPath(host, n);
    }

    private static boolean disabled(CimInstance rasd) {
        Long state = Embedded.integer(rasd, "EnabledState");
        return state != null && state == 3;
    }

    private static Check checkMac(CimInstance rasd) {
        if (!Boolean.TRUE.equals(Embedded.bool(rasd, "StaticMacAddress"))) return Check.OK;
        String mac = NetworkModel.normalMac(Embedded.string(rasd, "Address"));
        if (mac == null) return new Check(4, "StaticMacAddress is TRUE but Address '" + Embedded.string(rasd, "Address")
                + "' is not a MAC address of 12 hex digits");
        if ((Integer.parseInt(mac.substring(0, 2), 16) & 1) != 0) return new Check(4, "Address " + mac + " is a multicast address");
        return Check.OK;
    }

    /** The switch a connection's HostResource names: none (not connected), one of the host's, or a refusal. */
    record Target(NetworkModel.Switch target, Check check) {}

    private static Target switchOf(HostScope s, NetworkModel m, CimInstance rasd) {
        List<String> res = Embedded.strings(rasd, "HostResource");
        if (res.isEmpty() || res.size() == 1 && res.get(0).isEmpty()) return new Target(null, Check.OK);
        if (res.size() != 1) return new Target(null, new Check(4, "HostResource names " + res.size() + " switches; a connection names one"));
        ObjectPath p;
        try {
            p = ObjectPath.parse(res.get(0));
        } catch (RuntimeException e) {
            return new Target(null, new Check(4, "HostResource '" + res.get(0) + "' is not an object path: " + e.getMessage()));
        }
        NetworkModel.Switch sw = p.className().equalsIgnoreCase(NetworkRenderer.SWITCH) && p.key("Name") != null
                ? m.aSwitch(s.host().name(), p.key("Name").toString()) : null;
        if (sw == null) return new Target(null, new Check(4, "HostResource " + res.get(0) + " names no virtual switch of " + s.host().name()));
        return new Target(sw, Check.OK);
    }

    private static NetworkModel.Nic parentNic(NetworkModel m, SimVm vm, String parent) {
        if (parent == null || parent.isBlank()) return null;
        ObjectPath p;
        try {
            p = ObjectPath.parse(parent);
        } catch (RuntimeException e) {
            return null;
        }
        return nicAt(m, vm, p);
    }

    private static NetworkModel.Nic nicAt(NetworkModel m, SimVm vm, ObjectPath p) {
        Object id = p.key("InstanceID");
        if (id == null || vm == null) return null;
        for (NetworkModel.Nic n : m.nics(vm.id()))
            if (NetworkRenderer.nicPath(vm.host().name(), n).className().equalsIgnoreCase(p.className())
                    && NetworkRenderer.nicId(n).equalsIgnoreCase(id.toString())) return n;
        return null;
    }

    /** The adapter whose settings, connection or feature an InstanceID names, with its VM; null when none. */
    record Owned(SimVm vm, NetworkModel.Nic nic, String what) {}

    static Owned owner(HostScope s, String cls, Object instanceId) {
        if (instanceId == null) return null;
        String id = instanceId.toString();
        SimVm vm = s.lab().vm(V2.vmIdOf(id));
        if (vm == null || vm.host() != s.host()) return null;
        for (NetworkModel.Nic n : NetworkModel.of(s.lab()).nics(vm.id())) {
            String base = NetworkRenderer.nicId(n);
            if (id.equalsIgnoreCase(base) && NetworkRenderer.nicPath(s.host().name(), n).className().equalsIgnoreCase(cls)) return new Owned(vm, n, cls);
            if (n.connection && id.equalsIgnoreCase(base + "\\C") && cls.equalsIgnoreCase(NetworkRenderer.PORT_ALLOCATION))
                return new Owned(vm, n, cls);
            String f = NetworkRenderer.featureId(cls);
            if (f != null && n.connection && id.equalsIgnoreCase(base + "\\C\\" + f)) return new Owned(vm, n, cls);
        }
        return null;
    }

    // ---- modify

    static Check checkModify(HostScope s, CimInstance rasd) {
        Owned o = owner(s, rasd.className(), rasd.path() != null ? rasd.path().key("InstanceID") : Embedded.string(rasd, "InstanceID"));
        if (o == null) o = owner(s, rasd.className(), Embedded.string(rasd, "InstanceID"));
        if (o == null) return new Check(4, rasd.className() + " " + Embedded.string(rasd, "InstanceID") + " does not exist on " + s.host().name());
        if (rasd.className().equalsIgnoreCase(NetworkRenderer.PORT_ALLOCATION)) return switchOf(s, NetworkModel.of(s.lab()), rasd).check();
        return checkMac(rasd);
    }

    static ObjectPath modify(Txn txn, HostScope s, CimInstance rasd) {
        Owned o = owner(s, rasd.className(), Embedded.string(rasd, "InstanceID"));
        txn.touch(o.vm());
        NetworkModel.Nic n = o.nic();
        String host = s.host().name();
        if (rasd.className().equalsIgnoreCase(NetworkRenderer.PORT_ALLOCATION)) {
            NetworkModel.Switch sw = switchOf(s, NetworkModel.of(s.lab()), rasd).target();
            NetworkModel.connect(n, disabled(rasd) ? null : sw);
            String portName = Embedded.string(rasd, "ElementName");
            if (portName != null && !portName.isBlank()) n.connectionName = portName;
            return NetworkRenderer.allocationPath(host, n);
        }
        String name = Embedded.string(rasd, "ElementName");
        if (name != null && !name.isBlank()) n.name = name;
        Boolean staticMac = Embedded.bool(rasd, "StaticMacAddress");
        if (Boolean.TRUE.equals(staticMac)) {
            n.staticMac = true;
            n.mac = NetworkModel.normalMac(Embedded.string(rasd, "Address"));
        } else if (Boolean.FALSE.equals(staticMac) && n.staticMac) {
            n.staticMac = false;
            n.mac = NetworkModel.of(s.lab()).nextMac(host);
        }
        return NetworkRenderer.nicPath(host, n);
    }

    // ---- remove

    static Check checkRemove(HostScope s, ObjectPath ref) {
        Owned o = owner(s, ref.className(), ref.key("InstanceID"));
        if (o == null) return new Check(4, ref.className() + " " + ref.key("InstanceID") + " does not exist on " + s.host().name());
        boolean nic = !ref.className().equalsIgnoreCase(NetworkRenderer.PORT_ALLOCATION);
        if (nic && o.vm().state().isActive() && !(o.nic().synthetic && SimVm.SUBTYPE_GEN2.equals(o.vm().subType())))
            return new Check(5, "'" + o.vm().name() + "' must be off to remove network adapter '" + o.nic().name + "'");
        return Check.OK;
    }

    static void remove(Txn txn, HostScope s, ObjectPath ref) {
        Owned o = owner(s, ref.className(), ref.key("InstanceID"));
        txn.touch(o.vm());
        NetworkModel.Nic n = o.nic();
        if (ref.className().equalsIgnoreCase(NetworkRenderer.PORT_ALLOCATION)) {
            n.connection = false;
            n.switchName = null;
            n.vlan = null;
            n.macSpoofing = false;
            n.bandwidthLimit = 0;
            n.bandwidthReservation = 0;
        } else {
            NetworkModel.of(s.lab()).remove(n);
        }
    }

    // ---- port features (Msvm_VirtualSystemManagementService.Add/Modify/RemoveFeatureSettings)

    static MethodResult features(Txn txn, HostScope s, String method, Map<String, CimValue> p) {
        return switch (method.toLowerCase(Locale.ROOT)) {
            case "addfeaturesettings" -> {
                ObjectPath conf = Embedded.ref(p.get("AffectedConfiguration"));
                Owned o = conf == null || !conf.className().equalsIgnoreCase(NetworkRenderer.PORT_ALLOCATION) ? null
                        : owner(s, conf.className(), conf.key("InstanceID"));
                if (o == null) yield ManagementService.code(4);
                yield applyFeatures(txn, s, o, Embedded.instances(p.get("FeatureSettings")), true);
            }
            case "modifyfeaturesettings" -> {
                List<CimInstance> list = Embedded.instances(p.get("FeatureSettings"));
                Owned o = list.isEmpty() ? null : owner(s, list.get(0).className(), Embedded.string(list.get(0), "InstanceID"));
                if (o == null) yield ManagementService.code(4);
                for (CimInstance f : list) {
                    Owned each = owner(s, f.className(), Embedded.string(f, "InstanceID"));
                    if (each == null || each.nic() != o.nic()) yield ManagementService.code(4);
                }
                yield applyFeatures(txn, s, o, list, false);
            }
            case "removefeaturesettings" -> {
                List<ObjectPath> refs = Embedded.refs(p.get("FeatureSettings"));
                List<Owned> owned = new ArrayList<>();
                for (ObjectPath r : refs) {
                    Owned o = owner(s, r.className(), r.key("InstanceID"));
                    if (o == null || NetworkRenderer.featureId(r.className()) == null) yield ManagementService.code(4);
                    owned.add(o);
                }
                if (owned.isEmpty()) yield ManagementService.code(4);
                for (Owned o : owned) {
                    txn.touch(o.vm());
                    reset(o.nic(), o.what());
                }
                yield ManagementService.code(0);
            }
            default -> null;
        };
    }

    private static MethodResult applyFeatures(Txn txn, HostScope s, Owned o, List<CimInstance> list, boolean adding) {
        if (list.isEmpty()) return ManagementService.code(4);
        for (CimInstance f : list) {
            if (NetworkRenderer.featureId(f.className()) == null) return ManagementService.code(4);
            if (f.className().equalsIgnoreCase(NetworkRenderer.VLAN) && PortVlan.parse(f).refusal() != null) return ManagementService.code(4);
            if (adding && !NetworkRenderer.features(o.vm(), o.nic()).stream().noneMatch(e -> e.className().equalsIgnoreCase(f.className())))
                return ManagementService.code(4); // one feature of a kind per port: modify it instead
        }
        txn.touch(o.vm());
        List<ObjectPath> out = new ArrayList<>();
        for (CimInstance f : list) {
            NetworkModel.Nic n = o.nic();
            if (f.className().equalsIgnoreCase(NetworkRenderer.VLAN)) n.vlan = PortVlan.parse(f).vlan();
            if (f.className().equalsIgnoreCase(NetworkRenderer.SECURITY)) n.macSpoofing = Boolean.TRUE.equals(Embedded.bool(f, "AllowMacSpoofing"));
            if (f.className().equalsIgnoreCase(NetworkRenderer.BANDWIDTH)) {
                Long limit = Embedded.integer(f, "Limit");
                Long reservation = Embedded.integer(f, "Reservation");
                n.bandwidthLimit = limit == null ? 0 : limit;
                n.bandwidthReservation = reservation == null ? 0 : reservation;
            }
            out.add(NetworkRenderer.featurePath(s.host().name(), n, f.className()));
        }
        return new MethodResult(0, Map.of(adding ? "ResultingFeatureSettings" : "ResultingFeatureSettings",
                CimValue.array(CimType.REFERENCE, out)));
    }

    private static void reset(NetworkModel.Nic n, String cls) {
        if (cls.equalsIgnoreCase(NetworkRenderer.VLAN)) n.vlan = null;
        if (cls.equalsIgnoreCase(NetworkRenderer.SECURITY)) n.macSpoofing = false;
        if (cls.equalsIgnoreCase(NetworkRenderer.BANDWIDTH)) {
            n.bandwidthLimit = 0;
            n.bandwidthReservation = 0;
        }
    }
}
