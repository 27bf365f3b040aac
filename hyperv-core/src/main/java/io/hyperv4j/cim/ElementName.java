package io.hyperv4j.cim;

import java.util.Optional;

/**
 * What Hyper-V accepts as the ElementName of a virtual system or checkpoint, checked the same way
 * by the typed API, the simulator's methods and the command-line tool: 1 to {@value #MAX_LENGTH}
 * characters ({@code Msvm_VirtualSystemCapabilities.MaxElementNameLen = 100}), not blank, and no
 * control or invisible characters (zero-width, right-to-left override and other format
 * characters), which would make a name look like another one.
 */
public final class ElementName {
    /** Msvm_VirtualSystemCapabilities.MaxElementNameLen. */
    public static final int MAX_LENGTH = 100;

    private ElementName() {}

    /**
     * Why a name is refused.
     *
     * @param what what the name is, the start of the sentence (e.g. "VM name")
     * @param name the name
     * @return the reason as a sentence starting with {@code what}; empty when the name is fine
     */
    public static Optional<String> problem(String what, String name) {
        if (name == null || name.isBlank()) return Optional.of(what + " must not be blank");
        if (name.length() > MAX_LENGTH)
            return Optional.of(what + " is " + name.length() + " characters; at most " + MAX_LENGTH
                    + " allowed (Msvm_VirtualSystemCapabilities.MaxElementNameLen)");
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.UNASSIGNED || type == Character.SURROGATE)
                return Optional.of(what + " must not contain control or invisible characters (U+"
                        + String.format("%04X", c) + " at index " + i + ")");
            i += Character.charCount(c);
        }
        return Optional.empty();
    }
}
