package io.hyperv4j.sim.v2;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.HostScope;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimNetworkAdapter;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The simulated Msvm_VirtualEthernetSwitchManagementService: DefineSystem and DestroySystem for
 * switches, ModifySystemSettings (name, notes), Add/Modify/RemoveResourceSettings for a switch's
 * own ports (to an external adapter, or to the management OS), and the port feature methods for
 * VM connections. A switch is private without ports, internal with a port to the host, external
 * with a port to one of the host's adapters. Every call completes synchronously (0) or is refused
 * with 4 Invalid Parameter and changes nothing.
 */
final class SwitchService {
    private static final int OK = 0;
    private static final int INVALID = 4;

    private SwitchService() {}

    static MethodResult invoke(Txn txn, HostScope s, String method, Map<String, CimValue> p) {
        NetworkModel m = NetworkModel.of(s.lab());
        return switch (method.toLowerCase(Locale.ROOT)) {
            case "definesystem" -> define(txn, s, m, p);
            case "destroysystem" -> destroy(txn, s, m, p);
            case "modifysystemsettings" -> modifySystem(txn, s, m, p);
            case "addresourcesettings" -> addPorts(txn, s, m, p);
            case "modifyresourcesettings" -> modifyPorts(txn, s, m, p);
            case "removeresourcesettings" -> removePorts(txn, s, m, p);
            case "addfeaturesettings", "modifyfeaturesettings", "removefeaturesettings" -> SwitchFeatures.concerns(method, p)
                    ? SwitchFeatures.invoke(txn, s, m, switchAt(s, m, Embedded.ref(p.get("AffectedConfiguration"))), method, p)
                    : NetworkSettings.features(txn, s, method, p);
            default -> null;
        };
    }

    /** What one of the switch's own port allocations connects: an external adapter, or the host (internal). */
    private record Port(SimNetworkAdapter adapter, boolean host) {}

    /** The port an allocation's HostResource names, or null when it names nothing this host has. */
    private static Port port(SimHost h, CimInstance rasd) {
        if (!rasd.className().equalsIgnoreCase(NetworkRenderer.PORT_ALLOCATION)) return null;
        List<String> res = Embedded.strings(rasd, "HostResource");
        if (res.size() != 1) return null;
        ObjectPath target;
        try {
            target = ObjectPath.parse(res.get(0));
        } catch (RuntimeException e) {
            return null;
        }
        if (target.className().equalsIgnoreCase(V2.COMPUTER_SYSTEM))
            return h.name().equalsIgnoreCase(String.valueOf(target.key("Name"))) ? new Port(null, true) : null;
        if (!target.className().equalsIgnoreCase(NetworkRenderer.EXTERNAL_PORT)) return null;
        for (SimNetworkAdapter a : h.networkAdapters())
            if (VirtualizationProvider.keysMatch(target, NetworkRenderer.externalPortPath(h.name(), a))) return new Port(a, false);
        return null;
    }

    /** Null when the ports can go on {@code sw} (null: a new switch); else why not. */
    private static String checkPorts(SimHost h, NetworkModel m, NetworkModel.Switch sw, List<CimInstance> ports) {
        int external = sw != null && sw.externalAdapter != null ? 1 : 0;
        boolean hostPort = sw != null && sw.hostPort;
        for (CimInstance rasd : ports) {
            Port p = port(h, rasd);
            if (p == null) return "HostResource " + Embedded.strings(rasd, "HostResource") + " names neither an external port nor the host " + h.name();
            if (p.host()) {
                if (hostPort) return "the switch already has a port to the management OS";
                hostPort = true;
                continue;
            }
            if (++external > 1) return "a switch is bound to one external adapter";
            for (NetworkModel.Switch other : m.switches(h.name()))
                if (p.adapter().description().equals(other.externalAdapter))
                    return "adapter '" + p.adapter().description() + "' is bound to switch '" + other.name + "'";
        }
        return null;
    }

    private static void applyPorts(SimHost h, NetworkModel.Switch sw, List<CimInstance> ports) {
        for (CimInstance rasd : ports) {
            Port p = port(h, rasd);
            if (p.host()) sw.hostPort = true;
            else sw.externalAdapter = p.adapter().description();
        }
    }

