package io.hyperv4j.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimLimits;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.job.MethodCall;
import io.hyperv4j.job.ReturnCodes;
import io.hyperv4j.sim.v2.V2;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Huge arrays, strings and queries through raw CIM (what {@code cim invoke} and {@code cim query}
 * send) and through the typed API's method calls are refused with the cap in the message before
 * any element is looked at, and change nothing (issue 12: bounded work for any input).
 */
class SizeCapsTest {
    private static final int OVER = CimLimits.MAX_ARRAY + 1;

    private static String message(Runnable call, CimError expected) {
        CimException e = assertThrows(CimException.class, call::run);
        assertEquals(expected, e.error(), e.getMessage());
        return e.getMessage();
    }

    @Test
    void hugeArraysOfEmbeddedInstancesReferencesAndStringsAreRefusedWithTheCap() {
        try (Lab lab = Lab.fromTemplate(LabTemplates.DEFAULT); CimSession s = lab.session(Lab.DEFAULT_HOST)) {
            ObjectPath vsms = V2.managementService(Lab.DEFAULT_HOST);
            int vmsBefore = lab.vmCount();
            String defineSystem = message(() -> s.invoke(vsms, "DefineSystem",
                    Map.of("ResourceSettings", CimValue.strings(Collections.nCopies(OVER, "<INSTANCE CLASSNAME=\"Msvm_X\"/>")))),
                    CimError.INVALID_PARAMETER);
            assertTrue(defineSystem.contains("ResourceSettings) has " + OVER + " elements; at most " + CimLimits.MAX_ARRAY), defineSystem);
            ObjectPath ref = V2.computerSystem(Lab.DEFAULT_HOST, "8F2A1C3E-5B7D-4E9F-A1B2-C3D4E5F60718");
            String remove = message(() -> s.invoke(vsms, "RemoveResourceSettings",
                    Map.of("ResourceSettings", CimValue.array(CimType.REFERENCE, Collections.nCopies(OVER, ref)))),
                    CimError.INVALID_PARAMETER);
            assertTrue(remove.contains("has " + OVER + " elements"), remove);
            String longName = "a".repeat(CimLimits.MAX_STRING + 1);
            String settings = message(() -> s.invoke(vsms, "DefineSystem", Map.of("SystemSettings", CimValue.string(longName))),
                    CimError.INVALID_PARAMETER);
            assertTrue(settings.contains("is " + (CimLimits.MAX_STRING + 1) + " characters; at most " + CimLimits.MAX_STRING), settings);
            assertTrue(settings.length() < 1000, "the message does not echo the value");
            assertEquals(vmsBefore, lab.vmCount());
        }
    }

    @Test
    void aHugeQueryIsRefusedBeforeItIsParsed() {
        try (Lab lab = Lab.fromTemplate(LabTemplates.DEFAULT); CimSession s = lab.session(Lab.DEFAULT_HOST)) {
            StringBuilder wql = new StringBuilder("SELECT * FROM Msvm_ComputerSystem WHERE ElementName = 'x'");
            while (wql.length() <= CimLimits.MAX_QUERY) wql.append(" OR ElementName = 'x'");
            String m = message(() -> s.query(V2.NAMESPACE, wql.toString()), CimError.INVALID_QUERY);
            assertTrue(m.contains("at most " + CimLimits.MAX_QUERY), m);
            assertTrue(m.length() < 1000, "the message does not echo the query");
        }
    }

    @Test
    void theTypedApiRefusesTheSameValuesWithTheSameWords() {
        try (Lab lab = Lab.fromTemplate(LabTemplates.DEFAULT); CimSession s = lab.session(Lab.DEFAULT_HOST)) {
            MethodCall call = MethodCall.on(s, V2.managementService(Lab.DEFAULT_HOST), "DefineSystem", ReturnCodes.Family.MSVM);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> call.with("ResourceSettings", CimValue.strings(Collections.nCopies(OVER, "x"))));
            assertTrue(e.getMessage().contains("(ResourceSettings) has " + OVER + " elements; at most " + CimLimits.MAX_ARRAY), e.getMessage());
            assertTrue(CimLimits.problem("ok", CimValue.strings(Collections.nCopies(CimLimits.MAX_ARRAY, "x"))).isEmpty());
            assertTrue(CimLimits.problem("ok", CimValue.strings(List.of("a".repeat(CimLimits.MAX_STRING)))).isEmpty());
        }
    }
}
