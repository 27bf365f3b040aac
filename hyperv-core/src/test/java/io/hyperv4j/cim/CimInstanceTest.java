package io.hyperv4j.cim;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CimInstanceTest {

    private final CimInstance vm = CimInstance.builder("Msvm_ComputerSystem")
            .put("EnabledState", CimValue.uint16(2))
            .put("NumberOfNumaNodes", CimValue.nullOf(CimType.UINT16))
            .put("ElementName", CimValue.string("web01"))
            .put("Caption", CimValue.nullOf(CimType.STRING))
            .put("Cancellable", CimValue.bool(true))
            .put("StatusDescriptions", CimValue.strings(List.of("Operating normally")))
            .put("InstallDate", CimValue.datetime(CimDateTime.parse("20261205103000.000000+000")))
            .put("TimeOfLastStateChange", CimValue.datetime(CimDateTime.parse("00000000000010.000000:000")))
            .put("Host", CimValue.ref(ObjectPath.parse("root\\virtualization\\v2:Msvm_ComputerSystem.Name=\"HV01\"")))
            .build();

    @Test
    void typedReadsGiveTheValueWhenPresentAndTheFallbackWhenAbsentOrNull() {
        assertEquals(2, vm.intOr("enabledstate", 0), "names are case-insensitive");
        assertEquals(7, vm.intOr("NumberOfNumaNodes", 7), "null gives the fallback");
        assertEquals(7, vm.longOr("NoSuchProperty", 7), "absent gives the fallback");
        assertEquals("web01", vm.stringOr("ElementName", ""));
        assertEquals("", vm.stringOr("Caption", ""));
        assertNull(vm.getString("Caption"));
        assertTrue(vm.booleanOr("Cancellable", false));
        assertFalse(vm.booleanOr("Missing", false));
    }

    @Test
    void optionalReadsAreEmptyForAbsentNullAndIntervals() {
        assertEquals(Optional.empty(), vm.find("Caption"));
        assertEquals(CimValue.string("web01"), vm.find("ElementName").orElseThrow());
        assertEquals(Instant.parse("2026-12-05T10:30:00Z"), vm.instant("InstallDate").orElseThrow());
        assertEquals(Optional.empty(), vm.instant("TimeOfLastStateChange"), "an interval is no instant");
        assertEquals(Optional.empty(), vm.instant("Caption"));
        assertEquals("HV01", vm.reference("Host").orElseThrow().key("Name"));
        assertEquals(Optional.empty(), vm.reference("Nothing"));
    }

    @Test
    void listReadsGiveElementsOrNothing() {
        assertEquals(List.of("Operating normally"), vm.list("StatusDescriptions"));
        assertEquals(List.of("web01"), vm.list("ElementName"), "a scalar is a list of one");
        assertEquals(List.of(), vm.list("Caption"));
        assertEquals(List.of(), vm.list("Absent"));
    }

    @Test
    void aValueOfAnotherTypeIsAnErrorNotAFallback() {
        assertThrows(IllegalStateException.class, () -> vm.longOr("ElementName", 0));
    }
}
