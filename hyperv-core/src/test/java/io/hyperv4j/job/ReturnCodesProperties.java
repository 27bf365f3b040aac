package io.hyperv4j.job;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.MethodFailedException;
import io.hyperv4j.vm.VmState;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** Decoding never fails: every code has a name and an exception that quotes it; every EnabledState a state. */
class ReturnCodesProperties {

    @Property
    void everyRefusalNamesTheCodeAndWhatWasAttempted(@ForAll @LongRange(min = 1, max = 65535) long code,
                                                      @ForAll ReturnCodes.Family family) {
        String name = ReturnCodes.name(family, code);
        assertFalse(name == null || name.isBlank());
        MethodFailedException e = ReturnCodes.toException(family, code, "frob VM 'x'", VmState.OFF);
        assertEquals(code, e.returnCode().getAsLong());
        assertEquals(name, e.returnCodeName().orElseThrow());
        assertTrue(e.getMessage().startsWith("Cannot frob VM 'x': Hyper-V returned " + code + " (" + name + ")"), e.getMessage());
    }

    @Property
    void everyEnabledStateDecodes(@ForAll long value) {
        VmState s = VmState.fromEnabledState(value);
        assertNotNull(s);
        if (value >= 32773 && value <= 32777 && value != 32775) assertTrue(s.isTransitional(), value + " -> " + s);
    }
}
