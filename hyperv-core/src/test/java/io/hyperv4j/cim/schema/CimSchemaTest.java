package io.hyperv4j.cim.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimType;
import java.util.List;
import org.junit.jupiter.api.Test;

class CimSchemaTest {
    private final CimSchema v2 = CimSchema.forNamespace("root\\virtualization\\v2");

    @Test
    void namespaceIsCachedAndComparedIgnoringCaseServerAndSlashes() {
        assertSame(v2, CimSchema.forNamespace("ROOT\\Virtualization\\V2"));
        assertSame(v2, CimSchema.forNamespace("\\\\HOST01\\root\\virtualization\\v2"));
        assertSame(v2, CimSchema.forNamespace("root/virtualization/v2"));
        assertEquals("root\\virtualization\\v2", v2.namespace());
    }

    @Test
    void unknownNamespaceIsRefusedByName() {
        CimException e = assertThrows(CimException.class, () -> CimSchema.forNamespace("root\\nosuch"));
        assertEquals(CimError.INVALID_NAMESPACE, e.error());
        assertTrue(e.getMessage().contains("root\\nosuch"), e.getMessage());
    }

    @Test
    void findAndRequireIgnoreCase() {
        assertEquals("Msvm_ComputerSystem", v2.find("msvm_computersystem").orElseThrow().name());
        assertTrue(v2.find("Msvm_Nope").isEmpty());
        CimException e = assertThrows(CimException.class, () -> v2.require("Msvm_Nope"));
        assertEquals(CimError.INVALID_CLASS, e.error());
        assertTrue(e.getMessage().contains("Msvm_Nope"), e.getMessage());
    }

    @Test
    void isAFollowsTheSuperclassChain() {
        assertTrue(v2.isA("Msvm_ComputerSystem", "CIM_ComputerSystem"));
        assertTrue(v2.isA("Msvm_ComputerSystem", "cim_managedelement"));
        assertTrue(v2.isA("Msvm_ProcessorSettingData", "CIM_ResourceAllocationSettingData"));
        assertFalse(v2.isA("Msvm_ProcessorSettingData", "Msvm_ResourceAllocationSettingData"));
        assertTrue(v2.isA("Msvm_SystemDevice", "CIM_Component"));
        assertTrue(v2.isA("__InstanceModificationEvent", "__Event"));
        assertTrue(v2.isA("Msvm_Anything", "MSVM_ANYTHING"), "equal names match without a schema entry");
        assertFalse(v2.isA("CIM_ManagedElement", "Msvm_ComputerSystem"));
        assertFalse(v2.isA("Msvm_Unknown", "CIM_ManagedElement"));
        assertEquals(List.of("Msvm_ConcreteJob", "CIM_ConcreteJob", "CIM_Job", "CIM_LogicalElement",
                        "CIM_ManagedSystemElement", "CIM_ManagedElement"),
                v2.superclassChain("Msvm_ConcreteJob").stream().map(CimClass::name).toList());
    }

    @Test
    void computerSystemHasTheDocumentedPropertiesAndKeys() {
        CimPropertyDef enabled = v2.requireProperty("Msvm_ComputerSystem", "enabledstate");
        assertEquals(CimType.UINT16, enabled.type());
        assertEquals("Quiesce", enabled.valueMap().label(9).orElseThrow());
        assertEquals("Enabled but Offline", enabled.valueMap().label(6).orElseThrow());
        assertEquals(CimType.UINT64, v2.requireProperty("Msvm_ComputerSystem", "OnTimeInMilliseconds").type());
        assertEquals(CimType.UINT32, v2.requireProperty("Msvm_ComputerSystem", "ProcessID").type());
        CimPropertyDef status = v2.requireProperty("Msvm_ComputerSystem", "OperationalStatus");
        assertTrue(status.array());
        assertEquals(List.of("CreationClassName", "Name"),
                v2.keyProperties("Msvm_ComputerSystem").stream().map(CimPropertyDef::name).toList());
        assertEquals(List.of("InstanceID"),
                v2.keyProperties("Msvm_ConcreteJob").stream().map(CimPropertyDef::name).toList());
    }

    @Test
    void settingDataCarriesCheckpointAndStartupSettings() {
        assertEquals("Test", v2.requireProperty("Msvm_VirtualSystemSettingData", "UserSnapshotType").valueMap().label(5).orElseThrow());
        assertEquals("Always start", v2.requireProperty("Msvm_VirtualSystemSettingData", "AutomaticStartupAction").valueMap().label(4).orElseThrow());
        assertTrue(v2.requireProperty("Msvm_VirtualSystemSettingData", "Notes").array());
        assertEquals(CimType.UINT64, v2.requireProperty("Msvm_MemorySettingData", "VirtualQuantity").type());
        assertEquals(CimType.BOOLEAN, v2.requireProperty("Msvm_MemorySettingData", "DynamicMemoryEnabled").type());
        assertEquals("Completed", v2.requireProperty("Msvm_ConcreteJob", "JobState").valueMap().label(7).orElseThrow());
    }

