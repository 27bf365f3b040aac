package io.hyperv4j.vm;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class VmStateTest {

    @Test
    void v2AndV1EraValuesDecodeToTheSameState() {
        assertEquals(VmState.SAVED, VmState.fromEnabledState(6));
        assertEquals(VmState.SAVED, VmState.fromEnabledState(32769));
        assertEquals(VmState.PAUSED, VmState.fromEnabledState(9));
        assertEquals(VmState.PAUSED, VmState.fromEnabledState(32768));
        assertEquals(VmState.STARTING, VmState.fromEnabledState(10));
        assertEquals(VmState.STARTING, VmState.fromEnabledState(32770));
        assertEquals(VmState.STOPPING, VmState.fromEnabledState(4));
        assertEquals(VmState.STOPPING, VmState.fromEnabledState(32774));
        assertEquals(VmState.RUNNING, VmState.fromEnabledState(2));
        assertEquals(VmState.OFF, VmState.fromEnabledState(3));
    }

    @Test
    void unknownValuesNeverFail() {
        assertEquals(VmState.UNKNOWN, VmState.fromEnabledState(12345));
        assertEquals(VmState.UNKNOWN, VmState.fromEnabledState(-1));
        assertEquals(VmState.OTHER, VmState.fromEnabledState(5));
    }

    @Test
    void activeAndTransitionalFlags() {
        assertTrue(VmState.RUNNING.isActive());
        assertTrue(VmState.PAUSED.isActive());
        assertFalse(VmState.OFF.isActive());
        assertFalse(VmState.SAVED.isActive());
        for (VmState s : VmState.values()) {
            if (s.isTransitional()) assertTrue(s.isActive(), s + " is transitional, so it holds resources");
        }
        assertTrue(VmState.fromEnabledState(32773).isTransitional());
        assertFalse(VmState.RUNNING.isTransitional());
        assertEquals("Fast saved", VmState.FAST_SAVED.toString());
    }

    @Test
    void specRefusesValuesHyperVWouldRefuse() {
        VmSpec ok = VmSpec.builder("web01").processors(2).memoryMb(2048).generation(1).notes(null).build();
        assertEquals("", ok.notes());
        assertThrows(IllegalArgumentException.class, () -> VmSpec.builder(" ").build());
        assertThrows(IllegalArgumentException.class, () -> VmSpec.builder("x".repeat(101)).build());
        assertThrows(IllegalArgumentException.class, () -> VmSpec.builder("a\nb").build());
        assertThrows(IllegalArgumentException.class, () -> VmSpec.builder("a").processors(0).build());
        assertThrows(IllegalArgumentException.class, () -> VmSpec.builder("a").processors(241).build());
        assertThrows(IllegalArgumentException.class, () -> VmSpec.builder("a").memoryMb(1023).build());
        assertThrows(IllegalArgumentException.class, () -> VmSpec.builder("a").memoryMb(16).build());
        var e = assertThrows(IllegalArgumentException.class, () -> VmSpec.builder("a").generation(3).build());
        assertTrue(e.getMessage().contains("generation"), e.getMessage());
    }
}
