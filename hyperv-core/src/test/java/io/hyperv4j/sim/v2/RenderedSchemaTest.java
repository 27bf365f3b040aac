package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.schema.CimPropertyDef;
import io.hyperv4j.cim.schema.CimSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every instance the simulated v2 providers render uses the documented property names and types. */
class RenderedSchemaTest {

    @Test
    void renderedPropertiesMatchTheSchema() {
        CimSchema schema = CimSchema.forNamespace(V2.NAMESPACE);
        Set<String> classes = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        classes.addAll(new VirtualizationProvider().classNames());
        classes.addAll(new StorageProvider().classNames());
        classes.addAll(new ImageManagement().classNames());
        List<String> wrong = new ArrayList<>();
        int seen = 0;
        try (V2Fixture f = new V2Fixture()) {
            var vm = f.defined("alpha", V2Fixture.processors(2), V2Fixture.memory(2048));
            // A checkpoint too, so the snapshot settings and their associations are rendered.
            assertEquals(4096, f.session.invoke(StorageRenderer.snapshotService(V2Fixture.HOST), "CreateSnapshot",
                    Map.of("AffectedSystem", CimValue.ref(vm), "SnapshotType", CimValue.uint16(2))).returnValue());
            for (String c : classes) {
                if (schema.find(c).isEmpty()) continue;
                for (CimInstance i : f.session.query(V2.NAMESPACE, "SELECT * FROM " + c)) {
                    for (Map.Entry<String, CimValue> e : i.properties().entrySet()) {
                        seen++;
                        Optional<CimPropertyDef> d = schema.property(i.className(), e.getKey());
                        if (d.isEmpty()) {
                            wrong.add(i.className() + "." + e.getKey() + ": not in the schema");
                        } else if (d.get().type() != e.getValue().type() || d.get().array() != e.getValue().array()) {
                            wrong.add(i.className() + "." + e.getKey() + ": " + e.getValue().type()
                                    + (e.getValue().array() ? "[]" : "") + ", schema says " + d.get().typeText());
                        }
                    }
                }
            }
        }
        assertFalse(seen == 0, "nothing rendered");
        assertEquals(List.of(), wrong);
    }
}
