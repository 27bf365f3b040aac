package io.hyperv4j.cim.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** root\MSCluster: void methods, uint32 states documented as -1, associations, open property sets. */
class ClusterSchemaTest {
    private final CimSchema cluster = CimSchema.forNamespace("root\\mscluster");

    @Test
    void namespaceLoadsUnderAnyCase() {
        assertSame(cluster, CimSchema.forNamespace("ROOT\\MSCluster"));
        assertEquals("root\\MSCluster", cluster.namespace());
        assertTrue(cluster.find("Msvm_ComputerSystem").isEmpty(), "namespaces do not leak into each other");
    }

    @Test
    void clusterMethodsAreVoidWithDocumentedParameters() {
        CimMethodDef move = cluster.requireMethod("MSCluster_ResourceGroup", "MoveToNewNode");
        assertTrue(move.isVoid());
        assertEquals(List.of("NodeName", "TimeOut"), move.parameters().stream().map(CimParameterDef::name).toList());
        assertEquals(CimType.UINT32, move.parameter("TimeOut").orElseThrow().type());

        Map<String, CimValue> pause = cluster.checkInvocation("MSCluster_Node", "Pause",
                Map.of("DrainType", CimValue.string("1"), "TargetNode", CimValue.string("node2")));
        assertEquals(CimValue.uint32(1), pause.get("DrainType"));
        assertEquals("Drain", cluster.requireMethod("MSCluster_Node", "Pause").parameter("DrainType").orElseThrow()
                .valueMap().label(1).orElseThrow());

        Map<String, CimValue> owners = cluster.checkOut("MSCluster_Resource", "GetPossibleOwners",
                Map.of("NodeNames", CimValue.strings(List.of("n1", "n2"))));
        assertEquals(CimValue.strings(List.of("n1", "n2")), owners.get("NodeNames"));
        for (String m : List.of("MoveToNewHost", "TurnOnRedirectedAccess", "TurnOffRedirectedAccess", "TurnOnMaintenance", "TurnOffMaintenance"))
            assertTrue(cluster.method("MSCluster_ClusterSharedVolume", m).isPresent(), m);
        assertTrue(cluster.method("MSCluster_Resource", "MigrateVirtualMachine").isPresent());
        assertTrue(cluster.method("MSCluster_Resource", "UpdateVirtualMachine").isPresent());
    }

    @Test
    void statesDocumentedAsMinusOneAreTheUnsignedBitPattern() {
        ValueMap node = cluster.requireProperty("MSCluster_Node", "State").valueMap();
        assertEquals("Unknown", node.label(0xFFFFFFFFL).orElseThrow());
        assertEquals("Paused", node.label(2).orElseThrow());
        assertEquals("Partial Online", cluster.requireProperty("MSCluster_ResourceGroup", "State").valueMap().label(3).orElseThrow());
        assertEquals("In Maintenance", cluster.requireProperty("MSCluster_ClusterSharedVolume", "FaultState").valueMap().label(4).orElseThrow());
        assertEquals("Online Pending", cluster.requireProperty("MSCluster_Resource", "State").valueMap().label(129).orElseThrow());
        assertEquals(CimValue.uint32(0xFFFFFFFFL), cluster.coerceProperty("MSCluster_Node", "State", CimValue.string("4294967295")));
    }

    @Test
    void associationsLinkTheDocumentedEnds() {
        CimClass csvToNode = cluster.require("MSCluster_ClusterSharedVolumeToNode");
        assertTrue(csvToNode.isAssociation());
        assertEquals("MSCluster_ClusterSharedVolume", cluster.requireProperty(csvToNode.name(), "GroupComponent").referenceClass());
        assertEquals("MSCluster_Node", cluster.requireProperty(csvToNode.name(), "PartComponent").referenceClass());
        assertTrue(cluster.isA("MSCluster_NodeToActiveGroup", "CIM_Component"));
        assertTrue(cluster.isA("MSCluster_EventGroupStateChange", "__Event"));
        assertTrue(cluster.isA("MSCluster_Node", "CIM_ComputerSystem"));
        assertFalse(cluster.isA("MSCluster_Node", "MSCluster_LogicalElement"));
    }

    @Test
    void privatePropertySetsAreOpen() {
        assertTrue(cluster.isOpen("MSCluster_Property"));
        assertFalse(cluster.isOpen("MSCluster_Node"));
        CimInstance props = CimInstance.builder("MSCluster_Property")
                .put("MigrationType", CimValue.uint32(4)).put("Anything", CimValue.string("x")).build();
        Map<String, CimValue> in = cluster.checkInvocation("MSCluster_ResourceGroup", "MoveToNewNodeEx",
                Map.of("NodeName", CimValue.string("n2"), "Parameters", CimValue.object(props)));
        assertEquals(props, in.get("Parameters").asInstance());
        CimException e = assertThrows(CimException.class, () -> cluster.coerceInstance(
                CimInstance.builder("MSCluster_Node").put("Anything", CimValue.string("x")).build()));
        assertEquals(CimError.INVALID_PROPERTY, e.error());
        assertTrue(e.getMessage().contains("MSCluster_Node.Anything"), e.getMessage());
    }
}
