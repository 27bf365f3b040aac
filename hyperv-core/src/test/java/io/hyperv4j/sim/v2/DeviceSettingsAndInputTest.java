package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.schema.CimSchema;
import io.hyperv4j.sim.SimVm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: a running VM's devices lead to the settings that define them through
 * Msvm_SettingsDefineState (before: only the VM to its VSSD), and the keyboard's and mouse's
 * documented methods act on the guest (before: WBEM_E_NOT_SUPPORTED): typed text and keys reach the
 * guest's console, IsKeyPressed and GetButtonState read back what PressKey and SetButtonState did,
 * the mouse's HorizontalPosition/VerticalPosition/ScrollPosition show where SetAbsolutePosition and
 * SetScrollPosition put it, and refusals return the documented codes and change nothing.
 */
class DeviceSettingsAndInputTest {

    private static ObjectPath running(V2Fixture f, int generation) {
        CimInstance vssd = V2Fixture.vssd("vm" + generation).toBuilder()
                .put("VirtualSystemSubType", CimValue.string("Microsoft:Hyper-V:SubType:" + generation)).build();
        MethodResult r = f.session.invoke(f.service(), "DefineSystem", Map.of("SystemSettings", CimValue.object(vssd),
                "ResourceSettings", CimValue.array(CimType.OBJECT, List.of(V2Fixture.processors(2)))));
        f.settle();
        ObjectPath vm = r.get("ResultingSystem").asPath();
        f.requestState(vm, 2);
        f.settle();
        return vm;
    }

    private static ObjectPath device(V2Fixture f, ObjectPath vm, String cls) {
        List<CimInstance> d = f.session.associators(vm, V2.SYSTEM_DEVICE, cls);
        assertEquals(1, d.size(), cls);
        return d.get(0).path();
    }

    private static long call(V2Fixture f, ObjectPath target, String method, Object... nameValue) {
        return invoke(f, target, method, nameValue).returnValue();
    }