    @Test
    void unknownPropertyIsRefusedNamingClassAndProperty() {
        CimException e = assertThrows(CimException.class, () -> v2.requireProperty("Msvm_ComputerSystem", "Colour"));
        assertEquals(CimError.INVALID_PROPERTY, e.error());
        assertTrue(e.getMessage().contains("Msvm_ComputerSystem.Colour"), e.getMessage());
    }

    @Test
    void methodsAreInheritedAndSignaturesExact() {
        CimMethodDef kill = v2.method("Msvm_ConcreteJob", "KillJob").orElseThrow();
        assertEquals("KillJob", kill.name());
        assertTrue(v2.find("Msvm_ConcreteJob").orElseThrow().declaredMethod("KillJob").isEmpty());

        CimMethodDef define = v2.requireMethod("Msvm_VirtualSystemManagementService", "DefineSystem");
        assertEquals(CimType.UINT32, define.returnType());
        assertEquals(List.of("SystemSettings", "ResourceSettings", "ReferenceConfiguration", "ResultingSystem", "Job"),
                define.parameters().stream().map(CimParameterDef::name).toList());
        CimParameterDef settings = define.parameter("systemsettings").orElseThrow();
        assertEquals(CimType.STRING, settings.type());
        assertEquals("Msvm_VirtualSystemSettingData", settings.embeddedInstance());
        CimParameterDef job = define.parameter("Job").orElseThrow();
        assertTrue(job.out() && !job.in());
        assertEquals(CimType.REFERENCE, job.type());
        assertEquals("CIM_ConcreteJob", job.referenceClass());
        assertEquals("Method Parameters Checked - Job Started", define.returnValueMap().label(4096).orElseThrow());
        assertEquals("Vendor Specific", define.returnValueMap().label(40000).orElseThrow());

        CimMethodDef rsc = v2.requireMethod("Msvm_ComputerSystem", "RequestStateChange");
        assertEquals(List.of("RequestedState", "TimeoutPeriod"), rsc.inParameters().stream().map(CimParameterDef::name).toList());
        assertEquals("Invalid state for this operation", rsc.returnValueMap().label(32775).orElseThrow());
        assertEquals("Quiesce", rsc.parameter("RequestedState").orElseThrow().valueMap().label(9).orElseThrow());
        assertEquals(9L, rsc.parameter("RequestedState").orElseThrow().valueMap().valueOf("quiesce").orElseThrow());
    }

    @Test
    void unknownMethodIsRefusedNamingClassAndMethod() {
        CimException e = assertThrows(CimException.class, () -> v2.requireMethod("Msvm_ComputerSystem", "Explode"));
        assertEquals(CimError.INVALID_METHOD, e.error());
        assertTrue(e.getMessage().contains("Msvm_ComputerSystem") && e.getMessage().contains("Explode"), e.getMessage());
    }

    @Test
    void allPropertiesPutsAncestorsFirstAndLetsSubclassesOverride() {
        CimPropertyDef baseName = new CimPropertyDef("Name", CimType.STRING, false, false, null, null, null, "base");
        CimPropertyDef baseSize = new CimPropertyDef("Size", CimType.UINT32, false, false, null, null, null, null);
        CimPropertyDef subName = new CimPropertyDef("NAME", CimType.STRING, false, true, null, null, null, "sub");
        CimPropertyDef extra = new CimPropertyDef("Extra", CimType.BOOLEAN, false, false, null, null, null, null);
        CimSchema s = CimSchema.of("root\\test", List.of(
                new CimClass("Base", null, true, false, false, List.of(baseName, baseSize), List.of(), null, null, null),
                new CimClass("Sub", "Base", false, false, false, List.of(extra, subName), List.of(), null, null, null)));
        List<CimPropertyDef> all = s.allProperties("sub");
        assertEquals(List.of("NAME", "Size", "Extra"), all.stream().map(CimPropertyDef::name).toList());
        assertEquals("sub", all.get(0).description());
        assertEquals(List.of("NAME"), s.keyProperties("Sub").stream().map(CimPropertyDef::name).toList());
        assertEquals(List.of("Sub"), s.subclasses("Base").stream().map(CimClass::name).toList());
    }

    @Test
    void superclassCycleIsRefused() {
        CimException e = assertThrows(CimException.class, () -> CimSchema.of("root\\test", List.of(
                new CimClass("A", "B", false, false, false, List.of(), List.of(), null, null, null),
                new CimClass("B", "A", false, false, false, List.of(), List.of(), null, null, null))));
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
    }

    @Test
    void eventClassesCarryTargetAndPreviousInstance() {
        assertEquals(CimType.OBJECT, v2.requireProperty("__InstanceModificationEvent", "PreviousInstance").type());
        assertEquals(CimType.OBJECT, v2.requireProperty("__InstanceCreationEvent", "TargetInstance").type());
        assertEquals(CimType.UINT64, v2.requireProperty("__InstanceDeletionEvent", "TIME_CREATED").type());
        assertTrue(v2.require("__InstanceCreationEvent").isEvent());
    }
}
