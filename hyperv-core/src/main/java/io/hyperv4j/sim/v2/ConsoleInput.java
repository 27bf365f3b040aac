package io.hyperv4j.sim.v2;

import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimVm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.WeakHashMap;

/**
 * What a running VM's keyboard and mouse have received, as its guest sees it: the keys held down
 * (virtual-key codes), the text the typed keys produced, how many Ctrl+Alt+Del sequences arrived,
 * the cursor's absolute position, the wheel's position, the buttons held down and the clicks. One
 * state per VM and run: a start, reboot or reset (the VM's uptime restarting) gives the guest a
 * fresh keyboard and mouse, and the state is gone with the devices when the VM stops. Not saved with
 * the lab (a reload is a new worker process: keys up, cursor at the origin).
 */
final class ConsoleInput {
    /** Msvm_Keyboard.PressKey maps VK_SHIFT, VK_CONTROL, VK_MENU to the left-hand keys (the method's page). */
    static final int VK_SHIFT = 16, VK_CONTROL = 17, VK_MENU = 18, VK_DELETE = 46;
    static final int VK_LSHIFT = 160, VK_RSHIFT = 161, VK_LCONTROL = 162, VK_LMENU = 164;
    /** The largest virtual-key code (VK_OEM_CLEAR is 0xFE). */
    static final int VK_MAX = 0xFE;
    /** Msvm_Keyboard.TypeText: at most 512 ASCII characters, 256..512 Unicode ones by surrogate pairs: 512 UTF-16 units. */
    static final int MAX_TEXT_UNITS = 512;
    /** What the guest's console keeps of the typed text (the oldest characters go first). */
    static final int TRANSCRIPT_LIMIT = 64 * 1024;

    /** A click of a (1-based) button at a cursor position. */
    record Click(int button, int x, int y) {
    }

    /** One VM's input state for one run. */
    static final class State {
        private final Instant run;
        private final TreeSet<Integer> keysDown = new TreeSet<>();
        private final StringBuilder typed = new StringBuilder();
        private int ctrlAltDels;
        private int x, y, scroll;
        private final TreeSet<Integer> buttonsDown = new TreeSet<>();
        private final List<Click> clicks = new ArrayList<>();

        private State(Instant run) {
            this.run = run;
        }

        boolean isDown(int vk) {
            return keysDown.contains(vk);
        }

        /** Presses a key: the guest gets the character it makes (with shift held, the shifted one). */
        void press(int vk) {
            int key = leftHand(vk);
            if (!keysDown.add(key)) return; // auto-repeat is not modelled: a held key types once
            if (isDown(VK_LCONTROL) && isDown(VK_LMENU) && key == VK_DELETE) {
                ctrlAltDels++;
                return;
            }
            if (isDown(VK_LCONTROL) || isDown(VK_LMENU)) return; // a shortcut, not text
            char c = VirtualKeys.character(key, isDown(VK_LSHIFT) || isDown(VK_RSHIFT));
            if (c != 0) append(String.valueOf(c));
        }

        void release(int vk) {
            keysDown.remove(leftHand(vk));
        }

        void type(String text) {
            append(text);
        }

        void ctrlAltDel() {
            ctrlAltDels++;
        }

        void releaseAll() {
            keysDown.clear();
        }

        void moveTo(int nx, int ny) {
            x = nx;
            y = ny;
        }

        void scroll(int delta) {
            scroll += delta;
        }

        void button(int index, boolean down) {
            if (down) buttonsDown.add(index);
            else buttonsDown.remove(index);
        }

        boolean buttonDown(int index) {
            return buttonsDown.contains(index);
        }

        void click(int index) {
            clicks.add(new Click(index, x, y));
        }

        void resetMouse() {
            buttonsDown.clear();
        }

        private void append(String s) {
            typed.append(s);
            if (typed.length() > TRANSCRIPT_LIMIT) typed.delete(0, typed.length() - TRANSCRIPT_LIMIT);
        }

        String typed() {
            return typed.toString();
        }

        int ctrlAltDels() {
            return ctrlAltDels;
        }

        int x() {
            return x;
        }

        int y() {
            return y;
        }

        int scrollPosition() {
            return scroll;
        }

        List<Click> clicks() {
            return List.copyOf(clicks);
        }

        private static int leftHand(int vk) {
            return switch (vk) {
                case VK_SHIFT -> VK_LSHIFT;
                case VK_CONTROL -> VK_LCONTROL;
                case VK_MENU -> VK_LMENU;
                default -> vk;
            };
        }
    }

    private static final Map<Lab, Map<String, State>> STATES = new WeakHashMap<>();

    private ConsoleInput() {}

    /** The VM's input state for its current run (fresh when it started or rebooted since), or null while it is not running. */
    static State of(Lab lab, SimVm vm) {
        Instant run = vm.startedAt();
        if (!vm.state().isActive() || run == null) return null;
        synchronized (STATES) {
            Map<String, State> m = STATES.computeIfAbsent(lab, l -> new java.util.HashMap<>());
            State s = m.get(vm.id());
            if (s == null || !Objects.equals(s.run, run)) m.put(vm.id(), s = new State(run));
            return s;
        }
    }
}
