package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.SimNetworkAdapter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: what is connected to a switch port, walked as a client walks it: an adapter
 * (Msvm_SyntheticEthernetPort, Msvm_InternalEthernetPort, Msvm_ExternalEthernetPort) implements a
 * Msvm_LANEndpoint (Msvm_EthernetDeviceSAPImplementation), which Msvm_ActiveConnection joins to the
 * switch port's endpoint, which the Msvm_EthernetSwitchPort implements. The management OS's adapter
 * (Msvm_InternalEthernetPort) exists while the switch has a port to the host. (Before: neither
 * Msvm_ActiveConnection nor Msvm_InternalEthernetPort had instances.)
 */
class SwitchConnectionsTest {
    private static final String SAP = NetworkRenderer.DEVICE_SAP;

    private static CimInstance hostPort(String host) {
        return CimInstance.builder(NetworkRenderer.PORT_ALLOCATION)
                .put("HostResource", CimValue.strings(List.of(V2.computerSystem(host, host).toString()))).build();
    }

    /** The switch an adapter is connected to, walked from the adapter's device through the endpoints; null when none. */
    private static String switchOf(V2Fixture f, ObjectPath device) {
        List<CimInstance> mine = f.session.associators(device, SAP, NetworkRenderer.LAN_ENDPOINT);
        assertEquals(1, mine.size(), "the adapter's endpoint");
        List<CimInstance> peers = f.session.associators(mine.get(0).path(), NetworkRenderer.ACTIVE_CONNECTION, NetworkRenderer.LAN_ENDPOINT);
        if (peers.isEmpty()) return null;
        assertEquals(1, peers.size());
        List<CimInstance> ports = f.session.associators(peers.get(0).path(), SAP, NetworkRenderer.SWITCH_PORT);
        assertEquals(1, ports.size(), "the switch port behind the endpoint");
        List<CimInstance> switches = f.session.associators(ports.get(0).path(), V2.SYSTEM_DEVICE, NetworkRenderer.SWITCH);
        assertEquals(1, switches.size());
        return switches.get(0).getString("ElementName");
    }

    private static List<CimInstance> internalPorts(V2Fixture f) {
        return f.session.query(V2.NAMESPACE, "SELECT * FROM " + NetworkRenderer.INTERNAL_PORT);
    }

    @Test
    void theManagementOsAdapterExistsWhileTheSwitchHasAPortToTheHost() {
        try (V2Fixture f = new V2Fixture()) {
            VirtualNetworkingTest.newSwitch(f, "Isolated");
            assertEquals(List.of(), internalPorts(f), "a private switch has no host adapter");
            ObjectPath sw = VirtualNetworkingTest.newSwitch(f, "Tenant", hostPort(V2Fixture.HOST));
            List<CimInstance> internal = internalPorts(f);
            assertEquals(1, internal.size());
            assertEquals("Tenant", internal.get(0).getString("ElementName"));
            assertEquals(V2Fixture.HOST, f.session.associators(internal.get(0).path(), V2.SYSTEM_DEVICE, V2.COMPUTER_SYSTEM).get(0).getString("Name"));
            assertEquals("Tenant", switchOf(f, internal.get(0).path()));

            // Remove the host's port (Set-VMSwitch -SwitchType Private): the adapter goes with it
            ObjectPath alloc = f.session.associators(sw, null, NetworkRenderer.SWITCH_SETTINGS).stream()
                    .flatMap(st -> f.session.associators(st.path(), V2.VSSD_COMPONENT, NetworkRenderer.PORT_ALLOCATION).stream())
                    .findFirst().orElseThrow().path();
            assertEquals(0, f.session.invoke(VirtualNetworkingTest.switchService(f), "RemoveResourceSettings",
                    Map.of("ResourceSettings", CimValue.array(CimType.REFERENCE, List.of(alloc)))).returnValue());
            assertEquals(List.of(), internalPorts(f));
            assertEquals(List.of(), f.session.query(V2.NAMESPACE, "SELECT * FROM " + NetworkRenderer.ACTIVE_CONNECTION));
        }
    }

    @Test
    void anExternalSwitchSharedWithTheHostConnectsBothAdapters() {
        try (V2Fixture f = new V2Fixture()) {
            f.lab.addNetworkAdapter(V2Fixture.HOST, new SimNetworkAdapter("Intel(R) Ethernet 10G", 10_000_000_000L, ""));
            ObjectPath ext = f.session.query(V2.NAMESPACE, "SELECT * FROM Msvm_ExternalEthernetPort").get(0).path();
            CimInstance uplink = CimInstance.builder(NetworkRenderer.PORT_ALLOCATION).put("HostResource", CimValue.strings(List.of(ext.toString()))).build();
            VirtualNetworkingTest.newSwitch(f, "Uplink", uplink, hostPort(V2Fixture.HOST));
            assertEquals("Uplink", switchOf(f, ext));
            assertEquals("Uplink", switchOf(f, internalPorts(f).get(0).path()));
            assertEquals(2, f.session.query(V2.NAMESPACE, "SELECT * FROM " + NetworkRenderer.ACTIVE_CONNECTION).size());
        }
    }

    @Test
    void aRunningVmsAdapterIsActivelyConnectedToItsPortUntilTheVmStops() {
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath sw = VirtualNetworkingTest.newSwitch(f, "Tenant");
            ObjectPath vm = f.defined("web");
            ObjectPath nic = VirtualNetworkingTest.addNic(f, vm, NetworkRenderer.SYNTHETIC_NIC, Map.of("ElementName", CimValue.string("nic0")));
            VirtualNetworkingTest.connect(f, vm, nic, sw);
            f.requestState(vm, 2);
            f.settle();
            CimInstance device = f.session.associators(vm, V2.SYSTEM_DEVICE, NetworkRenderer.SYNTHETIC_PORT).get(0);
            assertEquals("Tenant", switchOf(f, device.path()));
            CimInstance link = f.session.query(V2.NAMESPACE, "SELECT * FROM " + NetworkRenderer.ACTIVE_CONNECTION).get(0);
            assertEquals(Boolean.FALSE, link.get("IsUnidirectional").asBoolean());
            assertEquals(NetworkRenderer.SWITCH, link.get("Antecedent").asPath().key("SystemCreationClassName"), "the switch port's endpoint");

            f.requestState(vm, 3);
            f.settle();
            assertEquals(List.of(), f.session.query(V2.NAMESPACE, "SELECT * FROM " + NetworkRenderer.ACTIVE_CONNECTION));
            assertEquals(List.of(), f.session.associators(sw, V2.SYSTEM_DEVICE, NetworkRenderer.SWITCH_PORT), "a stopped VM has no port");
        }
    }
}
