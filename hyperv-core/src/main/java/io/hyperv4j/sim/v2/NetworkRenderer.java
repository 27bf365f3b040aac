package io.hyperv4j.sim.v2;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.internal.NameUuids;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimNetworkAdapter;
import io.hyperv4j.sim.SimVm;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The instances of virtual networking as Hyper-V shows them: switches, their settings and ports,
 * the host's external ports, a VM's network adapter settings, connections (port allocations) and
 * port features, and, while the VM runs, its adapters' logical devices and LAN endpoints.
 * <p>InstanceIDs: a switch's settings {@code Microsoft:<switch>}, its own ports' allocations
 * {@code Microsoft:<switch>\<port>}; an adapter {@code Microsoft:<VM>\<adapter>}, its connection
 * {@code ...\C}, the connection's features {@code ...\C\<feature UUID>}; templates
 * {@code Microsoft:Definition\<UUID>\Default}.
 */
final class NetworkRenderer {
    static final String SWITCH = "Msvm_VirtualEthernetSwitch";
    static final String SWITCH_SETTINGS = "Msvm_VirtualEthernetSwitchSettingData";
    static final String SWITCH_SERVICE = "Msvm_VirtualEthernetSwitchManagementService";
    static final String SWITCH_PORT = "Msvm_EthernetSwitchPort";
    static final String EXTERNAL_PORT = "Msvm_ExternalEthernetPort";
    static final String INTERNAL_PORT = "Msvm_InternalEthernetPort";
    static final String ACTIVE_CONNECTION = "Msvm_ActiveConnection";
    static final String SYNTHETIC_NIC = "Msvm_SyntheticEthernetPortSettingData";
    static final String EMULATED_NIC = "Msvm_EmulatedEthernetPortSettingData";
    static final String PORT_ALLOCATION = "Msvm_EthernetPortAllocationSettingData";
    static final String VLAN = "Msvm_EthernetSwitchPortVlanSettingData";
    static final String SECURITY = "Msvm_EthernetSwitchPortSecuritySettingData";
    static final String BANDWIDTH = "Msvm_EthernetSwitchPortBandwidthSettingData";
    static final String SYNTHETIC_PORT = "Msvm_SyntheticEthernetPort";
    static final String EMULATED_PORT = "Msvm_EmulatedEthernetPort";
    static final String LAN_ENDPOINT = "Msvm_LANEndpoint";
    static final String PORT_FEATURE_COMPONENT = "Msvm_EthernetPortSettingDataComponent";
    static final String ELEMENT_SETTING_DATA = "Msvm_ElementSettingData";
    static final String DEVICE_SAP = "Msvm_EthernetDeviceSAPImplementation";

    /** The UUIDs that name each port feature (the classes' UUID qualifiers). */
    static final String VLAN_ID = "952C5004-4465-451C-8CB8-FA9AB382B773";
    static final String SECURITY_ID = "776E0BA7-94A1-41C8-8F28-951F524251B5";
    static final String BANDWIDTH_ID = "24AD3CE1-69BD-4978-B2AC-DAAD389D699C";

    static final String SYNTHETIC_SUBTYPE = "Microsoft:Hyper-V:Synthetic Ethernet Port";
    static final String EMULATED_SUBTYPE = "Microsoft:Hyper-V:Emulated Ethernet Port";
    static final String CONNECTION_SUBTYPE = "Microsoft:Hyper-V:Ethernet Connection";
    /** CIM_ResourceAllocationSettingData.ResourceType: 10 Ethernet Adapter, 33 Ethernet Connection. */
    static final int ETHERNET_ADAPTER = 10;
    static final int ETHERNET_CONNECTION = 33;
    private static final String SERVICE_NAME = "nvspwmi";
    private static final String DEFAULT = "\\Default";
    private static final String DEFINITION = "Microsoft:Definition\\";

    private NetworkRenderer() {}

    // ---- paths

    static ObjectPath switchPath(String host, String id) {
        return V2.path(host, SWITCH, "CreationClassName", SWITCH, "Name", id);
    }

    static ObjectPath switchSettingsPath(String host, String id) {
        return V2.path(host, SWITCH_SETTINGS, "InstanceID", "Microsoft:" + id);
    }

    static ObjectPath servicePath(String host) {
        return V2.path(host, SWITCH_SERVICE, "SystemCreationClassName", V2.COMPUTER_SYSTEM, "SystemName", host,
                "CreationClassName", SWITCH_SERVICE, "Name", SERVICE_NAME);
    }

