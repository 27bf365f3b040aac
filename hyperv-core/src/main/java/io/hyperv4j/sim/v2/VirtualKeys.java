package io.hyperv4j.sim.v2;

/**
 * The keyboard layout the simulated keyboard reports (Msvm_Keyboard.Layout "00000409", US English):
 * which character a virtual-key code types, with or without shift, and which key a set 1 scan code
 * names (what Msvm_Keyboard.TypeScancodes sends).
 */
final class VirtualKeys {
    private static final String DIGITS_SHIFTED = ")!@#$%^&*(";
    /** VK_OEM_1 .. VK_OEM_3 (0xBA..0xC0) and VK_OEM_4 .. VK_OEM_7 (0xDB..0xDE), unshifted and shifted. */
    private static final String OEM_1_TO_3 = ";=,-./`", OEM_1_TO_3_SHIFTED = ":+<_>?~";
    private static final String OEM_4_TO_7 = "[\\]'", OEM_4_TO_7_SHIFTED = "{|}\"";
    /** Set 1 make codes 0x02..0x39 by virtual-key code (0 where the key types nothing here). */
    private static final int[] SCAN_TO_VK = new int[0x3A];

    static {
        String digits = "1234567890";
        for (int i = 0; i < digits.length(); i++) SCAN_TO_VK[0x02 + i] = digits.charAt(i);
        SCAN_TO_VK[0x0C] = 0xBD;
        SCAN_TO_VK[0x0D] = 0xBB;
        SCAN_TO_VK[0x0E] = 0x08; // backspace
        SCAN_TO_VK[0x0F] = 0x09; // tab
        row(0x10, "QWERTYUIOP");
        SCAN_TO_VK[0x1A] = 0xDB;
        SCAN_TO_VK[0x1B] = 0xDD;
        SCAN_TO_VK[0x1C] = 0x0D; // enter
        SCAN_TO_VK[0x1D] = ConsoleInput.VK_LCONTROL;
        row(0x1E, "ASDFGHJKL");
        SCAN_TO_VK[0x27] = 0xBA;
        SCAN_TO_VK[0x28] = 0xDE;
        SCAN_TO_VK[0x29] = 0xC0;
        SCAN_TO_VK[0x2A] = ConsoleInput.VK_LSHIFT;
        SCAN_TO_VK[0x2B] = 0xDC;
        row(0x2C, "ZXCVBNM");
        SCAN_TO_VK[0x33] = 0xBC;
        SCAN_TO_VK[0x34] = 0xBE;
        SCAN_TO_VK[0x35] = 0xBF;
        SCAN_TO_VK[0x36] = ConsoleInput.VK_RSHIFT;
        SCAN_TO_VK[0x38] = ConsoleInput.VK_LMENU;
        SCAN_TO_VK[0x39] = ' ';
    }

    private VirtualKeys() {}

    private static void row(int first, String keys) {
        for (int i = 0; i < keys.length(); i++) SCAN_TO_VK[first + i] = keys.charAt(i);
    }

    /** The character the key types, or 0 for a key that types none (shift, arrows, function keys, ...). */
    static char character(int vk, boolean shift) {
        if (vk >= 'A' && vk <= 'Z') return shift ? (char) vk : Character.toLowerCase((char) vk);
        if (vk >= '0' && vk <= '9') return shift ? DIGITS_SHIFTED.charAt(vk - '0') : (char) vk;
        if (vk >= 0x60 && vk <= 0x69) return (char) ('0' + vk - 0x60); // numeric keypad
        if (vk >= 0xBA && vk <= 0xC0) return (shift ? OEM_1_TO_3_SHIFTED : OEM_1_TO_3).charAt(vk - 0xBA);
        if (vk >= 0xDB && vk <= 0xDE) return (shift ? OEM_4_TO_7_SHIFTED : OEM_4_TO_7).charAt(vk - 0xDB);
        return switch (vk) {
            case 0x20 -> ' ';
            case 0x0D -> '\n';
            case 0x09 -> '\t';
            case 0x08 -> '\b';
            default -> 0;
        };
    }

    /** The virtual-key code of a set 1 make code (the code without its 0x80 break bit), or 0 for a key not on this table. */
    static int fromScancode(int code) {
        int make = code & 0x7F;
        return make < SCAN_TO_VK.length ? SCAN_TO_VK[make] : 0;
    }
}
