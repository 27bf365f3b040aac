package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.Lab;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: a switch's own features through Msvm_VirtualEthernetSwitchManagementService's
 * Add/Modify/RemoveFeatureSettings with the switch's settings as AffectedConfiguration (Set-VMSwitch
 * -DefaultFlowMinimumBandwidthWeight/Absolute, -DefaultQueueVmmqEnabled): each change reads back
 * through Msvm_VirtualEthernetSwitchSettingDataComponent; values the switch's
 * BandwidthReservationMode does not allow, and a change of that mode after creation, are refused
 * with 4 and change nothing. (Before: the switch's feature calls answered 4 to everything.)
 */
class SwitchFeaturesTest {
    private static ObjectPath defineSwitch(V2Fixture f, String name, int bandwidthMode) {
        CimInstance settings = CimInstance.builder(NetworkRenderer.SWITCH_SETTINGS).put("ElementName", CimValue.string(name))
                .put("BandwidthReservationMode", CimValue.uint32(bandwidthMode)).build();
        MethodResult r = f.session.invoke(VirtualNetworkingTest.switchService(f), "DefineSystem", Map.of("SystemSettings", CimValue.object(settings),
                "ResourceSettings", CimValue.array(CimType.OBJECT, List.of())));
        assertEquals(0, r.returnValue());
        return settingsOf(f, r.get("ResultingSystem").asPath()).path();
    }

    private static CimInstance settingsOf(V2Fixture f, ObjectPath sw) {
        return f.session.associators(sw, V2.SETTINGS_DEFINE_STATE, NetworkRenderer.SWITCH_SETTINGS).get(0);
    }

    private static CimInstance feature(V2Fixture f, String cls, Map<String, CimValue> values) {
        CimInstance.Builder b = VirtualNetworkingTest.template(f, cls).toBuilder().path(null).remove("InstanceID");
        values.forEach(b::put);
        return b.build();
    }

    private static int call(V2Fixture f, String method, Map<String, CimValue> params) {
        return (int) f.session.invoke(VirtualNetworkingTest.switchService(f), method, params).returnValue();
    }

    private static int add(V2Fixture f, ObjectPath settings, CimInstance feature) {
        return call(f, "AddFeatureSettings", Map.of("AffectedConfiguration", CimValue.ref(settings),
                "FeatureSettings", CimValue.array(CimType.OBJECT, List.of(feature))));
    }

    private static int modify(V2Fixture f, CimInstance feature) {
        return call(f, "ModifyFeatureSettings", Map.of("FeatureSettings", CimValue.array(CimType.OBJECT, List.of(feature))));
    }

    private static List<CimInstance> features(V2Fixture f, ObjectPath settings, String cls) {
        return f.session.associators(settings, SwitchFeatures.COMPONENT, cls);
    }

    @Test
    void aWeightModeSwitchTakesADefaultFlowWeightAndKeepsItsMode(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lab.json");
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath settings = defineSwitch(f, "Tenant", SwitchFeatures.MODE_WEIGHT);
            assertEquals(1L, f.session.get(settings).getLong("BandwidthReservationMode"));
            assertEquals(0, add(f, settings, feature(f, SwitchFeatures.BANDWIDTH, Map.of("DefaultFlowWeight", CimValue.uint64(20)))));
            CimInstance bw = features(f, settings, SwitchFeatures.BANDWIDTH).get(0);
            assertEquals(20L, bw.getLong("DefaultFlowWeight"));
            assertEquals(0, modify(f, bw.toBuilder().put("DefaultFlowWeight", CimValue.uint64(50)).build()));
            CimInstance now = features(f, settings, SwitchFeatures.BANDWIDTH).get(0);
            assertEquals(50L, now.getLong("DefaultFlowWeight"));

            // refused, each changing nothing
            assertEquals(4, modify(f, now.toBuilder().put("DefaultFlowWeight", CimValue.uint64(101)).build()), "a weight is 0..100");
            assertEquals(4, modify(f, now.toBuilder().put("DefaultFlowReservation", CimValue.uint64(100_000_000)).build()), "no absolute reservation in weight mode");
            assertEquals(4, add(f, settings, feature(f, SwitchFeatures.BANDWIDTH, Map.of("DefaultFlowWeight", CimValue.uint64(5)))), "one per switch");
            assertEquals(4, call(f, "ModifySystemSettings", Map.of("SystemSettings", CimValue.object(f.session.get(settings).toBuilder()
                    .put("BandwidthReservationMode", CimValue.uint32(SwitchFeatures.MODE_ABSOLUTE)).build()))), "the mode is fixed at creation");
            assertEquals(1L, f.session.get(settings).getLong("BandwidthReservationMode"));
            assertEquals(List.of(50L, 0L), features(f, settings, SwitchFeatures.BANDWIDTH).stream()
                    .flatMap(b -> java.util.stream.Stream.of(b.getLong("DefaultFlowWeight"), b.getLong("DefaultFlowReservation"))).toList());
            f.lab.save(file);
        }
        try (Lab lab = Lab.load(file)) {
            List<Long> weights = lab.session(V2Fixture.HOST).query(V2.NAMESPACE, "SELECT * FROM " + SwitchFeatures.BANDWIDTH).stream()
                    .filter(b -> !b.getString("InstanceID").endsWith("\\Default")).map(b -> b.getLong("DefaultFlowWeight")).toList();
            assertEquals(List.of(50L), weights);
        }
    }

    @Test
    void anAbsoluteModeSwitchTakesAReservationAndTheOffloadsApply() {
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath settings = defineSwitch(f, "Uplink", SwitchFeatures.MODE_ABSOLUTE);
            assertEquals(4, add(f, settings, feature(f, SwitchFeatures.BANDWIDTH, Map.of("DefaultFlowWeight", CimValue.uint64(10)))));
            assertEquals(List.of(), features(f, settings, SwitchFeatures.BANDWIDTH));
            assertEquals(0, add(f, settings, feature(f, SwitchFeatures.BANDWIDTH, Map.of("DefaultFlowReservation", CimValue.uint64(100_000_000)))));
            assertEquals(100_000_000L, features(f, settings, SwitchFeatures.BANDWIDTH).get(0).getLong("DefaultFlowReservation"));

            assertEquals(4, add(f, settings, feature(f, SwitchFeatures.OFFLOAD, Map.of("DefaultQueueVmmqQueuePairs", CimValue.uint32(0)))));
            assertEquals(0, add(f, settings, feature(f, SwitchFeatures.OFFLOAD, Map.of("DefaultQueueVmmqEnabled", CimValue.bool(true),
                    "DefaultQueueVmmqQueuePairs", CimValue.uint32(8)))));
            CimInstance offload = features(f, settings, SwitchFeatures.OFFLOAD).get(0);
            assertEquals(Boolean.TRUE, offload.get("DefaultQueueVmmqEnabled").asBoolean());
            assertEquals(8L, offload.getLong("DefaultQueueVmmqQueuePairs"));
            assertEquals(Boolean.TRUE, offload.get("DefaultQueueVrssEnabled").asBoolean(), "as the template has it");
            assertEquals(2, features(f, settings, null).size());

            assertEquals(0, call(f, "RemoveFeatureSettings", Map.of("FeatureSettings", CimValue.array(CimType.REFERENCE, List.of(offload.path())))));
            assertEquals(List.of(SwitchFeatures.BANDWIDTH), features(f, settings, null).stream().map(CimInstance::className).toList());
            assertEquals(4, call(f, "RemoveFeatureSettings", Map.of("FeatureSettings", CimValue.array(CimType.REFERENCE, List.of(offload.path())))),
                    "it is gone");
        }
    }

    @Test
    void anUnknownBandwidthModeIsRefused() {
        try (V2Fixture f = new V2Fixture()) {
            CimInstance settings = CimInstance.builder(NetworkRenderer.SWITCH_SETTINGS).put("ElementName", CimValue.string("Bad"))
                    .put("BandwidthReservationMode", CimValue.uint32(4)).build();
            assertEquals(4, call(f, "DefineSystem", Map.of("SystemSettings", CimValue.object(settings))));
            assertEquals(List.of(), f.session.query(V2.NAMESPACE, "SELECT * FROM " + NetworkRenderer.SWITCH));
        }
    }
}
