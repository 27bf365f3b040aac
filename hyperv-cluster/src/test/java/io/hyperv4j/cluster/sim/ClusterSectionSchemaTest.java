package io.hyperv4j.cluster.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.LabFileEdits;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster provider's section of a lab file is checked against its schema before it is read
 * (before: asText()/asInt() turned "id":"two" into node 0 and an owner naming no node into a null
 * owner): refused with the field's JSON path, the file left as written.
 */
class ClusterSectionSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECTION = "$.providers['" + MsClusterProvider.class.getName() + "']";
    @TempDir
    Path dir;
    private Path file;
    private ObjectNode saved;

    @BeforeEach
    void aClusterLab() throws Exception {
        file = dir.resolve("lab.json");
        try (Lab lab = Lab.fromTemplate("seed000-cluster", 0)) {
            lab.save(file);
        }
        saved = (ObjectNode) JSON.readTree(file.toFile());
    }

    private static ObjectNode cluster(ObjectNode root) {
        return (ObjectNode) root.get("providers").get(MsClusterProvider.class.getName()).get("clusters").get(0);
    }

    private static ObjectNode first(ObjectNode root, String list) {
        return (ObjectNode) cluster(root).get(list).get(0);
    }

    private String refused(Consumer<ObjectNode> change) throws Exception {
        return LabFileEdits.refusedAfter(file, saved, change);
    }

    @Test
    void theSavedSectionLoads() {
        try (Lab back = Lab.load(file)) {
            assertTrue(back.vmCount() > 0);
        }
    }

    @Test
    void wrongTypesOutOfRangeNumbersAndDanglingNamesAreRefusedWithTheirPath() throws Exception {
        String m = refused(r -> first(r, "nodes").put("id", "two"));
        assertTrue(m.contains(SECTION + ".clusters[0].nodes[0].id: expected an integer from 1 to 64, found \"two\""), m);
        m = refused(r -> first(r, "nodes").put("state", "MELTED"));
        assertTrue(m.contains(SECTION + ".clusters[0].nodes[0].state: expected one of UP, DOWN, PAUSED, JOINING"), m);
        m = refused(r -> first(r, "groups").put("failoverThreshold", -1));
        assertTrue(m.contains(SECTION + ".clusters[0].groups[0].failoverThreshold: expected an integer from 0 to 4294967295"), m);
        m = refused(r -> first(r, "groups").put("owner", "nowhere"));
        assertTrue(m.contains(SECTION + ".clusters[0].groups[0].owner: no node named nowhere in this cluster"), m);
        m = refused(r -> first(r, "groups").put("vmId", "../../etc"));
        assertTrue(m.contains(SECTION + ".clusters[0].groups[0].vmId: expected a VM id (GUID)"), m);
        m = refused(r -> cluster(r).put("nodes", "host1"));
        assertTrue(m.contains(SECTION + ".clusters[0].nodes: expected an array"), m);
        m = refused(r -> ((ArrayNode) cluster(r).get("nodes")).add(first(r, "nodes").deepCopy()));
        assertTrue(m.contains("a second node named"), m);
    }
}
