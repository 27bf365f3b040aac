package io.hyperv4j.vm;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.InvalidParameterException;
import io.hyperv4j.InvalidStateException;
import io.hyperv4j.MethodFailedException;
import io.hyperv4j.NotFoundException;
import io.hyperv4j.sim.junit.HyperVSimulator;
import org.junit.jupiter.api.Test;

/** Issue 11: the typed console drives Msvm_Keyboard and Msvm_SyntheticMouse and reads their effect back; refusals are typed. */
@HyperVSimulator
class VmConsoleTest {
    private static final int VK_SHIFT = 0x10, VK_LSHIFT = 0xA0;

    @Test
    void keysAndTheCursorReadBack(HyperVHost host) {
        VirtualMachine vm = host.vms().create(VmSpec.builder("desk").build());
        vm.start().await();
        VmConsole console = vm.console();
        console.pressKey(VK_SHIFT);
        assertTrue(console.isKeyPressed(VK_LSHIFT));
        assertFalse(console.isKeyPressed(VK_SHIFT), "the page: VK_SHIFT always reads False");
        console.releaseKey(VK_SHIFT);
        assertFalse(console.isKeyPressed(VK_LSHIFT));
        console.moveMouse(512, 384);
        console.click(1);
        assertArrayEquals(new int[] {512, 384}, console.mousePosition());
        console.typeText("hello");
        console.typeCtrlAltDel();
    }

    @Test
    void refusalsAreTyped(HyperVHost host) {
        VirtualMachine vm = host.vms().create(VmSpec.builder("desk").build());
        assertThrows(NotFoundException.class, () -> vm.console().typeText("x"), "an off VM has no keyboard");
        vm.start().await();
        VmConsole console = vm.console();
        assertThrows(InvalidParameterException.class, () -> console.moveMouse(4000, 10));
        assertArrayEquals(new int[] {0, 0}, console.mousePosition(), "nothing moved");
        assertThrows(InvalidParameterException.class, () -> console.typeKey(0));
        assertTrue(assertThrows(InvalidParameterException.class, () -> console.pressKey(999)).getMessage().contains("1..254, not 999"));
        MethodFailedException bell = assertThrows(MethodFailedException.class, () -> console.typeText("\u0007"));
        assertEquals(1, bell.returnCode().getAsLong(), "TypeText's 1: a character no key types");
        assertInstanceOf(InvalidParameterException.class, bell, "the caller's text was wrong");
        assertTrue(bell.getMessage().contains("no key of the keyboard types"), bell.getMessage());
        vm.pause().await();
        assertThrows(InvalidStateException.class, () -> console.typeText("x"));
    }
}
