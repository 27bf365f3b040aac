package io.hyperv4j.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.v2.V2;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A provider added to a lab serves its own class next to the built-in ones, raises events and keeps its state in the lab file. */
class ProviderSpiTest {
    @TempDir
    Path dir;

    /** Serves Msvm_EmulatedEthernetPortSettingData for "devices" it keeps itself. */
    static final class DeviceProvider implements SimProvider {
        record Device(String host, String id, String name) {
        }

        final List<Device> devices = new ArrayList<>();

        void add(Txn txn, Device d) {
            devices.add(d);
            txn.created(d);
        }

        @Override
        public String namespace() {
            return V2.NAMESPACE;
        }

        @Override
        public Set<String> classNames() {
            return Set.of("Msvm_EmulatedEthernetPortSettingData");
        }

        @Override
        public List<CimInstance> instances(HostScope scope, String className) {
            return devices.stream().filter(d -> d.host().equalsIgnoreCase(scope.host().name())).map(DeviceProvider::render).toList();
        }

        @Override
        public CimInstance instance(HostScope scope, ObjectPath path) {
            return instances(scope, path.className()).stream()
                    .filter(i -> i.getString("InstanceID").equals(path.key("InstanceID"))).findFirst().orElse(null);
        }

        @Override
        public List<CimInstance> referencesTo(HostScope scope, ObjectPath path) {
            return List.of();
        }

        @Override
        public MethodResult invoke(Txn txn, HostScope scope, ObjectPath target, String method, Map<String, CimValue> in) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<CimInstance> render(Lab lab, Object entity, Instant now) {
            return entity instanceof Device d && devices.contains(d) ? List.of(render(d)) : List.of();
        }

        private static CimInstance render(Device d) {
            ObjectPath p = new ObjectPath(d.host(), V2.NAMESPACE, "Msvm_EmulatedEthernetPortSettingData", Map.of("InstanceID", d.id()));
            return CimInstance.builder(p.className()).path(p)
                    .put("InstanceID", CimValue.string(d.id()))
                    .put("ElementName", CimValue.string(d.name()))
                    .put("ResourceType", CimValue.uint16(13))
                    .build();
        }

        @Override
        public void save(Lab lab, ObjectNode into) {
            var arr = into.putArray("devices");
            for (Device d : devices) arr.addObject().put("host", d.host()).put("id", d.id()).put("name", d.name());
        }

        @Override
        public void load(Lab lab, JsonNode from) {
            for (JsonNode n : from.get("devices")) devices.add(new Device(n.get("host").asText(), n.get("id").asText(), n.get("name").asText()));
        }
    }

    @Test
    void anExtraProviderServesQueriesEventsAndPersistence() {
        DeviceProvider devices = new DeviceProvider();
        Lab lab = Lab.builder().host("HV01", 8, 16384).provider(devices).build();
        List<CimInstance> events = new ArrayList<>();
        try (CimSession s = lab.session("HV01")) {
            s.subscribe(V2.NAMESPACE, "SELECT * FROM __InstanceCreationEvent WHERE TargetInstance ISA 'CIM_ResourceAllocationSettingData'",
                    events::add);
            lab.write(Duration.ofSeconds(5), txn -> {
                devices.add(txn, new DeviceProvider.Device("HV01", "Microsoft:HV01\\Keyboard\\0", "Keyboard"));
                return null;
            });
            assertEquals(1, events.size());
            s.invoke(V2.managementService("HV01"), "DefineSystem", Map.of());
            assertEquals(11, events.size(), "the device, then the new generation 1 VM's processor, memory, two IDE controllers, DVD drive, keyboard, mouse, display and two COM ports");
            List<CimInstance> rasds = s.query(V2.NAMESPACE, "SELECT * FROM CIM_ResourceAllocationSettingData");
            // 5, 16: the generation 1 VM's IDE controllers and DVD drive; 13, 21, 24: its keyboard and mouse, COM ports, display; 5, 6, 17, 31: the storage defaults clients clone
            assertEquals(Set.of(3L, 4L, 5L, 6L, 13L, 16L, 17L, 21L, 24L, 31L), Set.copyOf(rasds.stream().map(i -> i.getLong("ResourceType")).toList()));
            assertEquals("Keyboard", s.get(new ObjectPath("HV01", V2.NAMESPACE, "Msvm_EmulatedEthernetPortSettingData",
                    Map.of("InstanceID", "Microsoft:HV01\\Keyboard\\0"))).getString("ElementName"));
        }
        Path file = dir.resolve("lab.json");
        lab.save(file);
        DeviceProvider again = new DeviceProvider();
        Lab back = Lab.load(file, List.of(again));
        assertEquals(1, again.devices.size());
        try (CimSession s = back.session("HV01")) {
            assertTrue(s.query(V2.NAMESPACE, "SELECT * FROM Msvm_EmulatedEthernetPortSettingData WHERE ResourceType = 13").size() == 1);
        }
    }
}
