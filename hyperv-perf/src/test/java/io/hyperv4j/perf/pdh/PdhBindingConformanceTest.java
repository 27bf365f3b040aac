package io.hyperv4j.perf.pdh;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.*;

import com.sun.jna.Structure;
import io.hyperv4j.perf.PdhStatus;
import io.hyperv4j.winapi.BindingClasses;
import io.hyperv4j.winapi.BindingConformance;
import io.hyperv4j.winapi.BindingConformance.Source;
import io.hyperv4j.winapi.WindowsHeaders;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PDH binding checked against Wine's pdh.h, pdhmsg.h and winperf.h (see {@link WindowsHeaders}):
 * every function of {@link PdhLibrary} with its parameter count, every constant of the package and
 * of {@link PdhStatus}, and the PDH_RAW_COUNTER layout. A function or constant added without an
 * entry, or an entry whose binding is gone, fails the test.
 */
class PdhBindingConformanceTest {
    /** Every pdh.dll function the binding declares, with its header. */
    static final Map<String, String> FUNCTIONS = Map.ofEntries(
            entry("PdhOpenQueryW", "pdh.h"),
            entry("PdhAddEnglishCounterW", "pdh.h"),
            entry("PdhCollectQueryDataWithTime", "pdh.h"),
            entry("PdhGetRawCounterValue", "pdh.h"),
            entry("PdhGetCounterTimeBase", "pdh.h"),
            entry("PdhCloseQuery", "pdh.h"),
            entry("PdhEnumObjectsW", "pdh.h"),
            entry("PdhEnumObjectItemsW", "pdh.h"));

    /** Every constant of the package, with its header. */
    static final Map<String, Source> CONSTANTS = Map.of(
            "PdhLibrary.PDH_MORE_DATA", new Source("pdhmsg.h", "PDH_MORE_DATA"),
            "PdhLibrary.PERF_DETAIL_WIZARD", new Source("winperf.h", "PERF_DETAIL_WIZARD"),
            "PdhCounterSource.TRUE", new Source("windef.h", "TRUE"));

    static WindowsHeaders headers;

    @BeforeAll
    static void headers() {
        headers = WindowsHeaders.locate();
    }

    @Test
    void everyPdhFunctionHasItsHeadersParameterCount() {
        assertEquals(List.of(), BindingConformance.functions(headers, List.of(PdhLibrary.class), FUNCTIONS));
    }

    @Test
    void everyConstantOfThePackageHasItsHeadersValue() {
        Map<String, Object> constants = BindingClasses.constants(BindingClasses.inPackageOf(PdhCounterSource.class));
        assertEquals(List.of(), BindingConformance.constants(headers, constants, CONSTANTS, Map.of()));
    }

    @Test
    void everyPdhStatusHasItsPdhmsgValue() {
        // PdhStatus.NO_MACHINE is PDH_CSTATUS_NO_MACHINE or PDH_NO_MACHINE in pdhmsg.h.
        Map<String, Object> statuses = BindingClasses.constants(List.of(PdhStatus.class));
        assertFalse(statuses.isEmpty());
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Object> c : statuses.entrySet()) {
            String name = c.getKey().substring(c.getKey().indexOf('.') + 1);
            Long header = null;
            for (String candidate : List.of("PDH_CSTATUS_" + name, "PDH_" + name)) {
                try {
                    header = headers.constant("pdhmsg.h", candidate);
                    break;
                } catch (AssertionError notThisName) {
                    // try the other spelling
                }
            }
            if (header == null) wrong.add(c.getKey() + " is in neither spelling in pdhmsg.h");
            else if ((((Number) c.getValue()).longValue() & 0xFFFFFFFFL) != (header & 0xFFFFFFFFL))
                wrong.add(c.getKey() + ": 0x" + Integer.toHexString((Integer) c.getValue()) + ", pdhmsg.h says 0x" + Long.toHexString(header));
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void theRawCounterHasTheLayoutOfPdhH() {
        List<String> fields = Arrays.asList(PdhStructures.RawCounter.class.getAnnotation(Structure.FieldOrder.class).value());
        assertEquals(headers.structFields("pdh.h", "PDH_RAW_COUNTER"), fields);
        // CStatus DWORD, TimeStamp FILETIME (two DWORDs, 4-aligned), then the LONGLONGs at 16: 40 bytes on every Windows.
        Layout raw = new Layout();
        assertEquals(4, raw.offset("TimeStamp"));
        assertEquals(16, raw.offset("FirstValue"));
        assertEquals(32, raw.offset("MultiCount"));
        assertEquals(40, raw.size());
    }

    /** Exposes the offsets JNA computes for the structure. */
    static final class Layout extends PdhStructures.RawCounter {
        int offset(String field) {
            return fieldOffset(field);
        }
    }
}
