package io.hyperv4j.cim;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class CimValueTest {

    @Test
    void integersAreRangeCheckedPerType() {
        assertEquals(255, CimValue.uint8(255).asLong());
        CimException e = assertThrows(CimException.class, () -> CimValue.uint8(256));
        assertEquals(CimError.TYPE_MISMATCH, e.error());
        assertTrue(e.getMessage().contains("uint8"), e.getMessage());
        assertThrows(CimException.class, () -> CimValue.uint32(-1));
        assertThrows(CimException.class, () -> CimValue.of(CimType.SINT8, 128));
    }

    @Test
    void uint64KeepsAllBitsAndPrintsUnsigned() {
        CimValue max = CimValue.parse(CimType.UINT64, "18446744073709551615");
        assertEquals(-1L, max.asLong());
        assertEquals("18446744073709551615", max.asString());
    }

    @Test
    void wrongJavaTypeIsRefused() {
        assertThrows(CimException.class, () -> CimValue.of(CimType.STRING, 5L));
        assertThrows(CimException.class, () -> CimValue.of(CimType.UINT16, 1.5));
        assertThrows(IllegalArgumentException.class, () -> CimValue.array(CimType.STRING, java.util.Arrays.asList("a", null)));
    }

    @Test
    void arraysAreImmutableCopies() {
        var source = new java.util.ArrayList<>(List.of("a", "b"));
        CimValue v = CimValue.strings(source);
        source.add("c");
        assertEquals(List.of("a", "b"), v.asList());
        assertThrows(UnsupportedOperationException.class, () -> v.asList().add("d"));
        assertEquals("{a, b}", v.toString());
    }

    @Test
    void parseNamesTypeAndTextOnError() {
        CimException e = assertThrows(CimException.class, () -> CimValue.parse(CimType.UINT16, "12x"));
        assertTrue(e.getMessage().contains("'12x'") && e.getMessage().contains("uint16"), e.getMessage());
    }

    @Test
    void anEmbeddedInstanceReadsTheSameAsObjectOrAsCimXmlText() {
        CimInstance vm = CimInstance.builder("Msvm_ComputerSystem")
                .put("Name", CimValue.string("4F1D0E6A-0000-0000-0000-000000000001"))
                .put("EnabledState", CimValue.uint16(2))
                .build();
        CimInstance fromObject = CimValue.object(vm).asEmbeddedInstance();
        CimInstance fromText = CimValue.string(CimXml.writeInstance(vm)).asEmbeddedInstance();
        assertEquals(vm, fromObject);
        assertEquals("Msvm_ComputerSystem", fromText.className());
        assertEquals(2, fromText.get("EnabledState").asLong());
        assertNull(CimValue.nullOf(CimType.OBJECT).asEmbeddedInstance());
        assertThrows(IllegalStateException.class, () -> CimValue.uint16(2).asEmbeddedInstance());
    }
}
