package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.vm.VirtualMachines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: a connection's VLAN in trunk and private modes (Msvm_EthernetSwitchPortVlanSettingData
 * OperationMode 2 and 3), as Set-VMNetworkAdapterVlan -Trunk / -Isolated / -Community /
 * -Promiscuous send them through Add/ModifyFeatureSettings: every value reads back as sent, a
 * setting incomplete for its mode is refused with 4 and changes nothing, and the lab keeps it.
 * (Before: anything but access mode returned 4.)
 */
class PortVlanModesTest {
    private static final String VLAN = NetworkRenderer.VLAN;

    /** A VM "web" with an adapter connected to a private switch; returns the connection. */
    private static ObjectPath connection(V2Fixture f) {
        ObjectPath sw = VirtualNetworkingTest.newSwitch(f, "Tenant");
        ObjectPath vm = f.defined("web");
        ObjectPath nic = VirtualNetworkingTest.addNic(f, vm, NetworkRenderer.SYNTHETIC_NIC, Map.of("ElementName", CimValue.string("nic0")));
        return VirtualNetworkingTest.connect(f, vm, nic, sw);
    }

    private static CimInstance vlan(V2Fixture f, Map<String, CimValue> values) {
        CimInstance.Builder b = VirtualNetworkingTest.template(f, VLAN).toBuilder().path(null).remove("InstanceID");
        values.forEach(b::put);
        return b.build();
    }

    private static CimValue ids(long... ids) {
        return CimValue.array(CimType.UINT16, java.util.Arrays.stream(ids).boxed().toList());
    }

    private static MethodResult add(V2Fixture f, ObjectPath conn, CimInstance feature) {
        return f.session.invoke(f.service(), "AddFeatureSettings", Map.of("AffectedConfiguration", CimValue.ref(conn),
                "FeatureSettings", CimValue.array(CimType.OBJECT, List.of(feature))));
    }

    private static MethodResult modify(V2Fixture f, CimInstance feature) {
        return f.session.invoke(f.service(), "ModifyFeatureSettings", Map.of("FeatureSettings", CimValue.array(CimType.OBJECT, List.of(feature))));
    }

    private static List<CimInstance> features(V2Fixture f, ObjectPath conn) {
        return f.session.associators(conn, NetworkRenderer.PORT_FEATURE_COMPONENT, VLAN);
    }

    private static Map<String, Object> values(CimInstance vlan) {
        return Map.of("OperationMode", vlan.getLong("OperationMode"), "AccessVlanId", vlan.getLong("AccessVlanId"),
                "NativeVlanId", vlan.getLong("NativeVlanId"), "PvlanMode", vlan.getLong("PvlanMode"),
                "PrimaryVlanId", vlan.getLong("PrimaryVlanId"), "SecondaryVlanId", vlan.getLong("SecondaryVlanId"),
                "TrunkVlanIdArray", vlan.list("TrunkVlanIdArray"), "SecondaryVlanIdArray", vlan.list("SecondaryVlanIdArray"));
    }