    static ObjectPath externalPortPath(String host, SimNetworkAdapter a) {
        return V2.path(host, EXTERNAL_PORT, "SystemCreationClassName", V2.COMPUTER_SYSTEM, "SystemName", host,
                "CreationClassName", EXTERNAL_PORT, "DeviceID", "Microsoft:" + externalPortId(host, a));
    }

    /** The management OS's adapter on a switch it shares (Get-VMNetworkAdapter -ManagementOS). */
    static ObjectPath internalPortPath(String host, NetworkModel.Switch s) {
        return V2.path(host, INTERNAL_PORT, "SystemCreationClassName", V2.COMPUTER_SYSTEM, "SystemName", host,
                "CreationClassName", INTERNAL_PORT, "DeviceID", "Microsoft:" + internalPortId(s));
    }

    private static String internalPortId(NetworkModel.Switch s) {
        return guid("internal-nic:" + s.id);
    }

    /** A LAN endpoint: of a switch port (the switch is its system), or of a host or VM adapter (the computer system is). */
    static ObjectPath endpointPath(String host, String systemClass, String systemName, String id) {
        return V2.path(host, LAN_ENDPOINT, "SystemCreationClassName", systemClass, "SystemName", systemName,
                "CreationClassName", LAN_ENDPOINT, "Name", "Microsoft:" + id);
    }

    static ObjectPath switchPortEndpointPath(String host, String switchId, String portId) {
        return endpointPath(host, SWITCH, switchId, portId);
    }

    static ObjectPath internalEndpointPath(String host, NetworkModel.Switch s) {
        return endpointPath(host, V2.COMPUTER_SYSTEM, host, internalPortId(s));
    }

    static ObjectPath externalEndpointPath(String host, SimNetworkAdapter a) {
        return endpointPath(host, V2.COMPUTER_SYSTEM, host, externalPortId(host, a));
    }

    private static String externalPortId(String host, SimNetworkAdapter a) {
        return guid("adapter:" + host + ":" + a.description());
    }

    static ObjectPath switchPortPath(String host, String switchId, String portId) {
        return V2.path(host, SWITCH_PORT, "SystemCreationClassName", SWITCH, "SystemName", switchId,
                "CreationClassName", SWITCH_PORT, "DeviceID", "Microsoft:" + portId);
    }

    static ObjectPath nicPath(String host, NetworkModel.Nic n) {
        return V2.path(host, n.synthetic ? SYNTHETIC_NIC : EMULATED_NIC, "InstanceID", nicId(n));
    }

    static String nicId(NetworkModel.Nic n) {
        return "Microsoft:" + n.vmId + "\\" + n.id;
    }

    static ObjectPath allocationPath(String host, NetworkModel.Nic n) {
        return V2.path(host, PORT_ALLOCATION, "InstanceID", nicId(n) + "\\C");
    }

    static ObjectPath featurePath(String host, NetworkModel.Nic n, String cls) {
        return V2.path(host, cls, "InstanceID", nicId(n) + "\\C\\" + featureId(cls));
    }

    static ObjectPath devicePath(String host, NetworkModel.Nic n) {
        String cls = n.synthetic ? SYNTHETIC_PORT : EMULATED_PORT;
        return V2.path(host, cls, "SystemCreationClassName", V2.COMPUTER_SYSTEM, "SystemName", n.vmId,
                "CreationClassName", cls, "DeviceID", "Microsoft:" + n.id);
    }

    static ObjectPath endpointPath(String host, NetworkModel.Nic n) {
        return endpointPath(host, V2.COMPUTER_SYSTEM, n.vmId, n.id);
    }

    /** The port a VM's connection gets on its switch while the VM runs. */
    static String vmPortId(NetworkModel.Nic n) {
        return guid("port:" + n.vmId + ":" + n.id);
    }

    /** The switch's own port allocations: to the external adapter, and to the management OS. */
    record HostPort(String id, boolean external, String name) {}

    static List<HostPort> hostPorts(NetworkModel.Switch s) {
        List<HostPort> out = new ArrayList<>();
        if (s.externalAdapter != null) out.add(new HostPort(guid("external:" + s.id), true, s.externalAdapter));
        if (s.hostPort) out.add(new HostPort(guid("internal:" + s.id), false, s.name));
        return out;
    }

