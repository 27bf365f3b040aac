package io.hyperv4j.cim.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SchemaValidationTest {
    private static final String VSMS = "Msvm_VirtualSystemManagementService";
    private final CimSchema v2 = CimSchema.forNamespace("root\\virtualization\\v2");

    private static CimException fails(CimError error, Executable call, String... mentioned) {
        CimException e = assertThrows(CimException.class, call);
        assertEquals(error, e.error(), e.getMessage());
        for (String m : mentioned) assertTrue(e.getMessage().contains(m), "'" + m + "' not in: " + e.getMessage());
        return e;
    }

    @Test
    void cliStringsAreConvertedToDeclaredTypes() {
        Map<String, CimValue> in = v2.checkInvocation("Msvm_ComputerSystem", "RequestStateChange",
                Map.of("requestedstate", CimValue.string("2")));
        assertEquals(List.of("RequestedState", "TimeoutPeriod"), List.copyOf(in.keySet()));
        assertEquals(CimValue.uint16(2), in.get("RequestedState"));
        assertTrue(in.get("TimeoutPeriod").isNull());
        assertEquals(CimType.DATETIME, in.get("TimeoutPeriod").type());

        Map<String, CimValue> sd = v2.checkInvocation("Msvm_ShutdownComponent", "InitiateShutdown",
                Map.of("Force", CimValue.string("TRUE"), "Reason", CimValue.uint32(7)));
        assertEquals(CimValue.bool(true), sd.get("Force"));
        assertEquals(CimValue.string("7"), sd.get("Reason"));
    }

    @Test
    void integerWidthsChangeWhenTheValueFits() {
        Map<String, CimValue> in = v2.checkInvocation("Msvm_ComputerSystem", "RequestStateChange",
                Map.of("RequestedState", CimValue.sint64(32776)));
        assertEquals(CimValue.uint16(32776), in.get("RequestedState"));
        assertEquals(CimValue.uint16(3), v2.coerceProperty("Msvm_ComputerSystem", "EnabledState", CimValue.of(CimType.REAL64, 3.0)));
        assertEquals(CimValue.uint64(-1L), v2.coerceProperty("Msvm_MemorySettingData", "Limit", CimValue.string("18446744073709551615")));
        assertEquals(CimValue.uint16(0x1000), v2.coerceProperty("Msvm_VirtualSystemSettingData", "NetworkBootPreferredProtocol", CimValue.string("0x1000")));
    }

    @Test
    void outOfRangeAndGarbageAreTypeMismatchesNamingTheParameter() {
        fails(CimError.TYPE_MISMATCH, () -> v2.checkInvocation("Msvm_ComputerSystem", "RequestStateChange",
                Map.of("RequestedState", CimValue.uint32(70000))), "Msvm_ComputerSystem.RequestStateChange(RequestedState)", "70000", "uint16");
        fails(CimError.TYPE_MISMATCH, () -> v2.checkInvocation("Msvm_ComputerSystem", "RequestStateChange",
                Map.of("RequestedState", CimValue.string("running"))), "RequestedState", "'running'");
        fails(CimError.TYPE_MISMATCH, () -> v2.checkInvocation("Msvm_ComputerSystem", "RequestStateChange",
                Map.of("RequestedState", CimValue.sint32(-1))), "RequestedState", "-1");
        fails(CimError.TYPE_MISMATCH, () -> v2.coerceProperty("Msvm_MemorySettingData", "Limit", CimValue.sint64(-5)),
                "Msvm_MemorySettingData.Limit", "-5");
        fails(CimError.TYPE_MISMATCH, () -> v2.coerceProperty("Msvm_ComputerSystem", "ProcessID", CimValue.uint64(-1L)),
                "Msvm_ComputerSystem.ProcessID", "18446744073709551615");
        fails(CimError.TYPE_MISMATCH, () -> v2.coerceProperty("Msvm_ComputerSystem", "EnabledState", CimValue.of(CimType.REAL64, 2.5)),
                "EnabledState", "whole number");
        fails(CimError.TYPE_MISMATCH, () -> v2.checkInvocation("Msvm_ShutdownComponent", "InitiateShutdown",
                Map.of("Force", CimValue.uint8(1))), "InitiateShutdown(Force)", "boolean");
    }

    @Test
    void arrayWhereAScalarIsExpectedIsRefused() {
        fails(CimError.TYPE_MISMATCH, () -> v2.checkInvocation("Msvm_ComputerSystem", "RequestStateChange",
                Map.of("RequestedState", CimValue.array(CimType.UINT16, List.of(2L, 3L)))),
                "Msvm_ComputerSystem.RequestStateChange(RequestedState)", "array");
    }

    @Test
    void aSingleValueIsAcceptedForAnArrayAndElementsAreConverted() {
        CimValue v = v2.coerceProperty("Msvm_ComputerSystem", "OperationalStatus", CimValue.string("2"));
        assertEquals(CimValue.array(CimType.UINT16, List.of(2L)), v);
        CimValue many = v2.coerceProperty("Msvm_ComputerSystem", "OperationalStatus", CimValue.strings(List.of("2", "32768")));
        assertEquals(CimValue.array(CimType.UINT16, List.of(2L, 32768L)), many);
        fails(CimError.TYPE_MISMATCH, () -> v2.coerceProperty("Msvm_ComputerSystem", "OperationalStatus",
                CimValue.strings(List.of("2", "x"))), "Msvm_ComputerSystem.OperationalStatus", "element 1");
        assertEquals(new CimValue(CimType.UINT16, true, null),
                v2.coerceProperty("Msvm_ComputerSystem", "OperationalStatus", new CimValue(CimType.STRING, true, null)));
    }

    @Test
    void unknownParameterIsRefusedAndListsTheRealOnes() {
        fails(CimError.INVALID_METHOD_PARAMETERS, () -> v2.checkInvocation("Msvm_ComputerSystem", "RequestStateChange",
                Map.of("State", CimValue.uint16(2))), "Msvm_ComputerSystem.RequestStateChange", "State", "RequestedState [in]");
    }

    @Test
    void outOnlyParameterCannotBePassedIn() {
        fails(CimError.INVALID_METHOD_PARAMETERS, () -> v2.checkInvocation("Msvm_ComputerSystem", "RequestStateChange",
                Map.of("Job", CimValue.nullOf(CimType.REFERENCE))), "Msvm_ComputerSystem.RequestStateChange(Job)", "out-parameter");
    }

    @Test
    void parameterGivenTwiceInDifferentCaseIsRefused() {
        Map<String, CimValue> in = new LinkedHashMap<>();
        in.put("RequestedState", CimValue.uint16(2));
        in.put("REQUESTEDSTATE", CimValue.uint16(3));
        fails(CimError.INVALID_METHOD_PARAMETERS, () -> v2.checkInvocation("Msvm_ComputerSystem", "RequestStateChange", in),
                "RequestedState", "twice");
    }

    @Test
    void unknownMethodAndClassAreRefused() {
        fails(CimError.INVALID_METHOD, () -> v2.checkInvocation("Msvm_ComputerSystem", "Start", Map.of()), "Msvm_ComputerSystem", "Start");
        fails(CimError.INVALID_CLASS, () -> v2.checkInvocation("Msvm_Computer", "RequestStateChange", Map.of()), "Msvm_Computer");
    }

    @Test
    void inheritedMethodIsChecked() {
        Map<String, CimValue> in = v2.checkInvocation("Msvm_ConcreteJob", "KillJob", Map.of("DeleteOnKill", CimValue.string("false")));
        assertEquals(CimValue.bool(false), in.get("DeleteOnKill"));
    }

    @Test
    void referencesAreCheckedAgainstTheirClass() {
        ObjectPath vssd = ObjectPath.of(null, "Msvm_VirtualSystemSettingData", Map.of("InstanceID", "Microsoft:1"));
        ObjectPath vm = ObjectPath.of(null, "Msvm_ComputerSystem", Map.of("CreationClassName", "Msvm_ComputerSystem", "Name", "1"));
        Map<String, CimValue> ok = v2.checkInvocation(VSMS, "DefineSystem", Map.of("ReferenceConfiguration", CimValue.ref(vssd)));
        assertEquals(CimValue.ref(vssd), ok.get("ReferenceConfiguration"));
        fails(CimError.TYPE_MISMATCH, () -> v2.checkInvocation(VSMS, "DefineSystem",
                Map.of("ReferenceConfiguration", CimValue.ref(vm))),
                "DefineSystem(ReferenceConfiguration)", "CIM_VirtualSystemSettingData", "Msvm_ComputerSystem");
        // A path to a class this schema does not know cannot be judged and is passed on.
        ObjectPath foreign = ObjectPath.of("root\\cimv2", "Win32_Foo", Map.of("Id", 1L));
        assertEquals(CimValue.ref(foreign), v2.checkInvocation(VSMS, "DestroySystem",
                Map.of("AffectedSystem", CimValue.ref(foreign))).get("AffectedSystem"));
        fails(CimError.TYPE_MISMATCH, () -> v2.checkInvocation(VSMS, "DestroySystem",
                Map.of("AffectedSystem", CimValue.uint32(5))), "DestroySystem(AffectedSystem)");
    }

    @Test
    void aPathStringWhereARefIsExpectedIsParsed() {
        String text = "\\\\HOST\\root\\virtualization\\v2:Msvm_ComputerSystem.CreationClassName=\"Msvm_ComputerSystem\",Name=\"6C79B3B8-2F1D-4E2F-9F0B-0D0B1C2D3E4F\"";
        Map<String, CimValue> in = v2.checkInvocation(VSMS, "DestroySystem", Map.of("AffectedSystem", CimValue.string(text)));
        assertEquals(CimType.REFERENCE, in.get("AffectedSystem").type());
        assertEquals("Msvm_ComputerSystem", in.get("AffectedSystem").asPath().className());
        fails(CimError.TYPE_MISMATCH, () -> v2.checkInvocation(VSMS, "DestroySystem",
                Map.of("AffectedSystem", CimValue.string("not a path ==="))), "DestroySystem(AffectedSystem)");
    }

    /** The instance os-win builds for DefineSystem: VSSD with a name, a type and notes. */
    private static CimInstance oswinSystemSettings() {
        return CimInstance.builder("Msvm_VirtualSystemSettingData")
                .put("ElementName", CimValue.string("instance-00000001"))
                .put("VirtualSystemSubType", CimValue.string("Microsoft:Hyper-V:SubType:2"))
                .put("Notes", CimValue.strings(List.of("6c79b3b8-2f1d-4e2f-9f0b-0d0b1c2d3e4f")))
                .put("ConfigurationDataRoot", CimValue.string("C:\\VMs"))
                .put("SnapshotDataRoot", CimValue.string("C:\\VMs"))
                .put("UserSnapshotType", CimValue.string("2"))
                .put("AutomaticStartupAction", CimValue.string("2"))
                .put("SecureBootEnabled", CimValue.string("false"))
                .put("BootOrder", CimValue.strings(List.of("3", "0")))
                .put("Version", CimValue.nullOf(CimType.STRING))
                .build();
    }

    @Test
    void embeddedInstanceWithUntypedValuesIsCoercedToDeclaredTypes() {
        CimInstance in = oswinSystemSettings();
        CimInstance out = v2.coerceInstance(in);
        assertEquals("Msvm_VirtualSystemSettingData", out.className());
        assertEquals(List.copyOf(in.properties().keySet()), List.copyOf(out.properties().keySet()));
        assertEquals(CimValue.uint16(2), out.get("UserSnapshotType"));
        assertEquals(CimValue.uint16(2), out.get("AutomaticStartupAction"));
        assertEquals(CimValue.bool(false), out.get("SecureBootEnabled"));
        assertEquals(CimValue.array(CimType.UINT16, List.of(3L, 0L)), out.get("BootOrder"));
        assertEquals(CimValue.strings(List.of("6c79b3b8-2f1d-4e2f-9f0b-0d0b1c2d3e4f")), out.get("Notes"));
        assertTrue(out.get("Version").isNull());
        assertFalse(out.get("Version").array());
        assertEquals(out, v2.coerceInstance(out), "coercion is idempotent");
    }

    @Test
    void defineSystemRoundTripWithEmbeddedInstances() {
        CimInstance proc = CimInstance.builder("Msvm_ProcessorSettingData")
                .put("VirtualQuantity", CimValue.string("4")).put("Limit", CimValue.string("100000")).build();
        CimInstance mem = CimInstance.builder("Msvm_MemorySettingData")
                .put("VirtualQuantity", CimValue.string("2048")).put("DynamicMemoryEnabled", CimValue.string("true")).build();
        Map<String, CimValue> in = v2.checkInvocation(VSMS, "DefineSystem", Map.of(
                "SystemSettings", CimValue.object(oswinSystemSettings()),
                "ResourceSettings", CimValue.array(CimType.OBJECT, List.of(proc, mem))));
        CimValue sys = in.get("SystemSettings");
        assertEquals(CimType.OBJECT, sys.type());
        assertEquals(CimValue.uint16(2), sys.asInstance().get("UserSnapshotType"));
        List<Object> rasds = in.get("ResourceSettings").asList();
        assertEquals(CimValue.uint64(4), ((CimInstance) rasds.get(0)).get("VirtualQuantity"));
        assertEquals(CimValue.bool(true), ((CimInstance) rasds.get(1)).get("DynamicMemoryEnabled"));
        assertTrue(in.get("ReferenceConfiguration").isNull());
    }

    @Test
    void embeddedInstanceOfTheWrongClassIsRefused() {
        CimInstance notSettings = CimInstance.builder("Msvm_ConcreteJob").put("JobState", CimValue.uint16(7)).build();
        fails(CimError.TYPE_MISMATCH, () -> v2.checkInvocation(VSMS, "DefineSystem",
                Map.of("SystemSettings", CimValue.object(notSettings))),
                "DefineSystem(SystemSettings)", "Msvm_VirtualSystemSettingData", "Msvm_ConcreteJob");
        CimInstance unknown = CimInstance.builder("Msvm_Bogus").build();
        fails(CimError.INVALID_CLASS, () -> v2.checkInvocation(VSMS, "ModifyResourceSettings",
                Map.of("ResourceSettings", CimValue.array(CimType.OBJECT, List.of(unknown)))),
                "ModifyResourceSettings(ResourceSettings)", "Msvm_Bogus");
        fails(CimError.TYPE_MISMATCH, () -> v2.checkInvocation(VSMS, "DefineSystem",
                Map.of("SystemSettings", CimValue.uint32(1))), "DefineSystem(SystemSettings)");
    }

    @Test
    void embeddedInstanceWithUnknownOrBadPropertyIsRefusedNamingIt() {
        CimInstance bad = oswinSystemSettings().toBuilder().put("Colour", CimValue.string("blue")).build();
        fails(CimError.INVALID_PROPERTY, () -> v2.coerceInstance(bad), "Msvm_VirtualSystemSettingData.Colour");
        fails(CimError.INVALID_PROPERTY, () -> v2.checkInvocation(VSMS, "ModifySystemSettings",
                Map.of("SystemSettings", CimValue.object(bad))), "Msvm_VirtualSystemSettingData.Colour");
        CimInstance wrongType = oswinSystemSettings().toBuilder().put("UserSnapshotType", CimValue.string("production")).build();
        fails(CimError.TYPE_MISMATCH, () -> v2.coerceInstance(wrongType), "Msvm_VirtualSystemSettingData.UserSnapshotType", "'production'");
        CimInstance scalarForArray = CimInstance.builder("Msvm_VirtualSystemSettingData")
                .put("ElementName", CimValue.strings(List.of("a", "b"))).build();
        fails(CimError.TYPE_MISMATCH, () -> v2.coerceInstance(scalarForArray), "Msvm_VirtualSystemSettingData.ElementName", "array");
    }

    @Test
    void embeddedInstanceTextIsParsed() {
        String xml = "<INSTANCE CLASSNAME=\"Msvm_VirtualSystemSettingData\"><PROPERTY NAME=\"ElementName\" TYPE=\"string\">"
                + "<VALUE>vm1</VALUE></PROPERTY><PROPERTY NAME=\"UserSnapshotType\"><VALUE>3</VALUE></PROPERTY></INSTANCE>";
        Map<String, CimValue> in = v2.checkInvocation(VSMS, "ModifySystemSettings", Map.of("SystemSettings", CimValue.string(xml)));
        CimInstance vssd = in.get("SystemSettings").asInstance();
        assertEquals(CimValue.string("vm1"), vssd.get("ElementName"));
        assertEquals(CimValue.uint16(3), vssd.get("UserSnapshotType"));
        CimException e = assertThrows(CimException.class, () -> v2.checkInvocation(VSMS, "ModifySystemSettings",
                Map.of("SystemSettings", CimValue.string("<INSTANCE"))));
        assertTrue(e.getMessage().contains("ModifySystemSettings(SystemSettings)"), e.getMessage());
    }

    @Test
    void outParametersAreCheckedAndTyped() {
        ObjectPath job = ObjectPath.of(null, "Msvm_ConcreteJob", Map.of("InstanceID", "J1"));
        Map<String, CimValue> out = v2.checkOut(VSMS, "DefineSystem", Map.of("job", CimValue.ref(job)));
        assertEquals(List.of("Job"), List.copyOf(out.keySet()));
        assertEquals(CimValue.ref(job), out.get("Job"));
        fails(CimError.INVALID_METHOD_PARAMETERS, () -> v2.checkOut(VSMS, "DefineSystem",
                Map.of("SystemSettings", CimValue.string("x"))), "DefineSystem(SystemSettings)", "in-parameter");
        fails(CimError.INVALID_METHOD_PARAMETERS, () -> v2.checkOut(VSMS, "DefineSystem",
                Map.of("Bogus", CimValue.string("x"))), "DefineSystem", "Bogus");
        ObjectPath vssd = ObjectPath.of(null, "Msvm_VirtualSystemSettingData", Map.of("InstanceID", "Microsoft:1"));
        fails(CimError.TYPE_MISMATCH, () -> v2.checkOut(VSMS, "DefineSystem",
                Map.of("Job", CimValue.ref(vssd))), "DefineSystem(Job)", "CIM_ConcreteJob");

        CimInstance summary = CimInstance.builder("Msvm_SummaryInformation")
                .put("Name", CimValue.string("6C79")).put("EnabledState", CimValue.uint32(2)).build();
        Map<String, CimValue> si = v2.checkOut(VSMS, "GetSummaryInformation",
                Map.of("SummaryInformation", CimValue.array(CimType.OBJECT, List.of(summary))));
        CimInstance first = (CimInstance) si.get("SummaryInformation").asList().get(0);
        assertEquals(CimValue.uint16(2), first.get("EnabledState"));
    }

    @Test
    void nullValuesKeepTheirDeclaredShape() {
        Map<String, CimValue> in = new LinkedHashMap<>();
        in.put("ResourceSettings", null);
        Map<String, CimValue> out = v2.checkInvocation(VSMS, "DefineSystem", in);
        assertTrue(out.get("ResourceSettings").isNull());
        assertTrue(out.get("ResourceSettings").array());
        assertEquals(CimType.OBJECT, out.get("ResourceSettings").type());
        assertNull(out.get("ResourceSettings").value());
    }

    @Test
    void checkpointCallAcceptsAnEmptySnapshotSettingsString() {
        ObjectPath vm = ObjectPath.of(null, "Msvm_ComputerSystem", Map.of("CreationClassName", "Msvm_ComputerSystem", "Name", "1"));
        Map<String, CimValue> in = v2.checkInvocation("Msvm_VirtualSystemSnapshotService", "CreateSnapshot", Map.of(
                "AffectedSystem", CimValue.ref(vm), "SnapshotSettings", CimValue.string(""), "SnapshotType", CimValue.string("2")));
        assertTrue(in.get("SnapshotSettings").isNull());
        assertEquals(CimValue.uint16(2), in.get("SnapshotType"));
        assertTrue(in.containsKey("ResultingSnapshot"), "in/out parameters are in-parameters too");
        fails(CimError.TYPE_MISMATCH, () -> v2.checkInvocation("Msvm_VirtualSystemSnapshotService", "ApplySnapshot",
                Map.of("Snapshot", CimValue.ref(vm))), "ApplySnapshot(Snapshot)", "CIM_VirtualSystemSettingData");
    }

    @Test
    void virtualDiskCallsCheckTheirEmbeddedSettings() {
        CimInstance vhd = CimInstance.builder("Msvm_VirtualHardDiskSettingData")
                .put("Type", CimValue.string("3")).put("Format", CimValue.string("3"))
                .put("Path", CimValue.string("C:\\disks\\a.vhdx")).put("MaxInternalSize", CimValue.string("10737418240"))
                .build();
        Map<String, CimValue> in = v2.checkInvocation("Msvm_ImageManagementService", "CreateVirtualHardDisk",
                Map.of("VirtualDiskSettingData", CimValue.object(vhd)));
        CimInstance checked = in.get("VirtualDiskSettingData").asInstance();
        assertEquals(CimValue.uint64(10737418240L), checked.get("MaxInternalSize"));
        assertEquals("VHDX", v2.requireProperty("Msvm_VirtualHardDiskSettingData", "Format").valueMap()
                .label(checked.get("Format").asLong()).orElseThrow());
        Map<String, CimValue> resize = v2.checkInvocation("Msvm_ImageManagementService", "ResizeVirtualHardDisk",
                Map.of("Path", CimValue.string("C:\\a.vhdx"), "MaxInternalSize", CimValue.uint32(1 << 30)));
        assertEquals(CimValue.uint64(1L << 30), resize.get("MaxInternalSize"));

        CimInstance state = CimInstance.builder("Msvm_VirtualHardDiskState")
                .put("FileSize", CimValue.uint64(4096)).put("InUse", CimValue.bool(false)).build();
        Map<String, CimValue> out = v2.checkOut("Msvm_ImageManagementService", "GetVirtualHardDiskState",
                Map.of("State", CimValue.object(state)));
        assertEquals(state, out.get("State").asInstance());
        fails(CimError.TYPE_MISMATCH, () -> v2.checkOut("Msvm_ImageManagementService", "GetVirtualHardDiskState",
                Map.of("State", CimValue.object(vhd))), "GetVirtualHardDiskState(State)", "Msvm_VirtualHardDiskState");
    }

    @Test
    void migrationTakesEmbeddedSettingsAndStorageResourceSettings() {
        CimInstance msd = CimInstance.builder("Msvm_VirtualSystemMigrationSettingData")
                .put("MigrationType", CimValue.string("32771")).put("TransportType", CimValue.string("5")).build();
        CimInstance disk = CimInstance.builder("Msvm_StorageAllocationSettingData")
                .put("HostResource", CimValue.strings(List.of("D:\\vm\\a.vhdx"))).build();
        ObjectPath vm = ObjectPath.of(null, "Msvm_ComputerSystem", Map.of("CreationClassName", "Msvm_ComputerSystem", "Name", "1"));
        Map<String, CimValue> in = v2.checkInvocation("Msvm_VirtualSystemMigrationService", "MigrateVirtualSystemToHost", Map.of(
                "ComputerSystem", CimValue.ref(vm), "DestinationHost", CimValue.string("host2"),
                "MigrationSettingData", CimValue.object(msd),
                "NewResourceSettingData", CimValue.array(CimType.OBJECT, List.of(disk))));
        assertEquals("VirtualSystemAndStorage", v2.requireProperty("Msvm_VirtualSystemMigrationSettingData", "MigrationType")
                .valueMap().label(in.get("MigrationSettingData").asInstance().getLong("MigrationType")).orElseThrow());
        assertEquals(1, in.get("NewResourceSettingData").asList().size());
    }

    @Test
    void datetimeTextIsParsedAndBadTextNamesTheParameter() {
        Map<String, CimValue> in = v2.checkInvocation("Msvm_ComputerSystem", "RequestStateChange", Map.of(
                "RequestedState", CimValue.uint16(3), "TimeoutPeriod", CimValue.string("00000000000500.000000:000")));
        CimValue timeout = in.get("TimeoutPeriod");
        assertEquals(CimType.DATETIME, timeout.type());
        assertTrue(timeout.asDateTime().isInterval());
        assertEquals(java.time.Duration.ofMinutes(5), timeout.asDateTime().toDuration());
        fails(CimError.TYPE_MISMATCH, () -> v2.checkInvocation("Msvm_ComputerSystem", "RequestStateChange",
                Map.of("TimeoutPeriod", CimValue.string("five minutes"))), "RequestStateChange(TimeoutPeriod)", "datetime");
    }
}
