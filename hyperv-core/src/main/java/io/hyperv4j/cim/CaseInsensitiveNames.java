package io.hyperv4j.cim;

import java.util.Arrays;

/**
 * Property names looked up ignoring case, without allocating: an open-addressing table of the
 * names as first spelled, hashed over their characters folded to lower case. CIM names are
 * case-insensitive, and an instance is read far more often than it is built, so this replaces a
 * sorted map whose every step compared two strings character by character. Not thread-safe while
 * names are added; safe to read from many threads once the owner stops adding.
 */
final class CaseInsensitiveNames {
    private String[] slots;
    private int size;

    CaseInsensitiveNames(int expected) {
        slots = new String[tableSize(expected)];
    }

    private CaseInsensitiveNames(String[] slots, int size) {
        this.slots = slots;
        this.size = size;
    }

    /** A copy that can go on growing without changing this one. */
    CaseInsensitiveNames copy() {
        return new CaseInsensitiveNames(slots.clone(), size);
    }

    /** A copy with room for {@code expected} names in all, so adding up to them never rehashes. */
    CaseInsensitiveNames copy(int expected) {
        int capacity = tableSize(expected);
        if (capacity <= slots.length) return copy();
        String[] t = new String[capacity];
        for (String s : slots) if (s != null) insert(t, s);
        return new CaseInsensitiveNames(t, size);
    }

    /** The table itself (read only): two tables with equal slots hold the same names. */
    String[] slots() {
        return slots;
    }

    /** The spelling under which {@code name} was added in any case, or null. */
    String find(String name) {
        String[] t = slots;
        int mask = t.length - 1;
        for (int i = hash(name) & mask; ; i = (i + 1) & mask) {
            String s = t[i];
            if (s == null) return null;
            if (s.equalsIgnoreCase(name)) return s;
        }
    }

    /** Adds a name; the caller has checked that no spelling of it is present. */
    void add(String name) {
        if ((size + 1) * 2 > slots.length) rehash(slots.length * 2);
        insert(slots, name);
        size++;
    }

    /** Removes the spelling {@code name} (exactly as added), keeping the probe chains of the others intact. */
    void remove(String name) {
        String[] old = slots;
        slots = new String[old.length];
        size = 0;
        for (String s : old)
            if (s != null && !s.equals(name)) {
                insert(slots, s);
                size++;
            }
    }

    private void rehash(int capacity) {
        String[] old = slots;
        slots = new String[capacity];
        for (String s : old) if (s != null) insert(slots, s);
    }

    private static void insert(String[] t, String name) {
        int mask = t.length - 1;
        int i = hash(name) & mask;
        while (t[i] != null) i = (i + 1) & mask;
        t[i] = name;
    }

    private static int tableSize(int expected) {
        int n = 8;
        while (n < expected * 2) n <<= 1;
        return n;
    }

    /** A hash equal for names that differ only in case: ASCII folded inline, other letters through Character. */
    private static int hash(String s) {
        int h = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
            else if (c >= 0x80) c = Character.toLowerCase(Character.toUpperCase(c));
            h = 31 * h + c;
        }
        return h ^ (h >>> 16);
    }

    @Override
    public String toString() {
        return Arrays.toString(Arrays.stream(slots).filter(java.util.Objects::nonNull).toArray());
    }
}