    static String featureId(String cls) {
        if (cls.equalsIgnoreCase(VLAN)) return VLAN_ID;
        if (cls.equalsIgnoreCase(SECURITY)) return SECURITY_ID;
        if (cls.equalsIgnoreCase(BANDWIDTH)) return BANDWIDTH_ID;
        return null;
    }

    static String guid(String seed) {
        return NameUuids.of(seed).toString().toUpperCase(Locale.ROOT);
    }

    /** A path as string properties (HostResource, Parent, Connection) carry it. */
    static String text(ObjectPath p) {
        return p.toString();
    }

    // ---- instances

    private static CimInstance.Builder start(ObjectPath p) {
        CimInstance.Builder b = CimInstance.builder(p.className()).path(p);
        p.keys().forEach((k, v) -> b.put(k, v instanceof String s ? CimValue.string(s) : CimValue.ref((ObjectPath) v)));
        return b;
    }

    private static void enabled(CimInstance.Builder b) {
        b.put("EnabledState", CimValue.uint16(2));
        b.put("HealthState", CimValue.uint16(5));
        b.put("OperationalStatus", CimValue.array(CimType.UINT16, List.of(2L)));
        b.put("RequestedState", CimValue.uint16(12));
        b.put("EnabledDefault", CimValue.uint16(2));
    }

    static CimInstance service(SimHost h) {
        CimInstance.Builder b = start(servicePath(h.name()));
        b.put("Caption", CimValue.string("Virtual Networking Management Service"));
        b.put("Description", CimValue.string("Provides Hyper-V Networking WMI management"));
        b.put("ElementName", CimValue.string("Hyper-V Networking Management Service"));
        b.put("StatusDescriptions", CimValue.strings(List.of("OK")));
        b.put("Status", CimValue.string("OK"));
        enabled(b);
        b.put("Started", CimValue.bool(true));
        return b.build();
    }

    static CimInstance aSwitch(NetworkModel.Switch s) {
        CimInstance.Builder b = start(switchPath(s.hostName, s.id));
        b.put("Caption", CimValue.string("Virtual Switch"));
        b.put("Description", CimValue.string("Microsoft Virtual Switch"));
        b.put("ElementName", CimValue.string(s.name));
        enabled(b);
        b.put("ResetCapability", CimValue.uint16(5));
        return b.build();
    }

    static CimInstance switchSettings(NetworkModel.Switch s) {
        CimInstance.Builder b = start(switchSettingsPath(s.hostName, s.id));
        b.put("Caption", CimValue.string("Virtual Ethernet Switch Settings"));
        b.put("Description", CimValue.string("Active settings for the virtual Ethernet switch"));
        b.put("ElementName", CimValue.string(s.name));
        b.put("VirtualSystemIdentifier", CimValue.string(s.id));
        b.put("VirtualSystemType", CimValue.string("DMTF:Ethernet Switch"));
        b.put("Notes", CimValue.strings(s.notes.isEmpty() ? List.of() : List.of(s.notes)));
        b.put("IOVPreferred", CimValue.bool(false));
        b.put("BandwidthReservationMode", CimValue.uint32(s.bandwidthMode));
        b.put("TeamingEnabled", CimValue.bool(false));
        b.put("PacketDirectEnabled", CimValue.bool(false));
        return b.build();
    }

    static CimInstance externalPort(SimHost h, SimNetworkAdapter a, boolean bound, int index) {
        CimInstance.Builder b = start(externalPortPath(h.name(), a));
        b.put("Caption", CimValue.string("Ethernet Port"));
        b.put("Description", CimValue.string("Microsoft External Ethernet Port"));
        b.put("ElementName", CimValue.string(a.description()));
        b.put("Name", CimValue.string(a.description()));
        b.put("StatusDescriptions", CimValue.strings(List.of("OK")));
        b.put("Status", CimValue.string("OK"));
        enabled(b);
        b.put("Speed", CimValue.uint64(a.bitsPerSecond()));
        b.put("MaxSpeed", CimValue.uint64(a.bitsPerSecond()));
        b.put("PermanentAddress", CimValue.string(SimNetworkAdapter.permanentAddress(h.name(), index)));
        b.put("PortType", CimValue.uint16(0));
        b.put("LinkTechnology", CimValue.uint16(2));
        b.put("IsBound", CimValue.bool(bound));
        return b.build();
    }

