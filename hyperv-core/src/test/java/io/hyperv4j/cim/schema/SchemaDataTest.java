package io.hyperv4j.cim.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every shipped data file loads and is internally consistent. */
class SchemaDataTest {

    @ParameterizedTest
    @ValueSource(strings = {"root\\virtualization\\v2", "root\\MSCluster", "root\\cimv2"})
    void dataFileIsConsistent(String namespace) {
        CimSchema schema = CimSchema.forNamespace(namespace);
        List<String> problems = SchemaCheck.problems(schema);
        assertEquals(List.of(), problems, "problems in " + namespace);
        assertTrue(schema.classes().size() > 10, schema.toString());
    }
}
