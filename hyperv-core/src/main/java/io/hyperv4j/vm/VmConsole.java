package io.hyperv4j.vm;

import io.hyperv4j.NotFoundException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.job.MethodCall;
import io.hyperv4j.job.ReturnCodes;
import java.util.List;

/**
 * A running VM's keyboard and mouse, as Hyper-V's Virtual Machine Connection drives them
 * (Msvm_Keyboard and Msvm_SyntheticMouse, reached from the VM by Msvm_SystemDevice): type text, keys
 * by virtual-key code, Ctrl+Alt+Del; move the cursor, turn the wheel, click. The devices exist only
 * while the VM runs, so every call on an off VM fails with {@link NotFoundException}; a paused VM
 * refuses input ({@link io.hyperv4j.InvalidStateException}), a value out of range is an
 * {@link io.hyperv4j.InvalidParameterException}.
 */
public final class VmConsole {
    private static final String KEYBOARD = "Msvm_Keyboard", MOUSE = "Msvm_SyntheticMouse";

    private final VirtualMachine vm;
    private final VirtualMachines vms;
    private final CimSession session;

    VmConsole(VirtualMachine vm, VirtualMachines vms) {
        this.vm = vm;
        this.vms = vms;
        this.session = vms.session();
    }

    /**
     * Types text (Msvm_Keyboard.TypeText): at most 512 UTF-16 units.
     *
     * @param text the characters to type
     * @throws io.hyperv4j.InvalidParameterException when the text holds a character no key types (return value 1)
     * @throws io.hyperv4j.MethodFailedException when the host refuses otherwise
     */
    public void typeText(String text) {
        String attempted = "type text into " + vm.name();
        try {
            keyboard("TypeText", attempted, "asciiText", CimValue.string(text));
        } catch (io.hyperv4j.MethodFailedException e) {
            // TypeText's documented 1: nontranslatable characters in the input string
            if (e.returnCode().orElse(-1) != 1) throw e;
            throw new io.hyperv4j.InvalidParameterException("Cannot " + attempted + ": the text holds a character no key of the"
                    + " keyboard types (TypeText returned 1, nontranslatable characters)", 1, "Nontranslatable characters", e);
        }
    }

    /**
     * Presses and releases one key (Msvm_Keyboard.TypeKey).
     *
     * @param virtualKey the Windows virtual-key code, 1..254
     */
    public void typeKey(int virtualKey) {
        keyboard("TypeKey", "type key " + virtualKey + " on " + vm.name(), "keyCode", CimValue.uint32(key(virtualKey)));
    }

    /**
     * Holds a key down (Msvm_Keyboard.PressKey; VK_SHIFT, VK_CONTROL and VK_MENU press the left-hand keys).
     *
     * @param virtualKey the Windows virtual-key code, 1..254
     */
    public void pressKey(int virtualKey) {
        keyboard("PressKey", "press key " + virtualKey + " on " + vm.name(), "keyCode", CimValue.uint32(key(virtualKey)));
    }

    /**
     * Lets a key up (Msvm_Keyboard.ReleaseKey).
     *
     * @param virtualKey the Windows virtual-key code, 1..254
     */
    public void releaseKey(int virtualKey) {
        keyboard("ReleaseKey", "release key " + virtualKey + " on " + vm.name(), "keyCode", CimValue.uint32(key(virtualKey)));
    }

    /**
     * Whether a key is held down (Msvm_Keyboard.IsKeyPressed; always false for VK_SHIFT, VK_CONTROL, VK_MENU).
     *
     * @param virtualKey the Windows virtual-key code, 1..254
     * @return true while the key is down
     */
    public boolean isKeyPressed(int virtualKey) {
        return keyboard("IsKeyPressed", "read key " + virtualKey + " of " + vm.name(), "keyCode", CimValue.uint32(key(virtualKey)))
                .get("keyState").asBoolean();
    }

    /** Sends Ctrl+Alt+Del (Msvm_Keyboard.TypeCtrlAltDel). */
    public void typeCtrlAltDel() {
        keyboard("TypeCtrlAltDel", "send Ctrl+Alt+Del to " + vm.name());
    }

    /**
     * Moves the cursor (Msvm_SyntheticMouse.SetAbsolutePosition).
     *
     * @param x pixels from the left of the screen
     * @param y pixels from the top of the screen
     */
    public void moveMouse(int x, int y) {
        mouse("SetAbsolutePosition", "move the mouse of " + vm.name(), "horizontalPosition", CimValue.sint32(x),
                "verticalPosition", CimValue.sint32(y));
    }

    /**
     * Clicks a button where the cursor is (Msvm_SyntheticMouse.ClickButton).
     *
     * @param button the 1-based button index
     */
    public void click(int button) {
        mouse("ClickButton", "click button " + button + " of " + vm.name(), "buttonIndex", CimValue.uint32(button));
    }

    /**
     * Where the cursor is (the mouse's HorizontalPosition and VerticalPosition).
     *
     * @return {x, y} in pixels
     */
    public int[] mousePosition() {
        CimInstance m = device(MOUSE);
        return new int[] {(int) m.getLong("HorizontalPosition"), (int) m.getLong("VerticalPosition")};
    }

    /** Windows virtual-key codes are 1..254; Hyper-V answers others with a bare 32773, so say why here. */
    private static int key(int virtualKey) {
        if (virtualKey < 1 || virtualKey > 254)
            throw new io.hyperv4j.InvalidParameterException("virtualKey must be a Windows virtual-key code 1..254, not " + virtualKey);
        return virtualKey;
    }

    private MethodResult keyboard(String method, String attempted, Object... nameValue) {
        return call(KEYBOARD, method, attempted, nameValue);
    }

    private MethodResult mouse(String method, String attempted, Object... nameValue) {
        return call(MOUSE, method, attempted, nameValue);
    }

    private MethodResult call(String deviceClass, String method, String attempted, Object... nameValue) {
        MethodCall c = MethodCall.on(session, VirtualMachines.withNamespace(device(deviceClass).path()), method, ReturnCodes.Family.MSVM)
                .attempting(attempted).timeout(vms.operationTimeout()).currentState(vm::state);
        for (int i = 0; i < nameValue.length; i += 2) c = c.with((String) nameValue[i], (CimValue) nameValue[i + 1]);
        return c.invoke(r -> r).await();
    }

    private CimInstance device(String cls) {
        List<CimInstance> d = session.associators(VirtualMachines.withNamespace(vm.path()), Msvm.SYSTEM_DEVICE, cls);
        if (d.isEmpty()) throw new NotFoundException(vm.label() + " has no " + cls + " (a VM's keyboard and mouse exist while it runs)");
        return d.get(0);
    }
}
