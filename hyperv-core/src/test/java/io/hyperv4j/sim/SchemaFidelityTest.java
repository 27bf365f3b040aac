package io.hyperv4j.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.schema.CimPropertyDef;
import io.hyperv4j.cim.schema.CimSchema;
import io.hyperv4j.sim.v2.V2;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every instance a provider renders is valid for its class in Microsoft's schema, keys included. */
class SchemaFidelityTest {

    @Test
    void everyRenderedInstanceConformsToTheSchema() {
        Lab lab = Lab.standalone();
        try (CimSession s = lab.session(Lab.DEFAULT_HOST)) {
            ObjectPath svc = V2.managementService(Lab.DEFAULT_HOST);
            ObjectPath last = null;
            for (String name : List.of("a", "b", "c")) {
                last = s.invoke(svc, "DefineSystem", Map.of("SystemSettings", CimValue.object(
                        CimInstance.builder(V2.VSSD).put("ElementName", CimValue.string(name)).build())))
                        .get("ResultingSystem").asPath();
                if (!name.equals("a")) s.invoke(last, "RequestStateChange", Map.of("RequestedState", CimValue.uint16(2)));
            }
            lab.clock().advance(Duration.ofSeconds(20));
            s.invoke(last, "RequestStateChange", Map.of("RequestedState", CimValue.uint16(9))); // a job still running
            int checked = 0;
            for (SimProvider p : lab.providers().all()) {
                CimSchema schema = CimSchema.forNamespace(p.namespace());
                HostScope scope = new HostScope(lab, lab.host(Lab.DEFAULT_HOST), lab.clock().now());
                for (String cls : p.classNames()) {
                    List<CimInstance> all = lab.read(Duration.ofSeconds(5), () -> p.instances(scope, cls));
                    assertFalse(all.isEmpty(), "the lab shows some " + cls);
                    for (CimInstance i : all) {
                        assertEquals(i, schema.coerceInstance(i), "values of " + i.className() + " have their declared types");
                        assertNotNull(i.path(), cls + " has a path");
                        for (CimPropertyDef k : schema.keyProperties(cls))
                            assertNotNull(i.path().key(k.name()), cls + " path has key " + k.name());
                        assertEquals(i, s.get(i.path()), "get by path returns the same " + cls);
                        checked++;
                    }
                }
            }
            assertFalse(checked < 20, "checked " + checked);
        }
    }
}
