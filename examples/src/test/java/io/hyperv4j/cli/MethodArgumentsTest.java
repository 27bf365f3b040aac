package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --param Name=Value} texts typed by the method's signature. */
class MethodArgumentsTest {
    final List<MethodArguments.Parameter> requestStateChange = List.of(
            new MethodArguments.Parameter("RequestedState", CimType.UINT16, false),
            new MethodArguments.Parameter("Names", CimType.STRING, true));

    @Test
    void valuesAreTypedAndRepeatedNamesMakeArrays() {
        Map<String, CimValue> typed = MethodArguments.typed("Msvm_ComputerSystem", "RequestStateChange", requestStateChange,
                MethodArguments.group("cim", List.of("requestedstate=2", "Names=a", "Names=b=c")));
        assertEquals(CimValue.uint16(2), typed.get("RequestedState"));
        assertEquals(CimValue.strings(List.of("a", "b=c")), typed.get("Names"));
    }

    @Test
    void anArrayParameterGivenOnceIsAnArrayOfOne() {
        Map<String, CimValue> typed = MethodArguments.typed("C", "M", requestStateChange,
                MethodArguments.group("cim", List.of("Names=only")));
        assertEquals(CimValue.strings(List.of("only")), typed.get("Names"));
    }

    @Test
    void wrongInputIsRefusedNamingTheParameter() {
        CimException unknown = assertThrows(CimException.class, () -> MethodArguments.typed("Msvm_ComputerSystem",
                "RequestStateChange", requestStateChange, MethodArguments.group("cim", List.of("State=2"))));
        assertEquals(CimError.INVALID_METHOD_PARAMETERS, unknown.error());
        assertTrue(unknown.getMessage().contains("no in-parameter 'State'; it takes RequestedState uint16, Names string[]"),
                unknown.getMessage());

        CimException range = assertThrows(CimException.class, () -> MethodArguments.typed("C", "M", requestStateChange,
                MethodArguments.group("cim", List.of("RequestedState=70000"))));
        assertEquals(CimError.TYPE_MISMATCH, range.error());
        assertTrue(range.getMessage().contains("parameter RequestedState (uint16)"), range.getMessage());

        CimException twice = assertThrows(CimException.class, () -> MethodArguments.typed("C", "M", requestStateChange,
                MethodArguments.group("cim", List.of("RequestedState=2", "RequestedState=3"))));
        assertTrue(twice.getMessage().contains("given 2 times"), twice.getMessage());

        UsageException noEquals = assertThrows(UsageException.class, () -> MethodArguments.group("cim", List.of("RequestedState")));
        assertTrue(noEquals.getMessage().contains("--param needs Name=Value"));
    }

    @Test
    void returnCodesAreNamedFromTheMethodsOwnTable() {
        String ns = "root\\virtualization\\v2";
        // 32779 means different things in different methods' tables.
        assertEquals(java.util.Optional.of("File in Use"), SchemaSignatures.INSTANCE.returnValueName(ns,
                "Msvm_VirtualSystemManagementService", "ImportSystemDefinition", 32779));
        assertEquals(java.util.Optional.of("File not found"), SchemaSignatures.INSTANCE.returnValueName(ns,
                "Msvm_ShutdownComponent", "InitiateShutdown", 32779));
        assertEquals(java.util.Optional.of("Method Parameters Checked - Transition Started"),
                SchemaSignatures.INSTANCE.returnValueName(ns, "Msvm_ComputerSystem", "RequestStateChange", 4096));
        // Not listed individually (only inside "Vendor Specific"), or no schema: the caller's fallback applies.
        assertTrue(SchemaSignatures.INSTANCE.returnValueName(ns, "Msvm_VirtualSystemManagementService",
                "DefineSystem", 32775).isEmpty());
        assertTrue(SchemaSignatures.INSTANCE.returnValueName("root\\nowhere", "C", "M", 1).isEmpty());
    }
}
