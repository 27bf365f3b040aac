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
}