    private static MethodResult define(Txn txn, HostScope s, NetworkModel m, Map<String, CimValue> p) {
        CimInstance settings = Embedded.instance(p.get("SystemSettings"));
        if (settings == null || !settings.className().equalsIgnoreCase(NetworkRenderer.SWITCH_SETTINGS)) return ManagementService.code(INVALID);
        String name = Embedded.string(settings, "ElementName");
        if (name == null || name.isBlank()) return ManagementService.code(INVALID);
        List<CimInstance> ports = Embedded.instances(p.get("ResourceSettings"));
        if (checkPorts(s.host(), m, null, ports) != null) return ManagementService.code(INVALID);
        Long mode = Embedded.integer(settings, "BandwidthReservationMode");
        if (mode != null && (mode < SwitchFeatures.MODE_DEFAULT || mode > SwitchFeatures.MODE_NONE)) return ManagementService.code(INVALID);
        NetworkModel.Switch sw = new NetworkModel.Switch(s.lab().random().nextGuid().toUpperCase(Locale.ROOT), s.host().name(), name.trim());
        sw.notes = String.join("\n", Embedded.strings(settings, "Notes"));
        sw.bandwidthMode = mode == null ? SwitchFeatures.MODE_DEFAULT : mode.intValue();
        applyPorts(s.host(), sw, ports);
        m.add(sw);
        txn.created(sw);
        return new MethodResult(OK, Map.of("ResultingSystem", CimValue.ref(NetworkRenderer.switchPath(s.host().name(), sw.id))));
    }

    private static NetworkModel.Switch switchAt(HostScope s, NetworkModel m, ObjectPath path) {
        if (path == null) return null;
        if (path.className().equalsIgnoreCase(NetworkRenderer.SWITCH)) return m.aSwitch(s.host().name(), String.valueOf(path.key("Name")));
        if (path.className().equalsIgnoreCase(NetworkRenderer.SWITCH_SETTINGS)) {
            Object id = path.key("InstanceID");
            String text = id == null ? "" : id.toString();
            return text.regionMatches(true, 0, "Microsoft:", 0, 10) ? m.aSwitch(s.host().name(), text.substring(10)) : null;
        }
        return null;
    }

    private static MethodResult destroy(Txn txn, HostScope s, NetworkModel m, Map<String, CimValue> p) {
        NetworkModel.Switch sw = switchAt(s, m, Embedded.ref(p.get("AffectedSystem")));
        if (sw == null || !Embedded.ref(p.get("AffectedSystem")).className().equalsIgnoreCase(NetworkRenderer.SWITCH))
            return ManagementService.code(INVALID);
        // Connections to it stay, disconnected, with the switch's name as LastKnownSwitchName (as on Windows).
        for (SimVm vm : s.host().vms())
            for (NetworkModel.Nic n : m.nics(vm.id()))
                if (m.connected(s.host().name(), n) == sw) {
                    txn.touch(vm);
                    n.switchName = null;
                }
        txn.touch(sw);
        m.remove(sw);
        return ManagementService.code(OK);
    }

    private static MethodResult modifySystem(Txn txn, HostScope s, NetworkModel m, Map<String, CimValue> p) {
        CimInstance settings = Embedded.instance(p.get("SystemSettings"));
        if (settings == null) return ManagementService.code(INVALID);
        NetworkModel.Switch sw = switchAt(s, m, V2.path(s.host().name(), settings.className(), "InstanceID", Embedded.string(settings, "InstanceID")));
        if (sw == null) return ManagementService.code(INVALID);
        String name = Embedded.string(settings, "ElementName");
        if (name != null && name.isBlank()) return ManagementService.code(INVALID);
        Long mode = Embedded.integer(settings, "BandwidthReservationMode");
        if (mode != null && mode != sw.bandwidthMode) return ManagementService.code(INVALID); // fixed when the switch is defined
        txn.touch(sw);
        if (name != null) {
            for (SimVm vm : s.host().vms())
                for (NetworkModel.Nic n : m.nics(vm.id()))
                    if (m.connected(s.host().name(), n) == sw) {
                        txn.touch(vm);
                        n.switchName = name.trim(); // its adapters stay connected under the new name
                        n.lastSwitchName = n.switchName;
                    }
            sw.name = name.trim();
        }
        if (settings.has("Notes") && !settings.get("Notes").isNull()) sw.notes = String.join("\n", Embedded.strings(settings, "Notes"));
        return ManagementService.code(OK);
    }

