package io.hyperv4j.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.sim.v2.V2;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lab files are read against the lab schema (issue 12, finding 7): a field of the wrong type, out
 * of range or malformed is refused with its JSON path, never coerced (before: "lots" MB of memory
 * became 0, "vms":"oops" became an empty list, a VM id "../../etc" was taken).
 */
class LabSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    private Path file;
    private ObjectNode saved;

    @BeforeEach
    void aLabWithOneVm() throws Exception {
        file = dir.resolve("lab.json");
        try (Lab lab = Lab.builder().seed(3).host("HV01", 8, 32768).build(); CimSession s = lab.session("HV01")) {
            s.invoke(V2.managementService("HV01"), "DefineSystem", Map.of("SystemSettings",
                    CimValue.object(CimInstance.builder(V2.VSSD).put("ElementName", CimValue.string("web1")).build())));
            lab.save(file);
        }
        saved = (ObjectNode) JSON.readTree(file.toFile());
    }

    private ObjectNode vm(ObjectNode root) {
        return (ObjectNode) root.get("hosts").get(0).get("vms").get(0);
    }

    /** Writes the lab with one change and loads it: the refusal names the path; the file is left as written. */
    private String refused(Consumer<ObjectNode> change) throws Exception {
        String message = LabFileEdits.refusedAfter(file, saved, change);
        assertTrue(message.startsWith("lab file " + file + " is not a valid lab: "), message);
        return message;
    }

    @Test
    void theSavedLabLoads() throws Exception {
        try (Lab back = Lab.load(file)) {
            assertEquals(1, back.vmCount());
        }
    }

    @Test
    void containersOfTheWrongTypeAreRefusedNotEmptied() throws Exception {
        assertTrue(refused(r -> ((ObjectNode) r.get("hosts").get(0)).put("vms", "oops"))
                .endsWith("$.hosts[0].vms: expected an array, found \"oops\""));
        assertTrue(refused(r -> r.put("hosts", "HV01")).endsWith("$.hosts: expected an array, found \"HV01\""));
        assertTrue(refused(r -> r.putArray("hosts").add(7)).endsWith("$.hosts[0]: expected an object, found number 7"));
        assertTrue(refused(r -> r.put("providers", 5)).endsWith("$.providers: expected an object, found number 5"));
    }

    @Test
    void numbersOfTheWrongTypeOrOutOfRangeAreRefused() throws Exception {
        assertTrue(refused(r -> vm(r).put("memoryMb", "lots"))
                .endsWith("$.hosts[0].vms[0].memoryMb: expected an integer from 32 to 12582912, found \"lots\""));
        assertTrue(refused(r -> vm(r).put("processors", 1L << 40))
                .endsWith("$.hosts[0].vms[0].processors: expected an integer from 1 to 240, found number 1099511627776"));
        assertTrue(refused(r -> vm(r).put("memoryMb", -1024)).contains("$.hosts[0].vms[0].memoryMb: expected an integer from 32"));
        assertTrue(refused(r -> vm(r).put("processors", 2.5)).contains("$.hosts[0].vms[0].processors: expected an integer"));
        assertTrue(refused(r -> ((ObjectNode) r.get("hosts").get(0)).put("logicalProcessors", 0))
                .contains("$.hosts[0].logicalProcessors: expected an integer from 1 to 2048"));
        assertTrue(refused(r -> vm(r).put("dynamicMemory", "yes")).endsWith("$.hosts[0].vms[0].dynamicMemory: expected true or false, found \"yes\""));
        assertTrue(refused(r -> r.put("seed", "7")).endsWith("$.seed: expected an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ", found \"7\""));
    }

    @Test
    void identifiersAndNamesMustHaveTheirForm() throws Exception {
        assertTrue(refused(r -> vm(r).put("id", "../../etc")).contains("$.hosts[0].vms[0].id: expected a GUID"));
        assertTrue(refused(r -> ((ObjectNode) r.get("hosts").get(0)).put("name", "../HV01")).contains("$.hosts[0].name: expected a host name"));
        assertTrue(refused(r -> vm(r).put("name", "web\u202E1")).contains("$.hosts[0].vms[0].name: the VM name must not contain control or invisible"));
        assertTrue(refused(r -> vm(r).put("name", "n".repeat(101))).contains("$.hosts[0].vms[0].name: the VM name is 101 characters; at most 100"));
        assertTrue(refused(r -> vm(r).put("state", "FLYING")).contains("$.hosts[0].vms[0].state: expected one of "));
        assertTrue(refused(r -> vm(r).put("created", "yesterday")).contains("$.hosts[0].vms[0].created: expected a timestamp"));
        assertTrue(refused(r -> vm(r).remove("name")).endsWith("$.hosts[0].vms[0].name: missing"));
        assertTrue(refused(r -> {
            ArrayNode vms = (ArrayNode) r.get("hosts").get(0).get("vms");
            vms.add(vms.get(0).deepCopy());
        }).contains("$.hosts[0].vms[1].id: VM id " + vm(saved).get("id").asText() + " is also at $.hosts[0].vms[0]"));
        assertTrue(refused(r -> ((ArrayNode) r.get("hosts")).add(r.get("hosts").get(0).deepCopy()))
                .contains("a second host named HV01"));
    }
}
