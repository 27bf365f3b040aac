package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON shape of instances and method results that {@code hyperv --json cim ...} prints. */
class CimJsonTest {
    static final String NS = "root\\virtualization\\v2";
    final ObjectPath vmPath = new ObjectPath("HV01", NS, "Msvm_ComputerSystem",
            Map.of("CreationClassName", "Msvm_ComputerSystem", "Name", "4A3B2C1D-0000-4000-8000-000000000001"));

    @Test
    void anInstanceIsAnObjectOfItsPropertiesWithClassAndPath() {
        CimInstance embedded = CimInstance.builder("Msvm_VirtualSystemSettingData")
                .put("ElementName", CimValue.string("web1")).build();
        CimInstance vm = CimInstance.builder("Msvm_ComputerSystem").path(vmPath)
                .put("ElementName", CimValue.string("web1"))
                .put("EnabledState", CimValue.uint16(2))
                .put("OnTimeInMilliseconds", CimValue.uint64(-1L))           // 2^64-1, unsigned
                .put("NumberOfNumaNodes", CimValue.uint64(1))
                .put("Temperature", CimValue.of(CimType.SINT32, -5L))
                .put("OperationalStatus", CimValue.array(CimType.UINT16, List.of(2L, 32768L)))
                .put("Caption", CimValue.nullOf(CimType.STRING))
                .put("Healthy", CimValue.bool(true))
                .put("Load", CimValue.of(CimType.REAL64, 0.25))
                .put("Owner", CimValue.ref(vmPath))
                .put("Settings", CimValue.object(embedded))
                .build();
        JsonNode j = CimJson.instance(vm);
        assertEquals("Msvm_ComputerSystem", j.get("__CLASS").asText());
        assertEquals(vmPath.toString(), j.get("__PATH").asText());
        assertEquals(List.of("__CLASS", "__PATH", "ElementName", "EnabledState"), fieldNames(j).subList(0, 4));
        assertTrue(j.get("EnabledState").isIntegralNumber());
        assertEquals(2, j.get("EnabledState").asInt());
        assertEquals("18446744073709551615", j.get("OnTimeInMilliseconds").bigIntegerValue().toString());
        assertTrue(j.get("OnTimeInMilliseconds").isIntegralNumber());
        assertEquals(1, j.get("NumberOfNumaNodes").asLong());
        assertEquals(-5, j.get("Temperature").asInt());
        assertTrue(j.get("OperationalStatus").isArray());
        assertEquals(32768, j.get("OperationalStatus").get(1).asInt());
        assertTrue(j.get("Caption").isNull());
        assertTrue(j.get("Healthy").asBoolean());
        assertEquals(0.25, j.get("Load").asDouble());
        assertEquals(vmPath.toString(), j.get("Owner").asText());
        assertEquals("Msvm_VirtualSystemSettingData", j.get("Settings").get("__CLASS").asText());
        assertTrue(j.get("Settings").get("__PATH").isNull());
        assertEquals("web1", j.get("Settings").get("ElementName").asText());
    }

    @Test
    void aMethodResultCarriesReturnValueAndOutParametersByName() {
        ObjectPath job = ObjectPath.of(NS, "Msvm_ConcreteJob", Map.of("InstanceID", "J1"));
        JsonNode j = CimJson.methodResult(new MethodResult(4096, Map.of("Job", CimValue.ref(job),
                "ResultingSystem", CimValue.nullOf(CimType.REFERENCE))));
        assertEquals(4096, j.get("ReturnValue").asInt());
        assertEquals(job.toString(), j.get("Job").asText());
        assertTrue(j.get("ResultingSystem").isNull());
        assertEquals(3, j.size());
    }

    @Test
    void plainTextListsPropertiesAligned() {
        CimInstance vm = CimInstance.builder("Msvm_ComputerSystem").path(vmPath)
                .put("ElementName", CimValue.string("web1"))
                .put("OperationalStatus", CimValue.array(CimType.UINT16, List.of(2L, 32768L))).build();
        String text = CimText.instance(vm);
        assertTrue(text.contains("__CLASS           : Msvm_ComputerSystem\n"), text);
        assertTrue(text.contains("ElementName       : web1\n"), text);
        assertTrue(text.contains("OperationalStatus : {2, 32768}\n"), text);
    }

    private static List<String> fieldNames(JsonNode j) {
        List<String> names = new java.util.ArrayList<>();
        j.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