    private static MethodResult addPorts(Txn txn, HostScope s, NetworkModel m, Map<String, CimValue> p) {
        NetworkModel.Switch sw = switchAt(s, m, Embedded.ref(p.get("AffectedConfiguration")));
        List<CimInstance> ports = Embedded.instances(p.get("ResourceSettings"));
        if (sw == null || ports.isEmpty() || checkPorts(s.host(), m, sw, ports) != null) return ManagementService.code(INVALID);
        txn.touch(sw);
        applyPorts(s.host(), sw, ports);
        List<ObjectPath> out = new ArrayList<>();
        for (NetworkRenderer.HostPort hp : NetworkRenderer.hostPorts(sw)) out.add(NetworkRenderer.switchAllocationPath(s.host().name(), sw, hp));
        return new MethodResult(OK, Map.of("ResultingResourceSettings", CimValue.array(CimType.REFERENCE, out)));
    }

    /** The switch and which of its own ports an allocation's InstanceID ({@code Microsoft:<switch>\<port>}) names. */
    private record Owned(NetworkModel.Switch sw, NetworkRenderer.HostPort port) {}

    private static Owned ownPort(HostScope s, NetworkModel m, Object instanceId) {
        if (instanceId == null) return null;
        for (NetworkModel.Switch sw : m.switches(s.host().name()))
            for (NetworkRenderer.HostPort hp : NetworkRenderer.hostPorts(sw))
                if (NetworkRenderer.switchAllocationPath(s.host().name(), sw, hp).key("InstanceID").toString().equalsIgnoreCase(instanceId.toString()))
                    return new Owned(sw, hp);
        return null;
    }

    /** Rebinds an external port to another adapter (the only thing a switch's own port allocation can change). */
    private static MethodResult modifyPorts(Txn txn, HostScope s, NetworkModel m, Map<String, CimValue> p) {
        List<CimInstance> ports = Embedded.instances(p.get("ResourceSettings"));
        if (ports.size() != 1) return ManagementService.code(INVALID);
        CimInstance rasd = ports.get(0);
        Owned o = ownPort(s, m, Embedded.string(rasd, "InstanceID"));
        Port target = port(s.host(), rasd);
        if (o == null || target == null || target.host() != !o.port().external()) return ManagementService.code(INVALID);
        if (!target.host()) {
            for (NetworkModel.Switch other : m.switches(s.host().name()))
                if (other != o.sw() && target.adapter().description().equals(other.externalAdapter)) return ManagementService.code(INVALID);
            txn.touch(o.sw());
            o.sw().externalAdapter = target.adapter().description();
        }
        List<ObjectPath> out = new ArrayList<>();
        for (NetworkRenderer.HostPort hp : NetworkRenderer.hostPorts(o.sw()))
            if (hp.external() == o.port().external()) out.add(NetworkRenderer.switchAllocationPath(s.host().name(), o.sw(), hp));
        return new MethodResult(OK, Map.of("ResultingResourceSettings", CimValue.array(CimType.REFERENCE, out)));
    }

    private static MethodResult removePorts(Txn txn, HostScope s, NetworkModel m, Map<String, CimValue> p) {
        List<Owned> owned = new ArrayList<>();
        for (ObjectPath ref : Embedded.refs(p.get("ResourceSettings"))) {
            Owned o = ref.className().equalsIgnoreCase(NetworkRenderer.PORT_ALLOCATION) ? ownPort(s, m, ref.key("InstanceID")) : null;
            if (o == null) return ManagementService.code(INVALID);
            owned.add(o);
        }
        if (owned.isEmpty()) return ManagementService.code(INVALID);
        for (Owned o : owned) {
            txn.touch(o.sw());
            if (o.port().external()) o.sw().externalAdapter = null;
            else o.sw().hostPort = false;
        }
        return ManagementService.code(OK);
    }
}
