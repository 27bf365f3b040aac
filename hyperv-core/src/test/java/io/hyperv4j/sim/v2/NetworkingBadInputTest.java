package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 acceptance, for the networking methods: bad input through raw CIM is refused as Windows
 * refuses it and changes nothing — a path of the wrong class (the method's 4 Invalid Parameter), a
 * parameter of the wrong type (WBEM_E_TYPE_MISMATCH), an unknown method (WBEM_E_INVALID_METHOD) or
 * parameter (WBEM_E_INVALID_METHOD_PARAMETERS), an embedded property that is no number.
 */
class NetworkingBadInputTest {
    /** Every networking instance of the host, as text: what must not change. */
    private static List<String> everything(V2Fixture f) {
        return java.util.stream.Stream.of(NetworkRenderer.SWITCH, NetworkRenderer.SWITCH_SETTINGS, NetworkRenderer.PORT_ALLOCATION,
                        NetworkRenderer.VLAN, SwitchFeatures.BANDWIDTH, NetworkRenderer.SYNTHETIC_NIC)
                .flatMap(c -> f.session.query(V2.NAMESPACE, "SELECT * FROM " + c).stream()).map(CimInstance::toString).sorted().toList();
    }

    private static CimError wbemError(Supplier<?> call) {
        return assertThrows(CimException.class, call::get).error();
    }

    @Test
    void badCallsToTheSwitchServiceAreRefusedAndChangeNothing() {
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath sw = VirtualNetworkingTest.newSwitch(f, "Tenant");
            ObjectPath vm = f.defined("web");
            ObjectPath nic = VirtualNetworkingTest.addNic(f, vm, NetworkRenderer.SYNTHETIC_NIC, Map.of());
            ObjectPath conn = VirtualNetworkingTest.connect(f, vm, nic, sw);
            ObjectPath svc = VirtualNetworkingTest.switchService(f);
            CimValue bandwidth = CimValue.array(CimType.OBJECT, List.of(CimInstance.builder(SwitchFeatures.BANDWIDTH)
                    .put("DefaultFlowReservation", CimValue.uint64(1000)).build()));
            List<String> before = everything(f);

            // a path of the wrong class: a VM's settings where a switch's belong (4), the VM itself, no CIM_SettingData at all
            assertEquals(4, f.session.invoke(svc, "AddFeatureSettings", Map.of("AffectedConfiguration",
                    CimValue.ref(V2.settings(V2Fixture.HOST, (String) vm.key("Name"))), "FeatureSettings", bandwidth)).returnValue());
            assertEquals(CimError.TYPE_MISMATCH, wbemError(() -> f.session.invoke(svc, "AddFeatureSettings", Map.of("AffectedConfiguration",
                    CimValue.ref(vm), "FeatureSettings", bandwidth))));
            // ... a VM where DestroySystem wants a switch (4), the switch's settings (no CIM_ComputerSystem)
            ObjectPath settings = f.session.associators(sw, null, NetworkRenderer.SWITCH_SETTINGS).get(0).path();
            assertEquals(4, f.session.invoke(svc, "DestroySystem", Map.of("AffectedSystem", CimValue.ref(vm))).returnValue());
            assertEquals(CimError.TYPE_MISMATCH, wbemError(() -> f.session.invoke(svc, "DestroySystem", Map.of("AffectedSystem", CimValue.ref(settings)))));
            // a parameter of the wrong type
            assertEquals(CimError.TYPE_MISMATCH, wbemError(() -> f.session.invoke(svc, "AddFeatureSettings", Map.of(
                    "AffectedConfiguration", CimValue.ref(settings), "FeatureSettings", CimValue.uint32(7)))));
            // an unknown method, an unknown parameter
            assertEquals(CimError.INVALID_METHOD, wbemError(() -> f.session.invoke(svc, "AddSwitch", Map.of())));
            assertEquals(CimError.INVALID_METHOD_PARAMETERS, wbemError(() -> f.session.invoke(svc, "DestroySystem", Map.of(
                    "AffectedSystem", CimValue.ref(sw), "Force", CimValue.bool(true)))));
            // an embedded VLAN whose OperationMode is no number
            CimInstance words = CimInstance.builder(NetworkRenderer.VLAN).put("OperationMode", CimValue.string("trunk")).build();
            CimError embedded = wbemError(() -> f.session.invoke(f.service(), "AddFeatureSettings", Map.of("AffectedConfiguration",
                    CimValue.ref(conn), "FeatureSettings", CimValue.array(CimType.OBJECT, List.of(words)))));
            assertEquals(CimError.TYPE_MISMATCH, embedded);

            assertEquals(before, everything(f), "nothing changed");
        }
    }
}
