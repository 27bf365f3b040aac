package io.hyperv4j.sim.v2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.LabJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.regex.Pattern;

/**
 * The virtual networking of one lab: every host's virtual switches and every VM's network adapters
 * with their connections. Shared by {@link NetworkProvider}'s classes; use under the lab lock.
 */
final class NetworkModel {
    private static final Map<Lab, NetworkModel> BY_LAB = new WeakHashMap<>();
    private static final Pattern MAC = Pattern.compile("[0-9A-F]{12}");

    /** The name of a port allocation that was sent without one. */
    static final String DEFAULT_PORT_NAME = "Dynamic Ethernet Switch Port";

    /** Hyper-V's organizationally unique identifier: every dynamic MAC address starts with it. */
    static final String HYPER_V_OUI = "00155D";

    /** What a switch connects: Get-VMSwitch's SwitchType. */
    enum SwitchType { PRIVATE, INTERNAL, EXTERNAL }

    /** A virtual switch of one host. */
    static final class Switch {
        final String id;
        final String hostName;
        String name;
        String notes = "";
        /** The host adapter (its description) an external switch is bound to, or null. */
        String externalAdapter;
        /** Whether the management OS has a port on it (internal switches; external ones that share the adapter). */
        boolean hostPort;
        /** BandwidthReservationMode, fixed when the switch is defined (New-VMSwitch -MinimumBandwidthMode). */
        int bandwidthMode = SwitchFeatures.MODE_DEFAULT;
        /** Its features, or null where it has none. */
        SwitchFeatures.Bandwidth bandwidth;
        SwitchFeatures.Offload offload;
        boolean removed;

        Switch(String id, String hostName, String name) {
            this.id = id;
            this.hostName = hostName;
            this.name = name;
        }

        SwitchType type() {
            return externalAdapter != null ? SwitchType.EXTERNAL : hostPort ? SwitchType.INTERNAL : SwitchType.PRIVATE;
        }
    }

    /** A VM's network adapter: its settings, and its connection to a switch (port allocation). */
    static final class Nic {
        final String vmId;
        final String id;
        final boolean synthetic;
        String name;
        String mac;
        boolean staticMac;
        /**
         * The name of the switch it is connected to, or null: a connection follows the switch's name, so
         * on whichever host the VM runs it uses that host's switch of the name (as live migration needs).
         */
        String switchName;
        /** The name of the switch it was last connected to (LastKnownSwitchName), or empty. */
        String lastSwitchName = "";
        /** Whether a port allocation (Msvm_EthernetPortAllocationSettingData) exists, connected or not. */
        boolean connection;
        /** The port allocation's ElementName, which names the VM's port on the switch too (os-win names both after the adapter). */
        String connectionName = DEFAULT_PORT_NAME;
        /** Its connection's VLAN feature settings, or null when it has none (untagged). */
        PortVlan vlan;
        boolean macSpoofing;
        long bandwidthLimit;
        long bandwidthReservation;

        Nic(String vmId, String id, boolean synthetic, String name, String mac, boolean staticMac) {
            this.vmId = vmId;
            this.id = id;
            this.synthetic = synthetic;
            this.name = name;
            this.mac = mac;
            this.staticMac = staticMac;
        }
    }

    private final Map<String, Switch> switches = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, List<Nic>> nics = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    /** Dynamic MAC addresses handed out, per host (the host's pool is 256 addresses wide, as by default). */
    private final Map<String, Integer> macsGiven = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static NetworkModel of(Lab lab) {
        synchronized (BY_LAB) {
            return BY_LAB.computeIfAbsent(lab, l -> new NetworkModel());
        }
    }

    List<Switch> switches(String hostName) {
        List<Switch> out = new ArrayList<>();
        for (Switch s : switches.values()) if (s.hostName.equalsIgnoreCase(hostName) && !s.removed) out.add(s);
        return out;
    }

    Switch aSwitch(String hostName, String id) {
        Switch s = id == null ? null : switches.get(id);
        return s == null || s.removed || !s.hostName.equalsIgnoreCase(hostName) ? null : s;
    }

    Switch named(String hostName, String name) {
        for (Switch s : switches(hostName)) if (s.name.equalsIgnoreCase(name)) return s;
        return null;
    }

    /** The switch of the host an adapter is connected to, or null (not connected, or no switch of its name there). */
    Switch connected(String hostName, Nic n) {
        return n.switchName == null ? null : named(hostName, n.switchName);
    }

    /** Connects an adapter to a switch, or disconnects it (null). */
    static void connect(Nic n, Switch sw) {
        n.switchName = sw == null ? null : sw.name;
        if (sw != null) n.lastSwitchName = sw.name;
    }

    void add(Switch s) {
        switches.put(s.id, s);
    }

