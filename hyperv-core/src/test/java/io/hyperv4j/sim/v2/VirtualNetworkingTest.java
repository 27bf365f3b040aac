package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimNetworkAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: virtual networking through raw CIM as os-win and PowerShell drive it: switches through
 * Msvm_VirtualEthernetSwitchManagementService, adapters and their connections through
 * Msvm_VirtualSystemManagementService, VLAN as a port feature, the devices of a running VM.
 * (Before: none of these classes had instances, and adding a synthetic adapter returned 4.)
 */
class VirtualNetworkingTest {
    private static final String SWITCH_SERVICE = "Msvm_VirtualEthernetSwitchManagementService";

    static ObjectPath switchService(V2Fixture f) {
        return f.session.query(V2.NAMESPACE, "SELECT * FROM " + SWITCH_SERVICE).get(0).path();
    }

    static CimInstance template(V2Fixture f, String cls) {
        List<CimInstance> t = f.session.query(V2.NAMESPACE, "SELECT * FROM " + cls + " WHERE InstanceID LIKE '%\\\\Default'");
        assertEquals(1, t.size(), cls + " template");
        return t.get(0);
    }

    static ObjectPath newSwitch(V2Fixture f, String name, CimInstance... ports) {
        CimInstance settings = CimInstance.builder(NetworkRenderer.SWITCH_SETTINGS).put("ElementName", CimValue.string(name)).build();
        MethodResult r = f.session.invoke(switchService(f), "DefineSystem", Map.of("SystemSettings", CimValue.object(settings),
                "ResourceSettings", CimValue.array(CimType.OBJECT, List.of(ports))));
        assertEquals(0, r.returnValue(), "DefineSystem of switch " + name);
        return r.get("ResultingSystem").asPath();
    }

    static ObjectPath addNic(V2Fixture f, ObjectPath vm, String cls, Map<String, CimValue> props) {
        CimInstance.Builder b = template(f, cls).toBuilder().path(null);
        b.remove("InstanceID");
        props.forEach(b::put);
        MethodResult r = f.session.invoke(f.service(), "AddResourceSettings", Map.of(
                "AffectedConfiguration", CimValue.ref(V2.settings(V2Fixture.HOST, (String) vm.key("Name"))),
                "ResourceSettings", CimValue.array(CimType.OBJECT, List.of(b.build()))));
        assertEquals(0, r.returnValue(), "AddResourceSettings " + cls);
        return (ObjectPath) r.get("ResultingResourceSettings").asList().get(0);
    }

    static ObjectPath connect(V2Fixture f, ObjectPath vm, ObjectPath nic, ObjectPath sw) {
        return addNic(f, vm, NetworkRenderer.PORT_ALLOCATION, Map.of("Parent", CimValue.string(nic.toString()),
                "HostResource", CimValue.strings(List.of(sw.toString()))));
    }

    @Test
    void anInternalSwitchAndAConnectedAdapterWithAVlanShowAsOnWindows() {
        try (V2Fixture f = new V2Fixture()) {
            CimInstance internal = CimInstance.builder(NetworkRenderer.PORT_ALLOCATION)
                    .put("HostResource", CimValue.strings(List.of(V2.computerSystem(V2Fixture.HOST, V2Fixture.HOST).toString()))).build();
            ObjectPath sw = newSwitch(f, "Internal", internal);
            assertEquals("Internal", f.session.get(sw).getString("ElementName"));
            assertEquals(1, f.session.associators(sw, null, NetworkRenderer.SWITCH_SETTINGS).size());
            assertEquals(1, f.session.associators(sw, V2.SYSTEM_DEVICE, NetworkRenderer.SWITCH_PORT).size(), "the management OS's port");

            ObjectPath vm = f.defined("web");
            ObjectPath nic = addNic(f, vm, NetworkRenderer.SYNTHETIC_NIC, Map.of("ElementName", CimValue.string("nic0")));
            CimInstance nicNow = f.session.get(nic);
            assertTrue(nicNow.getString("Address").startsWith(NetworkModel.HYPER_V_OUI), nicNow.getString("Address"));
            assertEquals(false, nicNow.booleanOr("StaticMacAddress", true));
            ObjectPath conn = connect(f, vm, nic, sw);
            CimInstance c = f.session.get(conn);
            assertEquals(List.of(sw.toString()), c.list("HostResource"));
            assertEquals("Internal", c.getString("LastKnownSwitchName"));

            CimInstance vlan = template(f, NetworkRenderer.VLAN).toBuilder().path(null).remove("InstanceID")
                    .put("OperationMode", CimValue.uint32(1)).put("AccessVlanId", CimValue.uint16(42)).build();
            MethodResult r = f.session.invoke(f.service(), "AddFeatureSettings", Map.of("AffectedConfiguration", CimValue.ref(conn),
                    "FeatureSettings", CimValue.array(CimType.OBJECT, List.of(vlan))));
            assertEquals(0, r.returnValue());
            List<CimInstance> features = f.session.associators(conn, NetworkRenderer.PORT_FEATURE_COMPONENT, null);
            assertEquals(1, features.size());
            assertEquals(42, features.get(0).getLong("AccessVlanId"));

            // the VSSD lists the adapter and its connection
            List<String> parts = f.session.associators(V2.settings(V2Fixture.HOST, (String) vm.key("Name")), V2.VSSD_COMPONENT, null)
                    .stream().map(CimInstance::className).toList();
            assertTrue(parts.contains(NetworkRenderer.SYNTHETIC_NIC) && parts.contains(NetworkRenderer.PORT_ALLOCATION), parts.toString());

            // running: the adapter's device, its LAN endpoint, a port on the switch
            assertEquals(4096, f.requestState(vm, 2).returnValue());
            f.settle();
            List<CimInstance> devices = f.session.associators(vm, V2.SYSTEM_DEVICE, NetworkRenderer.SYNTHETIC_PORT);
            assertEquals(1, devices.size());
            assertEquals(nicNow.getString("Address"), devices.get(0).getString("PermanentAddress"));
            assertEquals(1, f.session.associators(devices.get(0).path(), null, NetworkRenderer.LAN_ENDPOINT).size());
            assertEquals(2, f.session.associators(sw, V2.SYSTEM_DEVICE, NetworkRenderer.SWITCH_PORT).size());
        }
    }

