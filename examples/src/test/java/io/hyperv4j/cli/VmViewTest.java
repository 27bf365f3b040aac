package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VmViewTest {

    @Test
    void stateNamesAreTheApisDecodingSpeltAsPowerShell() {
        assertEquals("Running", VmView.stateName(2));
        assertEquals("Saved", VmView.stateName(6));
        assertEquals("Saved", VmView.stateName(32769), "v1-era Suspended reads as saved, as in the API");
        assertEquals("Paused", VmView.stateName(32768));
        assertEquals("FastSaving", VmView.stateName(32780));
        assertEquals("Other", VmView.stateName(11), "11 is no EnabledState value of Msvm_ComputerSystem");
        assertEquals("Other", VmView.stateName(5));
    }
}