    void remove(Switch s) {
        s.removed = true;
        switches.remove(s.id);
    }

    List<Nic> nics(String vmId) {
        return nics.getOrDefault(vmId, List.of());
    }

    Nic nic(String vmId, String id) {
        for (Nic n : nics(vmId)) if (n.id.equalsIgnoreCase(id)) return n;
        return null;
    }

    void add(Nic n) {
        nics.computeIfAbsent(n.vmId, k -> new ArrayList<>()).add(n);
    }

    void remove(Nic n) {
        List<Nic> l = nics.get(n.vmId);
        if (l != null) l.remove(n);
    }

    void forgetVm(String vmId) {
        nics.remove(vmId);
    }

    /** The next dynamic MAC address of the host's pool: 00-15-5D, two bytes of the host, one counted. */
    String nextMac(String hostName) {
        int n = macsGiven.merge(hostName, 1, Integer::sum) - 1;
        int hostBytes = hostName.toUpperCase(Locale.ROOT).hashCode() & 0xFFFF;
        return String.format(Locale.ROOT, "%s%04X%02X", HYPER_V_OUI, hostBytes, n & 0xFF);
    }

    /** A MAC address as Address carries it (12 hex digits, upper case), or null when it is not one. */
    static String normalMac(String text) {
        if (text == null) return null;
        String t = text.replace("-", "").replace(":", "").toUpperCase(Locale.ROOT);
        return MAC.matcher(t).matches() ? t : null;
    }

    // ---- lab file

    void save(ObjectNode into) {
        ArrayNode sw = into.putArray("switches");
        for (Switch s : switches.values()) {
            ObjectNode o = sw.addObject().put("id", s.id).put("host", s.hostName).put("name", s.name).put("notes", s.notes)
                    .put("hostPort", s.hostPort);
            if (s.externalAdapter != null) o.put("externalAdapter", s.externalAdapter);
            SwitchFeatures.save(s, o);
        }
        ArrayNode ns = into.putArray("nics");
        for (List<Nic> l : nics.values())
            for (Nic n : l) {
                ObjectNode o = ns.addObject().put("vm", n.vmId).put("id", n.id).put("synthetic", n.synthetic).put("name", n.name)
                        .put("mac", n.mac).put("staticMac", n.staticMac).put("connection", n.connection).put("connectionName", n.connectionName)
                        .put("macSpoofing", n.macSpoofing)
                        .put("bandwidthLimit", n.bandwidthLimit).put("bandwidthReservation", n.bandwidthReservation);
                if (n.switchName != null) o.put("switch", n.switchName);
                if (n.vlan != null) n.vlan.save(o.putObject("vlan"));
                o.put("lastSwitch", n.lastSwitchName);
            }
        ObjectNode macs = into.putObject("macsGiven");
        macsGiven.forEach(macs::put);
    }

    void load(LabJson from) {
        switches.clear();
        nics.clear();
        macsGiven.clear();
        for (LabJson o : from.objectsIfPresent("switches")) {
            Switch s = new Switch(o.string("id", LabJson.GUID, "switch id"), o.string("host"), o.string("name"));
            s.notes = o.string("notes", "");
            s.hostPort = o.bool("hostPort", false);
            s.externalAdapter = o.has("externalAdapter") ? o.string("externalAdapter") : null;
            SwitchFeatures.load(s, o);
            add(s);
        }
        for (LabJson o : from.objectsIfPresent("nics")) {
            String mac = normalMac(o.string("mac"));
            if (mac == null) throw o.invalid("mac", "not a MAC address of 12 hex digits");
            Nic n = new Nic(o.string("vm", LabJson.GUID, "VM id"), o.string("id", LabJson.GUID, "adapter id"),
                    o.bool("synthetic", true), o.string("name"), mac, o.bool("staticMac", false));
            n.connection = o.bool("connection", false);
            n.connectionName = o.string("connectionName", DEFAULT_PORT_NAME);
            n.switchName = o.has("switch") ? o.string("switch") : null;
            n.lastSwitchName = o.string("lastSwitch", "");
            int accessVlan = (int) o.integer("accessVlan", 0, PortVlan.MAX_ID, 0); // written before trunk and private modes
            n.vlan = o.has("vlan") ? PortVlan.load(o.object("vlan")) : accessVlan == 0 ? null : PortVlan.access(accessVlan);
            n.macSpoofing = o.bool("macSpoofing", false);
            n.bandwidthLimit = o.integer("bandwidthLimit", 0, Long.MAX_VALUE, 0);
            n.bandwidthReservation = o.integer("bandwidthReservation", 0, Long.MAX_VALUE, 0);
            add(n);
        }
        if (from.has("macsGiven"))
            from.object("macsGiven").fields().forEach((host, v) -> macsGiven.put(host, (int) v.node().asLong()));
    }
}