    @Test
    void trunkThenPrivateModesReadBackAsSentAndSurviveASave(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lab.json");
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath conn = connection(f);
            // os-win's _prepare_vlan_sd_trunk_mode: OperationMode 2, NativeVlanId, TrunkVlanIdArray
            assertEquals(0, add(f, conn, vlan(f, Map.of("OperationMode", CimValue.uint32(2), "NativeVlanId", CimValue.uint16(10),
                    "TrunkVlanIdArray", ids(10, 20, 30)))).returnValue());
            CimInstance trunk = features(f, conn).get(0);
            assertEquals(2L, trunk.getLong("OperationMode"));
            assertEquals(10L, trunk.getLong("NativeVlanId"));
            assertEquals(List.of(10L, 20L, 30L), trunk.list("TrunkVlanIdArray"));
            assertEquals(0, new VirtualMachines(f.session, Duration.ofMinutes(1)).get("web").networkAdapters()
                    .list().get(0).accessVlanId(), "a trunk port has no access VLAN");

            // Set-VMNetworkAdapterVlan -Isolated -PrimaryVlanId 100 -SecondaryVlanId 101: the same feature, modified
            CimInstance isolated = trunk.toBuilder().put("OperationMode", CimValue.uint32(3)).put("PvlanMode", CimValue.uint32(1))
                    .put("PrimaryVlanId", CimValue.uint16(100)).put("SecondaryVlanId", CimValue.uint16(101))
                    .put("NativeVlanId", CimValue.uint16(0)).put("TrunkVlanIdArray", ids()).build();
            assertEquals(0, modify(f, isolated).returnValue());
            CimInstance now = features(f, conn).get(0);
            assertEquals(Map.of("OperationMode", 3L, "AccessVlanId", 0L, "NativeVlanId", 0L, "PvlanMode", 1L, "PrimaryVlanId", 100L,
                    "SecondaryVlanId", 101L, "TrunkVlanIdArray", List.of(), "SecondaryVlanIdArray", List.of()), values(now));

            // -Promiscuous -PrimaryVlanId 100 -SecondaryVlanIdList 101-102
            CimInstance promiscuous = now.toBuilder().put("PvlanMode", CimValue.uint32(3)).put("SecondaryVlanId", CimValue.uint16(0))
                    .put("SecondaryVlanIdArray", ids(101, 102)).build();
            assertEquals(0, modify(f, promiscuous).returnValue());
            assertEquals(List.of(101L, 102L), features(f, conn).get(0).list("SecondaryVlanIdArray"));
            f.lab.save(file);
        }
        try (Lab lab = Lab.load(file)) {
            CimInstance vlan = lab.session(V2Fixture.HOST).query(V2.NAMESPACE, "SELECT * FROM " + VLAN + " WHERE OperationMode = 3").get(0);
            assertEquals(3L, vlan.getLong("PvlanMode"));
            assertEquals(100L, vlan.getLong("PrimaryVlanId"));
            assertEquals(List.of(101L, 102L), vlan.list("SecondaryVlanIdArray"));
        }
    }

    @Test
    void aSettingIncompleteForItsModeIsRefusedAndChangesNothing() {
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath conn = connection(f);
            assertEquals(0, add(f, conn, vlan(f, Map.of("OperationMode", CimValue.uint32(1), "AccessVlanId", CimValue.uint16(42)))).returnValue());
            CimInstance before = features(f, conn).get(0);
            List<Map<String, CimValue>> bad = List.of(
                    Map.of("OperationMode", CimValue.uint32(0)),
                    Map.of("OperationMode", CimValue.uint32(4)),
                    Map.of("OperationMode", CimValue.uint32(1), "AccessVlanId", CimValue.uint16(0)),
                    Map.of("OperationMode", CimValue.uint32(1), "AccessVlanId", CimValue.uint16(4095)),
                    Map.of("OperationMode", CimValue.uint32(2), "NativeVlanId", CimValue.uint16(10), "TrunkVlanIdArray", ids()),
                    Map.of("OperationMode", CimValue.uint32(2), "NativeVlanId", CimValue.uint16(5000), "TrunkVlanIdArray", ids(10)),
                    Map.of("OperationMode", CimValue.uint32(2), "NativeVlanId", CimValue.uint16(10), "TrunkVlanIdArray", ids(10, 4095)),
                    Map.of("OperationMode", CimValue.uint32(3), "PvlanMode", CimValue.uint32(0), "PrimaryVlanId", CimValue.uint16(100)),
                    Map.of("OperationMode", CimValue.uint32(3), "PvlanMode", CimValue.uint32(1), "PrimaryVlanId", CimValue.uint16(0),
                            "SecondaryVlanId", CimValue.uint16(101)),
                    Map.of("OperationMode", CimValue.uint32(3), "PvlanMode", CimValue.uint32(2), "PrimaryVlanId", CimValue.uint16(100)),
                    Map.of("OperationMode", CimValue.uint32(3), "PvlanMode", CimValue.uint32(2), "PrimaryVlanId", CimValue.uint16(100),
                            "SecondaryVlanId", CimValue.uint16(100)),
                    Map.of("OperationMode", CimValue.uint32(3), "PvlanMode", CimValue.uint32(3), "PrimaryVlanId", CimValue.uint16(100)),
                    Map.of("OperationMode", CimValue.uint32(3), "PvlanMode", CimValue.uint32(3), "PrimaryVlanId", CimValue.uint16(100),
                            "SecondaryVlanIdArray", ids(101, 100)));
            for (Map<String, CimValue> values : bad) {
                CimInstance.Builder b = before.toBuilder();
                for (String p : List.of("AccessVlanId", "NativeVlanId", "PvlanMode", "PrimaryVlanId", "SecondaryVlanId")) b.put(p, CimValue.uint16(0));
                b.put("TrunkVlanIdArray", ids()).put("SecondaryVlanIdArray", ids());
                values.forEach(b::put);
                assertEquals(4, modify(f, b.build()).returnValue(), values.toString());
                assertEquals(values(before), values(features(f, conn).get(0)), "unchanged after " + values);
            }
        }
    }
}
