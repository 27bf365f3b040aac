package io.hyperv4j.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.v2.V2;
import java.util.List;
import java.util.Map;

/** Puts every kind of networking object on a lab's default host, so tests that walk every class see them all. */
final class NetworkingFixture {
    private NetworkingFixture() {}

    /**
     * An external switch on a new host adapter, a private one, and on the running VM {@code vmName} a
     * synthetic adapter connected with VLAN, security and bandwidth features, and a started generation 1 VM with a legacy adapter.
     */
    static void populate(Lab lab, CimSession s, String vmName) {
        String host = Lab.DEFAULT_HOST;
        lab.addNetworkAdapter(host, new SimNetworkAdapter("Intel(R) Ethernet 10G", 10_000_000_000L, ""));
        ObjectPath switches = s.query(V2.NAMESPACE, "SELECT * FROM Msvm_VirtualEthernetSwitchManagementService").get(0).path();
        ObjectPath ext = s.query(V2.NAMESPACE, "SELECT * FROM Msvm_ExternalEthernetPort").get(0).path();
        ObjectPath sw = defineSwitch(s, switches, "External", List.of(ext, V2.computerSystem(host, host)));
        defineSwitch(s, switches, "Private", List.of());
        ObjectPath swSettings = s.associators(sw, V2.SETTINGS_DEFINE_STATE, "Msvm_VirtualEthernetSwitchSettingData").get(0).path();
        assertEquals(0, s.invoke(switches, "AddFeatureSettings", Map.of("AffectedConfiguration", CimValue.ref(swSettings), "FeatureSettings",
                CimValue.array(CimType.OBJECT, List.of(CimInstance.builder("Msvm_VirtualEthernetSwitchBandwidthSettingData")
                        .put("DefaultFlowReservation", CimValue.uint64(10_000_000)).build(), CimInstance.builder("Msvm_EthernetSwitchHardwareOffloadSettingData")
                        .put("DefaultQueueVmmqEnabled", CimValue.bool(true)).build())))).returnValue(), "the switch's features");
        CimInstance vm = s.query(V2.NAMESPACE, "SELECT * FROM Msvm_ComputerSystem WHERE ElementName = '" + vmName + "'").get(0);
        ObjectPath vssd = V2.settings(host, vm.getString("Name"));
        ObjectPath svc = V2.managementService(host);
        ObjectPath nic = add(s, svc, vssd, CimInstance.builder("Msvm_SyntheticEthernetPortSettingData").put("ElementName", CimValue.string("nic")).build());
        ObjectPath conn = add(s, svc, vssd, CimInstance.builder("Msvm_EthernetPortAllocationSettingData")
                .put("Parent", CimValue.string(nic.toString())).put("HostResource", CimValue.strings(List.of(sw.toString()))).build());
        List<CimInstance> features = List.of(
                CimInstance.builder("Msvm_EthernetSwitchPortVlanSettingData").put("OperationMode", CimValue.uint32(1)).put("AccessVlanId", CimValue.uint16(7)).build(),
                CimInstance.builder("Msvm_EthernetSwitchPortSecuritySettingData").put("AllowMacSpoofing", CimValue.bool(true)).build(),
                CimInstance.builder("Msvm_EthernetSwitchPortBandwidthSettingData").put("Limit", CimValue.uint64(100_000_000)).build());
        MethodResult r = s.invoke(svc, "AddFeatureSettings", Map.of("AffectedConfiguration", CimValue.ref(conn),
                "FeatureSettings", CimValue.array(CimType.OBJECT, features)));
        assertEquals(0, r.returnValue(), "AddFeatureSettings");
        // a generation 1 VM with a legacy adapter, started so its device shows
        ObjectPath legacy = s.invoke(svc, "DefineSystem", Map.of("SystemSettings", CimValue.object(CimInstance.builder("Msvm_VirtualSystemSettingData")
                .put("ElementName", CimValue.string("legacy")).put("VirtualSystemSubType", CimValue.string("Microsoft:Hyper-V:SubType:1")).build())))
                .get("ResultingSystem").asPath();
        add(s, svc, V2.settings(host, String.valueOf(legacy.key("Name"))), CimInstance.builder("Msvm_EmulatedEthernetPortSettingData").build());
        s.invoke(legacy, "RequestStateChange", Map.of("RequestedState", CimValue.uint16(2)));
        lab.clock().advance(java.time.Duration.ofSeconds(20));
    }

    private static ObjectPath defineSwitch(CimSession s, ObjectPath svc, String name, List<ObjectPath> hostResources) {
        List<CimInstance> ports = hostResources.stream().map(p -> CimInstance.builder("Msvm_EthernetPortAllocationSettingData")
                .put("HostResource", CimValue.strings(List.of(p.toString()))).build()).toList();
        MethodResult r = s.invoke(svc, "DefineSystem", Map.of("SystemSettings", CimValue.object(CimInstance.builder("Msvm_VirtualEthernetSwitchSettingData")
                .put("ElementName", CimValue.string(name)).build()), "ResourceSettings", CimValue.array(CimType.OBJECT, ports)));
        assertEquals(0, r.returnValue(), "DefineSystem " + name);
        return r.get("ResultingSystem").asPath();
    }

    private static ObjectPath add(CimSession s, ObjectPath svc, ObjectPath vssd, CimInstance rasd) {
        MethodResult r = s.invoke(svc, "AddResourceSettings", Map.of("AffectedConfiguration", CimValue.ref(vssd),
                "ResourceSettings", CimValue.array(CimType.OBJECT, List.of(rasd))));
        assertEquals(0, r.returnValue(), "AddResourceSettings " + rasd.className());
        return (ObjectPath) r.get("ResultingResourceSettings").asList().get(0);
    }
}
