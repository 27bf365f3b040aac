package io.hyperv4j.perf;

import static org.junit.jupiter.api.Assertions.*;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class CounterPathTest {

    @Test
    void parsesEveryPart() {
        CounterPath p = CounterPath.parse("\\\\HOST1\\PhysicalDisk(Parent/0 C:#2)\\Avg. Disk sec/Read");
        assertEquals("HOST1", p.machine());
        assertEquals("PhysicalDisk", p.object());
        assertEquals("Parent", p.parent());
        assertEquals("0 C:", p.instance());
        assertEquals(2, p.index());
        assertEquals("Avg. Disk sec/Read", p.counter());
        assertEquals("\\\\HOST1\\PhysicalDisk(Parent/0 C:#2)\\Avg. Disk sec/Read", p.toString());
        CounterPath m = CounterPath.parse("\\Memory\\Pages/sec");
        assertNull(m.machine());
        assertNull(m.instance());
        assertEquals("\\Memory\\Pages/sec", m.toString());
    }

    @Test
    void instancesMayHoldParentheses() {
        CounterPath p = CounterPath.parse("\\Network Interface(Intel(R) 82576 Gigabit Dual Port)\\Bytes Total/sec");
        assertEquals("Intel(R) 82576 Gigabit Dual Port", p.instance());
        assertEquals("Bytes Total/sec", p.counter());
    }

    @Test
    void wildcardsMatchWithoutRegardToCase() {
        CounterPath w = CounterPath.parse("\\PhysicalDisk(*)\\Avg. Disk sec/*");
        assertTrue(w.isWildcard());
        assertTrue(w.matches(CounterPath.parse("\\\\h\\physicaldisk(0 C:)\\avg. disk SEC/Read")));
        assertFalse(w.matches(CounterPath.parse("\\\\h\\PhysicalDisk(0 C:)\\Disk Reads/sec")));
        assertFalse(w.matches(CounterPath.parse("\\\\h\\Memory\\Avg. Disk sec/Read")));
        assertTrue(CounterPath.parse("\\Hyper-V*(*)\\% Total Run Time").matches(CounterPath.parse("\\Hyper-V Hypervisor Logical Processor(_Total)\\% Total Run Time")));
        assertTrue(CounterPath.parse("\\Processor(_Tot*)\\% Processor Time").matches(CounterPath.parse("\\Processor(_Total)\\% Processor Time")));
        // a host in the pattern must match; a pattern without a host matches any
        assertFalse(CounterPath.parse("\\\\A\\Memory\\Pages/sec").matches(CounterPath.parse("\\\\B\\Memory\\Pages/sec")));
        assertTrue(CounterPath.parse("\\Memory\\Pages/sec").matches(CounterPath.parse("\\\\B\\Memory\\Pages/sec")));
        // no instance in the pattern: only single-instance paths
        assertFalse(CounterPath.parse("\\Processor\\% Processor Time").matches(CounterPath.parse("\\Processor(0)\\% Processor Time")));
    }

    @Test
    void getCounterInstanceNames() {
        assertEquals("_total", CounterPath.parse("\\Processor(_Total)\\% Processor Time").instanceName());
        assertEquals("", CounterPath.parse("\\Memory\\Pages/sec").instanceName());
    }

    @Test
    void malformedPathsSayWhatIsWrongAndWhere() {
        assertBad("Memory\\Pages/sec", 0, "starts with");
        assertBad("\\Memory", 7, "missing counter");
        assertBad("\\Memory\\", 8, "empty counter");
        assertBad("\\\\\\Memory\\Pages/sec", 2, "empty host");
        assertBad("\\\\HOST", 6, "missing object");
        assertBad("\\Processor(0\\% Processor Time", 29, "'(' without ')'");
        assertBad("\\Processor0)\\% Processor Time", 11, "')' without '('");
        assertBad("\\Processor()\\% Processor Time", 11, "empty instance");
        assertBad("\\Processor(0)x\\% Processor Time", 13, "after the instance");
        assertBad("\\(0)\\Counter", 1, "empty object");
        assertBad("", 0, "empty path");
        assertBad(null, 0, "empty path");
    }

    static void assertBad(String text, int position, String reason) {
        CounterPathException e = assertThrows(CounterPathException.class, () -> CounterPath.parse(text));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertEquals(position, e.position(), e.getMessage());
    }

    @Property
    void printingAndParsingRoundTrip(@ForAll @AlphaChars @StringLength(min = 1, max = 12) String host,
                                     @ForAll @AlphaChars @StringLength(min = 1, max = 20) String object,
                                     @ForAll @AlphaChars @StringLength(min = 1, max = 20) String instance,
                                     @ForAll @AlphaChars @StringLength(min = 1, max = 20) String counter) {
        CounterPath p = CounterPath.of(host, object, instance, counter + "/sec");
        assertEquals(p, CounterPath.parse(p.toString()));
        assertTrue(CounterPath.parse("\\" + object + "(*)\\*").matches(p));
    }
}
