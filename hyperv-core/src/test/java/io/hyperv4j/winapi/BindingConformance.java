package io.hyperv4j.winapi;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Guid;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checks every binding conformance test shares: declared native functions against their
 * prototypes, and constants against their headers, each returning the list of problems (empty when
 * the binding conforms). Both fail a binding that has no entry and an entry that has no binding.
 */
public final class BindingConformance {
    private BindingConformance() {}

    /** Where a constant is defined: a header file (see {@link WindowsHeaders#text}) and its name there. */
    public record Source(String file, String name) {}

    /** Every method the JNA interfaces declare against {@code functions} (name to header file). */
    public static List<String> functions(WindowsHeaders headers, List<Class<?>> libraries, Map<String, String> functions) {
        List<String> wrong = new ArrayList<>();
        Set<String> declared = new TreeSet<>();
        for (Class<?> lib : libraries) {
            for (Method m : lib.getDeclaredMethods()) {
                if (m.isDefault() || Modifier.isStatic(m.getModifiers()) || m.isSynthetic()) continue;
                declared.add(m.getName());
                String file = functions.get(m.getName());
                if (file == null) {
                    wrong.add(m.getName() + " has no entry (name its header)");
                    continue;
                }
                int c = headers.functionParameters(file, m.getName());
                if (c != m.getParameterCount()) wrong.add(m.getName() + ": " + m.getParameterCount() + " parameters, " + file + " says " + c);
            }
        }
        Set<String> stale = new TreeSet<>(functions.keySet());
        stale.removeAll(declared);
        stale.forEach(f -> wrong.add(f + " has an entry but no declaration"));
        return wrong;
    }

    /**
     * Every constant found by {@link BindingClasses#constants} against {@code sources}; keys in
     * {@code notFromAHeader} are skipped (their value is the reason). Numbers compare as 32-bit
     * values, pointers at full width, GUIDs by their text.
     */
    public static List<String> constants(WindowsHeaders headers, Map<String, Object> constants, Map<String, Source> sources,
                                         Map<String, String> notFromAHeader) {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Object> c : constants.entrySet()) {
            String key = c.getKey();
            if (notFromAHeader.containsKey(key)) continue;
            Source s = sources.get(key);
            if (s == null) {
                wrong.add(key + " has no entry (name its header, or say why it is not a Windows value)");
                continue;
            }
            try {
                String problem = compare(headers, c.getValue(), s);
                if (problem != null) wrong.add(key + ": " + problem);
            } catch (AssertionError notInHeader) {
                wrong.add(key + ": " + notInHeader.getMessage());
            }
        }
        Set<String> stale = new TreeSet<>(sources.keySet());
        stale.addAll(notFromAHeader.keySet());
        stale.removeAll(constants.keySet());
        stale.forEach(k -> wrong.add(k + " has an entry but no constant"));
        return wrong;
    }

    /** Null when {@code value} is what the header defines for {@code s}, else what differs. */
    public static String compare(WindowsHeaders headers, Object value, Source s) {
        if (value instanceof Guid.GUID g) {
            String idl = headers.uuid(s.file(), s.name());
            return idl.equalsIgnoreCase(g.toGuidString()) ? null : g.toGuidString() + ", " + s.file() + " says " + idl;
        }
        long header = headers.constant(s.file(), s.name());
        if (value instanceof Pointer p) {
            // Pointer constants compare at full width: (OLECHAR*)-1 is -1, not 0xffffffff.
            return Pointer.nativeValue(p) == header ? null
                    : "0x" + Long.toHexString(Pointer.nativeValue(p)) + ", " + s.file() + " says " + s.name() + " = 0x" + Long.toHexString(header);
        }
        long v = ((Number) value).longValue();
        return (v & 0xFFFFFFFFL) == (header & 0xFFFFFFFFL) ? null
                : "0x" + Long.toHexString(v & 0xFFFFFFFFL) + ", " + s.file() + " says " + s.name() + " = 0x" + Long.toHexString(header & 0xFFFFFFFFL);
    }
}
