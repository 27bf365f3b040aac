package io.hyperv4j.cim.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The data-file reader: the format, and the refusals that catch hand-editing mistakes. */
class SchemaJsonTest {

    private static CimSchema load(String classesJson) {
        String json = "{\"namespace\": \"root\\\\test\", \"external\": [{\"name\": \"Ext_Class\"}], \"classes\": ["
                + classesJson + "]}";
        return CimSchema.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    /** The CLI reads the schema on a second thread while the command starts: a class asked for meanwhile is built once. */
    @Test
    void aClassAskedForOnSeveralThreadsAtOnceIsBuiltOnce() throws Exception {
        StringBuilder props = new StringBuilder();
        for (int i = 0; i < 200; i++) props.append(i == 0 ? "" : ",").append("{\"name\": \"P").append(i).append("\", \"type\": \"uint32\"}");
        byte[] json = ("{\"namespace\": \"root\\\\test\", \"classes\": [{\"name\": \"T_Big\", \"properties\": [" + props + "]}]}")
                .getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 20; round++) {
            SchemaJson.LazyClass lazy = SchemaJson.outline(json, "test.json").classes().get(0);
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(4);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<CimClass>> got = new java.util.ArrayList<>();
                for (int t = 0; t < 4; t++) got.add(pool.submit(() -> {
                    start.await(10, java.util.concurrent.TimeUnit.SECONDS);
                    return lazy.get();
                }));
                CimClass first = got.get(0).get(10, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(200, first.properties().size());
                for (var f : got) assertSame(first, f.get(10, java.util.concurrent.TimeUnit.SECONDS));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void readsClassesPropertiesMethodsAndValueMaps() {
        CimSchema s = load("""
                {"name": "T_Base", "abstract": true},
                {"name": "T_Svc", "superclass": "T_Base", "properties": [
                   {"name": "Id", "type": "string", "key": true},
                   {"name": "State", "type": "uint32", "values": {"-1": "Unknown", "0": "Up", "32768..65535": "Vendor"}},
                   {"name": "Codes", "type": "uint16[]"}],
                 "methods": [
                   {"name": "Go", "returns": "uint32", "returnValues": {"0": "OK", "4096": "Job Started"}, "params": [
                      {"name": "Target", "type": "ref", "refClass": "T_Base"},
                      {"name": "Data", "type": "string", "embeddedInstance": "Ext_Class"},
                      {"name": "Job", "type": "ref", "refClass": "T_Base", "direction": "out"},
                      {"name": "Both", "type": "uint8", "direction": "in, out"}]},
                   {"name": "Nothing", "returns": "void", "static": true}]}
                """);
        assertEquals(List.of(), SchemaCheck.problems(s));
        CimPropertyDef state = s.requireProperty("T_Svc", "State");
        assertEquals("Unknown", state.valueMap().label(0xFFFFFFFFL).orElseThrow(), "-1 of a uint32 is its bit pattern");
        assertEquals("Vendor", state.valueMap().label(40000).orElseThrow());
        assertTrue(s.requireProperty("T_Svc", "Codes").array());
        assertEquals("uint16[]", s.requireProperty("T_Svc", "Codes").typeText());
        CimMethodDef go = s.requireMethod("T_Svc", "Go");
        CimParameterDef both = go.parameter("Both").orElseThrow();
        assertTrue(both.in() && both.out());
        assertEquals(CimType.REFERENCE, go.parameter("Job").orElseThrow().type());
        assertTrue(s.requireMethod("T_Svc", "Nothing").isVoid());
        assertTrue(s.requireMethod("T_Svc", "Nothing").isStatic());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"name\": \"A\"}, {\"name\": \"a\"}                                                        | class a twice",
        "{\"name\": \"A\", \"properties\": [{\"name\": \"P\", \"type\": \"uint16\"}, {\"name\": \"p\", \"type\": \"string\"}]} | A declares property p twice",
        "{\"name\": \"A\", \"properties\": [{\"name\": \"P\", \"type\": \"uint17\"}]}                  | A.P has unknown type 'uint17'",
        "{\"name\": \"A\", \"properties\": [{\"name\": \"P\", \"type\": \"string\", \"values\": {\"1\": \"x\"}}]} | A.P has a value map but type string",
        "{\"name\": \"A\", \"properties\": [{\"name\": \"P\", \"type\": \"uint8\", \"values\": {\"300\": \"x\"}}]} | A.P has value-map key 300 outside uint8",
        "{\"name\": \"A\", \"properties\": [{\"name\": \"P\", \"type\": \"uint8\", \"values\": {\"two\": \"x\"}}]} | A.P has value-map key 'two'",
        "{\"name\": \"A\", \"properties\": [{\"name\": \"P\", \"type\": \"uint8\", \"values\": {\"9..3\": \"x\"}}]} | A.P value range 9..3 is empty",
        "{\"name\": \"A\", \"properties\": [{\"name\": \"P\", \"type\": \"string\", \"refClass\": \"B\"}]} | A.P has refClass but type string",
        "{\"name\": \"A\", \"properties\": [{\"name\": \"P\", \"type\": \"string\", \"colour\": \"red\"}]} | colour",
        "{\"name\": \"A\", \"methods\": [{\"name\": \"M\", \"params\": []}]}                          | A.M has no \"returns\"",
        "{\"name\": \"A\", \"methods\": [{\"name\": \"M\", \"returns\": \"uint32\", \"params\": [{\"name\": \"X\", \"type\": \"uint8\", \"direction\": \"sideways\"}]}]} | A.M(X) has direction 'sideways'",
        "{\"name\": \"A\", \"methods\": [{\"name\": \"M\", \"returns\": \"void\", \"returnValues\": {\"0\": \"OK\"}}]} | A.M is void but lists return values",
        "{\"name\": \"A\", \"abstract\": \"yes\"}                                                 | A has \"abstract\" that is not true or false",
        "{\"name\": \"A\", \"properties\": [{\"name\": \"P\", \"type\": 16}]}                     | A.P has \"type\" that is not a string",
        "{\"name\": \"A\", \"properties\": {\"name\": \"P\"}}                                     | A has \"properties\" that is not a list",
        "{\"name\": \"A\", \"methods\": [{\"name\": \"M\", \"returns\": \"void\", \"params\": [{\"name\": \"X\", \"type\": \"uint8\", \"dir\": \"in\"}]}]} | A.M(X) has unknown field \"dir\"",
    })
    void malformedDataIsRefusedNamingTheCulprit(String classes, String expected) {
        CimException e = assertThrows(CimException.class, () -> load(classes));
        assertEquals(CimError.INVALID_CLASS, e.error());
        assertTrue(e.getMessage().contains(expected.trim()), e.getMessage());
    }

    @Test
    void consistencyCheckFindsDanglingNames() {
        CimSchema s = load("""
                {"name": "A", "superclass": "Missing", "properties": [
                   {"name": "Id", "type": "string", "key": true},
                   {"name": "R", "type": "ref", "refClass": "Nowhere"},
                   {"name": "E", "type": "string", "embeddedInstance": "Nothing"},
                   {"name": "V", "type": "uint16", "values": {"5": "five", "0..9": "digits", "8..12": "teens"}}]},
                {"name": "NoKey"},
                {"name": "Assoc", "association": true, "properties": [{"name": "Only", "type": "ref", "refClass": "A", "key": true}]}
                """);
        List<String> problems = SchemaCheck.problems(s);
        assertTrue(problems.contains("A: superclass Missing is not defined"), problems.toString());
        assertTrue(problems.contains("A.R: references class Nowhere, which is neither defined nor external"), problems.toString());
        assertTrue(problems.contains("A.E: embeds class Nothing, which is neither defined nor external"), problems.toString());
        assertTrue(problems.contains("A.V: ranges 0..9 and 8..12 overlap") || problems.contains("A.V: ranges 8..12 and 0..9 overlap"), problems.toString());
        assertTrue(problems.stream().noneMatch(p -> p.contains("five")), "a value inside a range is allowed: " + problems);
        assertTrue(problems.contains("NoKey: a concrete class without key properties"), problems.toString());
        assertTrue(problems.contains("Assoc: an association needs two references"), problems.toString());
    }
}