    /** The management OS's adapter on the switch: named after it, with an address of the host's pool. */
    static CimInstance internalPort(NetworkModel.Switch s) {
        CimInstance.Builder b = start(internalPortPath(s.hostName, s));
        b.put("Caption", CimValue.string("Internal Ethernet Port"));
        b.put("Description", CimValue.string("Microsoft Internal Ethernet Port"));
        b.put("ElementName", CimValue.string(s.name));
        b.put("Name", CimValue.string(s.name));
        b.put("StatusDescriptions", CimValue.strings(List.of("OK")));
        b.put("Status", CimValue.string("OK"));
        enabled(b);
        b.put("PermanentAddress", CimValue.string(internalMac(s)));
        b.put("NetworkAddresses", CimValue.strings(List.of(internalMac(s))));
        b.put("LinkTechnology", CimValue.uint16(2));
        b.put("Speed", CimValue.uint64(10_000_000_000L));
        b.put("MaxSpeed", CimValue.uint64(10_000_000_000L));
        return b.build();
    }

    /** The host adapter's address: Hyper-V's prefix, two bytes of the host, one of the switch. */
    static String internalMac(NetworkModel.Switch s) {
        int hostBytes = s.hostName.toUpperCase(Locale.ROOT).hashCode() & 0xFFFF;
        return String.format(Locale.ROOT, "%s%04X%02X", NetworkModel.HYPER_V_OUI, hostBytes, 0x80 | (s.id.hashCode() & 0x7F));
    }

    /** A LAN endpoint: {@code name} its ElementName, {@code mac} its address (null on a switch port, which has none of its own). */
    static CimInstance endpoint(ObjectPath path, String name, String mac) {
        CimInstance.Builder b = start(path);
        b.put("Caption", CimValue.string("LAN Endpoint"));
        b.put("Description", CimValue.string("Microsoft Virtual LAN Endpoint"));
        b.put("ElementName", CimValue.string(name));
        if (mac != null) b.put("MACAddress", CimValue.string(mac));
        b.put("NameFormat", CimValue.string("Microsoft Virtual Device ID"));
        b.put("StatusDescriptions", CimValue.strings(List.of("OK")));
        enabled(b);
        b.put("ProtocolIFType", CimValue.uint16(6));
        return b.build();
    }

    /** Msvm_ActiveConnection: the switch port's endpoint (Antecedent) is connected to the adapter's (Dependent). */
    static CimInstance activeConnection(String host, ObjectPath switchPortEndpoint, ObjectPath adapterEndpoint) {
        return association(host, ACTIVE_CONNECTION, "Antecedent", switchPortEndpoint, "Dependent", adapterEndpoint).toBuilder()
                .put("IsUnidirectional", CimValue.bool(false)).build();
    }

    static CimInstance switchPort(String host, String switchId, String portId, String name) {
        CimInstance.Builder b = start(switchPortPath(host, switchId, portId));
        b.put("Caption", CimValue.string("Ethernet Switch Port"));
        b.put("Description", CimValue.string("Microsoft Virtual Ethernet Switch Port"));
        b.put("ElementName", CimValue.string(name));
        b.put("Name", CimValue.string(portId));
        b.put("StatusDescriptions", CimValue.strings(List.of("OK")));
        enabled(b);
        return b.build();
    }

    /** A switch's own port allocation: HostResource names the external port or the host itself. */
    static CimInstance switchAllocation(SimHost h, NetworkModel.Switch s, HostPort p) {
        ObjectPath path = V2.path(h.name(), PORT_ALLOCATION, "InstanceID", "Microsoft:" + s.id + "\\" + p.id());
        CimInstance.Builder b = allocation(start(path), p.name());
        ObjectPath target = null;
        if (p.external())
            for (SimNetworkAdapter a : h.networkAdapters()) if (a.description().equals(p.name())) target = externalPortPath(h.name(), a);
        if (!p.external()) target = V2.computerSystem(h.name(), h.name());
        b.put("HostResource", CimValue.strings(target == null ? List.of() : List.of(text(target))));
        b.put("LastKnownSwitchName", CimValue.string(s.name));
        return b.build();
    }

    static ObjectPath switchAllocationPath(String host, NetworkModel.Switch s, HostPort p) {
        return V2.path(host, PORT_ALLOCATION, "InstanceID", "Microsoft:" + s.id + "\\" + p.id());
    }

