package io.hyperv4j.sim.v2;

import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The methods of a running VM's Msvm_Keyboard (TypeText, TypeKey, PressKey, ReleaseKey,
 * IsKeyPressed, TypeCtrlAltDel, TypeScancodes, Reset) and Msvm_SyntheticMouse (SetAbsolutePosition,
 * SetScrollPosition, ClickButton, SetButtonState, GetButtonState, Reset), acting on the guest's
 * {@link ConsoleInput}. Return codes are the pages': 0 done; 1 from TypeText for a character no key
 * types (a control character other than tab, line feed, carriage return and backspace, or half a
 * surrogate pair); 32773 for a value out of range (a key code beyond 0xFE, text beyond 512 UTF-16
 * units, a button beyond NumberOfButtons, a position off the 1024x768 screen); 32775 while the VM is
 * not running (paused, saving, stopping: the guest takes no input). A refused call changes nothing.
 */
final class InputMethods {
    static final int OK = 0, NONTRANSLATABLE = 1, INVALID_PARAMETER = 32773, INVALID_STATE = 32775;
    /** Msvm_SyntheticMouse.NumberOfButtons. */
    static final int BUTTONS = 5;

    private InputMethods() {}

    /** Invokes a keyboard or mouse method, or returns null for a method these devices do not implement. */
    static MethodResult invoke(Txn txn, SimVm vm, String deviceClass, String method, Map<String, CimValue> p) {
        boolean keyboard = deviceClass.equalsIgnoreCase(LogicalDevices.KEYBOARD);
        if (!keyboard && !deviceClass.equalsIgnoreCase(LogicalDevices.MOUSE)) return null;
        String m = method.toLowerCase(Locale.ROOT);
        if (!(keyboard ? KEYBOARD_METHODS : MOUSE_METHODS).contains(m)) return null;
        ConsoleInput.State in = ConsoleInput.of(txn.lab(), vm);
        if (in == null || vm.state() != PowerState.RUNNING) return code(INVALID_STATE);
        return keyboard ? keyboard(txn, vm, in, m, p) : mouse(txn, vm, in, m, p);
    }

    private static final List<String> KEYBOARD_METHODS = List.of("typetext", "typekey", "presskey", "releasekey", "iskeypressed",
            "typectrlaltdel", "typescancodes", "reset");
    private static final List<String> MOUSE_METHODS = List.of("setabsoluteposition", "setscrollposition", "clickbutton",
            "setbuttonstate", "getbuttonstate", "reset");

    private static MethodResult keyboard(Txn txn, SimVm vm, ConsoleInput.State in, String m, Map<String, CimValue> p) {
        if (m.equals("typetext")) {
            CimValue v = p.get("asciiText");
            if (Embedded.isNull(v) || v.asString().length() > ConsoleInput.MAX_TEXT_UNITS) return code(INVALID_PARAMETER);
            String text = v.asString();
            if (!translatable(text)) return code(NONTRANSLATABLE);
            in.type(text);
            return code(OK);
        }
        if (m.equals("typectrlaltdel")) {
            in.ctrlAltDel();
            return code(OK);
        }
        if (m.equals("reset")) {
            in.releaseAll();
            return code(OK);
        }
        if (m.equals("typescancodes")) {
            CimValue v = p.get("Scancodes");
            if (Embedded.isNull(v)) return code(INVALID_PARAMETER);
            for (Object o : v.asList()) {
                int code = ((Number) o).intValue() & 0xFF;
                int vk = VirtualKeys.fromScancode(code);
                if (code == 0xE0 || vk == 0) continue; // extended prefixes and keys beyond the table reach the guest as no text
                if ((code & 0x80) == 0) in.press(vk);
                else in.release(vk);
            }
            return code(OK);
        }
        long vk = Embedded.paramLong(p, "keyCode", -1);
        if (vk < 1 || vk > ConsoleInput.VK_MAX) return code(INVALID_PARAMETER);
        int key = (int) vk;
        return switch (m) {
            case "presskey" -> {
                in.press(key);
                yield code(OK);
            }
            case "releasekey" -> {
                in.release(key);
                yield code(OK);
            }
            case "typekey" -> {
                in.press(key);
                in.release(key);
                yield code(OK);
            }
            // the page: always False for VK_SHIFT, VK_CONTROL and VK_MENU, which PressKey maps to the left-hand keys
            default -> new MethodResult(OK, Map.of("keyState", CimValue.bool(in.isDown(key))));
        };
    }

    private static MethodResult mouse(Txn txn, SimVm vm, ConsoleInput.State in, String m, Map<String, CimValue> p) {
        switch (m) {
            case "setabsoluteposition" -> {
                long x = Embedded.paramLong(p, "horizontalPosition", -1), y = Embedded.paramLong(p, "verticalPosition", -1);
                if (x < 0 || y < 0 || x >= LogicalDevices.WIDTH || y >= LogicalDevices.HEIGHT) return code(INVALID_PARAMETER);
                txn.touch(vm); // the mouse's HorizontalPosition and VerticalPosition change
                in.moveTo((int) x, (int) y);
                return code(OK);
            }
            case "setscrollposition" -> {
                CimValue d = p.get("scrollPositionDelta");
                if (Embedded.isNull(d)) return code(INVALID_PARAMETER);
                txn.touch(vm);
                in.scroll((int) Embedded.paramLong(p, "scrollPositionDelta", 0));
                return code(OK);
            }
            case "reset" -> {
                in.resetMouse();
                return code(OK);
            }
            default -> { }
        }
        long button = Embedded.paramLong(p, "buttonIndex", -1);
        if (button < 1 || button > BUTTONS) return code(INVALID_PARAMETER);
        int b = (int) button;
        return switch (m) {
            case "clickbutton" -> {
                in.click(b);
                yield code(OK);
            }
            case "setbuttonstate" -> {
                CimValue down = p.get("isDown");
                if (Embedded.isNull(down)) yield code(INVALID_PARAMETER);
                in.button(b, Embedded.paramBool(p, "isDown", false));
                yield code(OK);
            }
            default -> new MethodResult(OK, Map.of("isDown", CimValue.bool(in.buttonDown(b))));
        };
    }

    /** Whether every character of {@code text} is one a key can type. */
    static boolean translatable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) return false;
                i++;
            } else if (Character.isLowSurrogate(c) || (Character.isISOControl(c) && "\t\n\r\b".indexOf(c) < 0)) {
                return false;
            }
        }
        return true;
    }

    private static MethodResult code(int c) {
        return new MethodResult(c, Map.of());
    }
}