    private static MethodResult invoke(V2Fixture f, ObjectPath target, String method, Object... nameValue) {
        Map<String, CimValue> in = new java.util.HashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) in.put((String) nameValue[i], (CimValue) nameValue[i + 1]);
        return f.session.invoke(target, method, in);
    }

    private static ConsoleInput.State guest(V2Fixture f, ObjectPath vm) {
        SimVm v = f.lab.vm(String.valueOf(vm.key("Name")));
        return f.lab.read(java.time.Duration.ofSeconds(5), () -> ConsoleInput.of(f.lab, v));
    }

    @Test
    void everyDeviceButTheVideoHeadLeadsToItsSettingsAndBack() {
        for (int generation : new int[] {1, 2}) {
            try (V2Fixture f = new V2Fixture()) {
                ObjectPath vm = running(f, generation);
                CimSchema schema = CimSchema.forNamespace(V2.NAMESPACE);
                int linked = 0;
                for (CimInstance d : f.session.associators(vm, V2.SYSTEM_DEVICE, null)) {
                    if (d.className().equals(V2.SHUTDOWN_COMPONENT)) continue; // its settings are the integration services', not modelled
                    List<CimInstance> settings = f.session.associators(d.path(), V2.SETTINGS_DEFINE_STATE, null);
                    if (d.className().equals(LogicalDevices.VIDEO_HEAD)) {
                        assertEquals(List.of(), settings, "a video head has no settings of its own");
                        continue;
                    }
                    assertEquals(1, settings.size(), d.path().toString());
                    CimInstance s = settings.get(0);
                    assertEquals(List.of(), schema.wholenessProblems(s));
                    assertEquals(vm.key("Name"), V2.vmIdOf(s.getString("InstanceID")), "the settings are the VM's own");
                    assertTrue(f.session.associators(s.path(), V2.SETTINGS_DEFINE_STATE, d.className()).stream()
                            .anyMatch(back -> back.path().equals(d.path())), "and lead back to " + d.path());
                    linked++;
                }
                // processors 2, memory, keyboard, mouse, display, COM 1, COM 2, then IDE x2 + DVD (gen 1) or SCSI (gen 2)
                assertEquals(generation == 1 ? 11 : 9, linked, "generation " + generation);
                List<CimInstance> all = f.session.query(V2.NAMESPACE, "SELECT * FROM Msvm_SettingsDefineState");
                assertEquals(linked + 1, all.size(), "the devices' and the VM's own (to its VSSD)");
                for (CimInstance a : all) assertEquals(a, f.session.get(a.path()));
                CimInstance keyboardSettings = f.session.associators(device(f, vm, LogicalDevices.KEYBOARD), V2.SETTINGS_DEFINE_STATE, null).get(0);
                assertEquals(13L, keyboardSettings.getLong("ResourceType"));
                assertEquals(generation == 1 ? "Microsoft:Hyper-V:Ps2 Keyboard" : "Microsoft:Hyper-V:Synthetic Keyboard",
                        keyboardSettings.getString("ResourceSubType"));
                f.requestState(vm, 3);
                f.settle();
                assertEquals(1, f.session.query(V2.NAMESPACE, "SELECT * FROM Msvm_SettingsDefineState").size(), "an off VM has no devices");
            }
        }
    }

    @Test
    void typedTextAndKeysReachTheGuestAndKeyStatesReadBack() {
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath vm = running(f, 2);
            ObjectPath kb = device(f, vm, LogicalDevices.KEYBOARD);
            assertEquals(0, call(f, kb, "TypeText", "asciiText", CimValue.string("dir C:\\\n")));
            assertEquals(0, call(f, kb, "PressKey", "keyCode", CimValue.uint32(ConsoleInput.VK_SHIFT)));
            assertEquals(0, call(f, kb, "TypeKey", "keyCode", CimValue.uint32('H')));
            assertFalse(invoke(f, kb, "IsKeyPressed", "keyCode", CimValue.uint32(ConsoleInput.VK_SHIFT)).get("keyState").asBoolean(),
                    "the page: always False for VK_SHIFT");
            assertTrue(invoke(f, kb, "IsKeyPressed", "keyCode", CimValue.uint32(ConsoleInput.VK_LSHIFT)).get("keyState").asBoolean(),
                    "PressKey(VK_SHIFT) holds VK_LSHIFT");
            assertEquals(0, call(f, kb, "ReleaseKey", "keyCode", CimValue.uint32(ConsoleInput.VK_SHIFT)));
            assertFalse(invoke(f, kb, "IsKeyPressed", "keyCode", CimValue.uint32(ConsoleInput.VK_LSHIFT)).get("keyState").asBoolean());
            assertEquals(0, call(f, kb, "TypeKey", "keyCode", CimValue.uint32('I')));
            // set 1 scan codes: left shift down, 'y' down and up, shift up, '0' down and up
            assertEquals(0, call(f, kb, "TypeScancodes", "Scancodes",
                    CimValue.array(CimType.UINT8, List.of(0x2AL, 0x15L, 0x95L, 0xAAL, 0x0BL, 0x8BL))));
            assertEquals("dir C:\\\nHiY0", guest(f, vm).typed());

            assertEquals(0, call(f, kb, "TypeCtrlAltDel"));
            for (int vk : new int[] {ConsoleInput.VK_CONTROL, ConsoleInput.VK_MENU, ConsoleInput.VK_DELETE})
                assertEquals(0, call(f, kb, "PressKey", "keyCode", CimValue.uint32(vk)));
            assertEquals(2, guest(f, vm).ctrlAltDels(), "TypeCtrlAltDel and the three keys held together");
            assertEquals("dir C:\\\nHiY0", guest(f, vm).typed(), "Ctrl+Alt+Del types no text");
            assertEquals(0, call(f, kb, "Reset"));
            assertFalse(invoke(f, kb, "IsKeyPressed", "keyCode", CimValue.uint32(ConsoleInput.VK_LCONTROL)).get("keyState").asBoolean(),
                    "a reset keyboard holds no key");
        }
    }

    @Test
    void keyboardRefusalsReturnTheDocumentedCodesAndTypeNothing() {
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath vm = running(f, 1);
            ObjectPath kb = device(f, vm, LogicalDevices.KEYBOARD);
            assertEquals(1, call(f, kb, "TypeText", "asciiText", CimValue.string("ok\u0007")), "BEL: a character no key types");
            assertEquals(1, call(f, kb, "TypeText", "asciiText", CimValue.string("\uD83D")), "half a surrogate pair");
            assertEquals(32773, call(f, kb, "TypeText", "asciiText", CimValue.string("x".repeat(513))), "more than 512 characters");
            assertEquals(0, call(f, kb, "TypeText", "asciiText", CimValue.string("\uD83D\uDE00".repeat(256))), "256 surrogate pairs fit");
            assertEquals(32773, call(f, kb, "PressKey", "keyCode", CimValue.uint32(0)));
            assertEquals(32773, call(f, kb, "TypeKey", "keyCode", CimValue.uint32(0x100)));
            assertEquals("\uD83D\uDE00".repeat(256), guest(f, vm).typed(), "only the accepted call typed");

            f.requestState(vm, 9); // pause: the devices stay, the guest takes no input
            f.settle();
            assertEquals(32775, call(f, kb, "TypeText", "asciiText", CimValue.string("late")));
            assertEquals("\uD83D\uDE00".repeat(256), guest(f, vm).typed());
            f.requestState(vm, 3);
            f.settle();
            CimException off = assertThrows(CimException.class, () -> call(f, kb, "TypeText", "asciiText", CimValue.string("x")));
            assertEquals(CimError.NOT_FOUND, off.error(), "an off VM has no keyboard");
        }
    }

    @Test
    void mousePositionScrollAndButtonsReadBackAndARebootGivesAFreshConsole() {
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath vm = running(f, 2);
            ObjectPath mouse = device(f, vm, LogicalDevices.MOUSE);
            ObjectPath kb = device(f, vm, LogicalDevices.KEYBOARD);
            assertEquals(0, call(f, mouse, "SetAbsolutePosition", "horizontalPosition", CimValue.sint32(100), "verticalPosition", CimValue.sint32(767)));
            assertEquals(0, call(f, mouse, "SetScrollPosition", "scrollPositionDelta", CimValue.sint32(3)));
            assertEquals(0, call(f, mouse, "SetScrollPosition", "scrollPositionDelta", CimValue.sint32(-5)));
            CimInstance m = f.session.get(mouse);
            assertEquals(100L, m.getLong("HorizontalPosition"));
            assertEquals(767L, m.getLong("VerticalPosition"));
            assertEquals(-2L, m.getLong("ScrollPosition"), "deltas add up");

            assertEquals(32773, call(f, mouse, "SetAbsolutePosition", "horizontalPosition", CimValue.sint32(1024), "verticalPosition", CimValue.sint32(0)),
                    "off the 1024x768 screen");
            assertEquals(32773, call(f, mouse, "SetAbsolutePosition", "horizontalPosition", CimValue.sint32(-1), "verticalPosition", CimValue.sint32(0)));
            assertEquals(100L, f.session.get(mouse).getLong("HorizontalPosition"), "a refused move leaves the cursor");

            assertEquals(0, call(f, mouse, "SetButtonState", "buttonIndex", CimValue.uint32(1), "isDown", CimValue.bool(true)));
            assertTrue(invoke(f, mouse, "GetButtonState", "buttonIndex", CimValue.uint32(1)).get("isDown").asBoolean());
            assertFalse(invoke(f, mouse, "GetButtonState", "buttonIndex", CimValue.uint32(2)).get("isDown").asBoolean());
            assertEquals(0, call(f, mouse, "ClickButton", "buttonIndex", CimValue.uint32(2)));
            assertEquals(List.of(new ConsoleInput.Click(2, 100, 767)), guest(f, vm).clicks(), "the click lands where the cursor is");
            assertEquals(32773, call(f, mouse, "ClickButton", "buttonIndex", CimValue.uint32(6)), "NumberOfButtons is 5");
            assertEquals(32773, call(f, mouse, "ClickButton", "buttonIndex", CimValue.uint32(0)), "buttons count from 1");
            assertEquals(1, guest(f, vm).clicks().size());
            assertEquals(0, call(f, mouse, "Reset"));
            assertFalse(invoke(f, mouse, "GetButtonState", "buttonIndex", CimValue.uint32(1)).get("isDown").asBoolean());

            assertEquals(0, call(f, kb, "TypeText", "asciiText", CimValue.string("before")));
            f.settle();
            f.requestState(vm, 10); // reboot: a new guest session
            f.settle();
            assertEquals("", guest(f, vm).typed());
            assertEquals(0L, f.session.get(device(f, vm, LogicalDevices.MOUSE)).getLong("HorizontalPosition"));
        }
    }
}