    private static CimInstance.Builder allocation(CimInstance.Builder b, String name) {
        b.put("Caption", CimValue.string("Ethernet Switch Port Settings"));
        b.put("Description", CimValue.string("Describes the Ethernet switch port settings"));
        b.put("ElementName", CimValue.string(name));
        b.put("ResourceType", CimValue.uint16(ETHERNET_CONNECTION));
        b.put("ResourceSubType", CimValue.string(CONNECTION_SUBTYPE));
        b.put("PoolID", CimValue.string(""));
        b.put("AutomaticAllocation", CimValue.bool(true));
        b.put("AutomaticDeallocation", CimValue.bool(true));
        b.put("Connection", CimValue.strings(List.of()));
        b.put("HostResource", CimValue.strings(List.of()));
        b.put("EnabledState", CimValue.uint16(2));
        b.put("RequiredFeatures", CimValue.strings(List.of()));
        b.put("RequiredFeatureHints", CimValue.strings(List.of()));
        return b;
    }

    static CimInstance nic(SimVm vm, NetworkModel.Nic n) {
        CimInstance.Builder b = start(nicPath(vm.host().name(), n));
        nicSettings(b, n.synthetic, n.name);
        b.put("Address", CimValue.string(n.mac));
        b.put("StaticMacAddress", CimValue.bool(n.staticMac));
        if (n.synthetic) b.put("VirtualSystemIdentifiers", CimValue.strings(List.of("{" + n.id + "}")));
        return b.build();
    }

    private static void nicSettings(CimInstance.Builder b, boolean synthetic, String name) {
        b.put("Caption", CimValue.string(synthetic ? "Virtual Ethernet Port" : "Emulated Ethernet Port"));
        b.put("Description", CimValue.string(synthetic ? "Microsoft Virtual Ethernet Port" : "Microsoft Emulated Ethernet Port"));
        b.put("ElementName", CimValue.string(name));
        b.put("ResourceType", CimValue.uint16(ETHERNET_ADAPTER));
        b.put("ResourceSubType", CimValue.string(synthetic ? SYNTHETIC_SUBTYPE : EMULATED_SUBTYPE));
        b.put("PoolID", CimValue.string(""));
        b.put("VirtualQuantity", CimValue.uint64(1));
        b.put("AutomaticAllocation", CimValue.bool(true));
        b.put("AutomaticDeallocation", CimValue.bool(true));
        b.put("Connection", CimValue.strings(List.of()));
        b.put("Address", CimValue.string("000000000000"));
        b.put("StaticMacAddress", CimValue.bool(false));
        if (synthetic) {
            b.put("DeviceNamingEnabled", CimValue.bool(false));
            b.put("AllowPacketDirect", CimValue.bool(false));
            b.put("ClusterMonitored", CimValue.bool(true));
        }
    }

    static CimInstance connection(SimVm vm, NetworkModel.Nic n, NetworkModel.Switch s) {
        String host = vm.host().name();
        CimInstance.Builder b = allocation(start(allocationPath(host, n)), n.connectionName);
        b.put("Parent", CimValue.string(text(nicPath(host, n))));
        b.put("HostResource", CimValue.strings(s == null ? List.of() : List.of(text(switchPath(host, s.id)))));
        b.put("LastKnownSwitchName", CimValue.string(s == null ? n.lastSwitchName : s.name));
        b.put("EnabledState", CimValue.uint16(s == null ? 3 : 2));
        return b.build();
    }

    /** The connection's port features that differ from the defaults (Windows keeps only those). */
    static List<CimInstance> features(SimVm vm, NetworkModel.Nic n) {
        List<CimInstance> out = new ArrayList<>();
        String host = vm.host().name();
        if (n.vlan != null) out.add(vlan(start(featurePath(host, n, VLAN)), n.vlan));
        if (n.macSpoofing) out.add(security(start(featurePath(host, n, SECURITY)), true));
        if (n.bandwidthLimit != 0 || n.bandwidthReservation != 0)
            out.add(bandwidth(start(featurePath(host, n, BANDWIDTH)), n.bandwidthLimit, n.bandwidthReservation));
        return out;
    }

    private static CimInstance vlan(CimInstance.Builder b, PortVlan v) {
        b.put("Caption", CimValue.string("Ethernet Switch Port VLAN Settings"));
        b.put("Description", CimValue.string("Represents the vlan setting data."));
        b.put("ElementName", CimValue.string("Ethernet Switch Port VLAN Settings"));
        v.render(b);
        return b.build();
    }