    @Test
    void anExternalSwitchBindsOneHostAdapterOnce() {
        try (V2Fixture f = new V2Fixture()) {
            f.lab.addNetworkAdapter(V2Fixture.HOST, new SimNetworkAdapter("Intel(R) Ethernet 10G", 10_000_000_000L, ""));
            List<CimInstance> ext = f.session.query(V2.NAMESPACE, "SELECT * FROM Msvm_ExternalEthernetPort");
            assertEquals(1, ext.size());
            assertEquals(false, ext.get(0).booleanOr("IsBound", true));
            CimInstance port = CimInstance.builder(NetworkRenderer.PORT_ALLOCATION)
                    .put("HostResource", CimValue.strings(List.of(ext.get(0).path().toString()))).build();
            newSwitch(f, "External", port);
            assertEquals(true, f.session.get(ext.get(0).path()).booleanOr("IsBound", false));
            // a second switch on the same adapter is refused and changes nothing
            CimInstance settings = CimInstance.builder(NetworkRenderer.SWITCH_SETTINGS).put("ElementName", CimValue.string("Again")).build();
            MethodResult r = f.session.invoke(switchService(f), "DefineSystem", Map.of("SystemSettings", CimValue.object(settings),
                    "ResourceSettings", CimValue.array(CimType.OBJECT, List.of(port))));
            assertEquals(4, r.returnValue());
            assertEquals(1, f.session.query(V2.NAMESPACE, "SELECT * FROM Msvm_VirtualEthernetSwitch").size());
        }
    }

    @Test
    void badAdaptersAreRefusedAndChangeNothing() {
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath vm = f.defined("web");
            CimInstance bad = template(f, NetworkRenderer.SYNTHETIC_NIC).toBuilder().path(null).remove("InstanceID")
                    .put("StaticMacAddress", CimValue.bool(true)).put("Address", CimValue.string("nonsense")).build();
            MethodResult r = f.session.invoke(f.service(), "AddResourceSettings", Map.of(
                    "AffectedConfiguration", CimValue.ref(V2.settings(V2Fixture.HOST, (String) vm.key("Name"))),
                    "ResourceSettings", CimValue.array(CimType.OBJECT, List.of(bad))));
            assertEquals(4096, r.returnValue(), "refused through a failed job with the reason");
            assertTrue(f.job(r).getString("ErrorDescription").contains("nonsense"), f.job(r).getString("ErrorDescription"));
            assertEquals(0, f.session.query(V2.NAMESPACE, "SELECT * FROM Msvm_SyntheticEthernetPortSettingData WHERE InstanceID LIKE 'Microsoft:"
                    + vm.key("Name") + "%'").size());
            // a connection to a switch that does not exist
            ObjectPath nic = addNic(f, vm, NetworkRenderer.SYNTHETIC_NIC, Map.of());
            CimInstance conn = CimInstance.builder(NetworkRenderer.PORT_ALLOCATION).put("Parent", CimValue.string(nic.toString()))
                    .put("HostResource", CimValue.strings(List.of(NetworkRenderer.switchPath(V2Fixture.HOST, "00000000-0000-0000-0000-000000000000").toString())))
                    .build();
            r = f.session.invoke(f.service(), "AddResourceSettings", Map.of(
                    "AffectedConfiguration", CimValue.ref(V2.settings(V2Fixture.HOST, (String) vm.key("Name"))),
                    "ResourceSettings", CimValue.array(CimType.OBJECT, List.of(conn))));
            assertEquals(4096, r.returnValue());
            assertTrue(f.job(r).getString("ErrorDescription").contains("names no virtual switch"));
            assertEquals(List.of(), f.session.associators(nic, null, NetworkRenderer.PORT_ALLOCATION));
        }
    }

    @Test
    void switchesAndAdaptersAreSavedWithTheLab(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lab.json");
        String mac;
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath sw = newSwitch(f, "Private");
            ObjectPath vm = f.defined("db");
            ObjectPath nic = addNic(f, vm, NetworkRenderer.SYNTHETIC_NIC, Map.of("StaticMacAddress", CimValue.bool(true),
                    "Address", CimValue.string("00-15-5D-01-02-03")));
            connect(f, vm, nic, sw);
            mac = f.session.get(nic).getString("Address");
            assertEquals("00155D010203", mac);
            f.lab.save(file);
        }
        try (Lab lab = Lab.load(file)) {
            var s = lab.session(V2Fixture.HOST);
            CimInstance conn = s.query(V2.NAMESPACE, "SELECT * FROM Msvm_EthernetPortAllocationSettingData WHERE LastKnownSwitchName = 'Private'").get(0);
            assertNotNull(conn);
            assertEquals(mac, s.query(V2.NAMESPACE, "SELECT * FROM Msvm_SyntheticEthernetPortSettingData WHERE StaticMacAddress = TRUE").get(0)
                    .getString("Address"));
            assertTrue(Files.size(file) > 0);
        }
    }
}