    private static CimInstance security(CimInstance.Builder b, boolean macSpoofing) {
        b.put("Caption", CimValue.string("Ethernet Switch Port Security Settings"));
        b.put("Description", CimValue.string("Represents the security feature setting data."));
        b.put("ElementName", CimValue.string("Ethernet Switch Port Security Settings"));
        b.put("AllowMacSpoofing", CimValue.bool(macSpoofing));
        for (String f : List.of("EnableDhcpGuard", "EnableRouterGuard", "AllowIeeePriorityTag", "AllowTeaming", "EnableFixSpeed10G", "Reserved"))
            b.put(f, CimValue.bool(false));
        b.put("MonitorMode", CimValue.uint8(0));
        b.put("MonitorSession", CimValue.uint8(0));
        b.put("TeamName", CimValue.string(""));
        for (String f : List.of("VirtualSubnetId", "TeamNumber", "DynamicIPAddressLimit", "StormLimit")) b.put(f, CimValue.uint32(0));
        return b.build();
    }

    private static CimInstance bandwidth(CimInstance.Builder b, long limit, long reservation) {
        b.put("Caption", CimValue.string("Ethernet Switch Port Bandwidth Settings"));
        b.put("Description", CimValue.string("Represents the port bandwidth settings."));
        b.put("ElementName", CimValue.string("Ethernet Switch Port Bandwidth Settings"));
        b.put("Limit", CimValue.uint64(limit));
        b.put("Reservation", CimValue.uint64(reservation));
        b.put("Weight", CimValue.uint64(0));
        b.put("BurstLimit", CimValue.uint64(0));
        b.put("BurstSize", CimValue.uint64(0));
        return b.build();
    }

    /** The settings templates (InstanceID LIKE '%\Default') clients start a new adapter, connection or feature from. */
    static List<CimInstance> defaults(String host, String cls) {
        ObjectPath p = V2.path(host, cls, "InstanceID", DEFINITION + defaultGuid(cls) + DEFAULT);
        CimInstance.Builder b = start(p);
        if (cls.equalsIgnoreCase(SYNTHETIC_NIC) || cls.equalsIgnoreCase(EMULATED_NIC)) {
            boolean synthetic = cls.equalsIgnoreCase(SYNTHETIC_NIC);
            nicSettings(b, synthetic, synthetic ? "Network Adapter" : "Legacy Network Adapter");
            return List.of(b.build());
        }
        if (cls.equalsIgnoreCase(PORT_ALLOCATION)) return List.of(allocation(b, NetworkModel.DEFAULT_PORT_NAME).build());
        if (cls.equalsIgnoreCase(VLAN)) return List.of(vlan(b, new PortVlan(0, 0, 0, 0, 0, 0, List.of(), List.of(), List.of())));
        if (cls.equalsIgnoreCase(SECURITY)) return List.of(security(b, false));
        if (cls.equalsIgnoreCase(BANDWIDTH)) return List.of(bandwidth(b, 0, 0));
        return List.of();
    }

    private static String defaultGuid(String cls) {
        String f = featureId(cls);
        return f != null ? f : guid("definition:" + cls.toLowerCase(Locale.ROOT));
    }

    /** A running VM's adapter device. */
    static CimInstance device(SimVm vm, NetworkModel.Nic n) {
        CimInstance.Builder b = start(devicePath(vm.host().name(), n));
        b.put("Caption", CimValue.string(n.synthetic ? "Virtual Ethernet Port" : "Emulated Ethernet Port"));
        b.put("Description", CimValue.string(n.synthetic ? "Microsoft Virtual Ethernet Port" : "Microsoft Emulated Ethernet Port"));
        b.put("ElementName", CimValue.string(n.name));
        b.put("Name", CimValue.string(n.name));
        b.put("PermanentAddress", CimValue.string(n.mac));
        b.put("NetworkAddresses", CimValue.strings(List.of(n.mac)));
        b.put("LinkTechnology", CimValue.uint16(2));
        b.put("AdditionalAvailability", CimValue.array(CimType.UINT16, List.of(6L)));
        b.put("Speed", CimValue.uint64(10_000_000_000L));
        enabled(b);
        return b.build();
    }

    static CimInstance endpoint(SimVm vm, NetworkModel.Nic n) {
        return endpoint(endpointPath(vm.host().name(), n), n.name, n.mac);
    }

    /** Whether the VM's worker process is up, so its devices exist (running, paused, or on the way between). */
    static boolean running(SimVm vm) {
        return vm.state().isActive();
    }

    // ---- associations

    static CimInstance association(String host, String cls, String role1, ObjectPath a, String role2, ObjectPath b) {
        ObjectPath p = V2.path(host, cls, role1, a, role2, b);
        return start(p).build();
    }
}
