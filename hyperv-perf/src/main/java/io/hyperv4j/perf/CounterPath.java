package io.hyperv4j.perf;

import java.util.Locale;
import java.util.Objects;

/**
 * A counter path in PDH's English form: {@code \\HOST\Object(Parent/Instance#Index)\Counter}. The
 * host part is optional (the local or default host), as are the instance and its parent and index.
 * {@code *} is the wildcard in the object, instance and counter names. Names compare
 * without regard to case, as PDH does. Immutable.
 *
 * @param machine  host name without the leading backslashes, or null
 * @param object   counter set name, e.g. "Memory"
 * @param parent   parent instance, or null
 * @param instance instance name, or null for a single-instance set
 * @param index    instance index after '#', or -1
 * @param counter  counter name, e.g. "Pages/sec"
 */
public record CounterPath(String machine, String object, String parent, String instance, int index, String counter) {

    /**
     * Checks the required parts.
     *
     * @param machine  host name, or null
     * @param object   counter set name
     * @param parent   parent instance, or null
     * @param instance instance name, or null
     * @param index    instance index, or -1
     * @param counter  counter name
     * @throws NullPointerException if object or counter is null
     */
    public CounterPath {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(counter, "counter");
    }

    /**
     * A path without parent or index.
     *
     * @param machine  host name, or null
     * @param object   counter set name
     * @param instance instance name, or null
     * @param counter  counter name
     * @return the path
     */
    public static CounterPath of(String machine, String object, String instance, String counter) {
        return new CounterPath(machine, object, null, instance, -1, counter);
    }

    /**
     * Parses a path.
     *
     * @param text e.g. {@code \\HV1\Hyper-V Hypervisor Logical Processor(_Total)\% Total Run Time}
     * @return the path
     * @throws CounterPathException naming the offending character and what is wrong
     */
    public static CounterPath parse(String text) {
        if (text == null || text.isBlank()) throw new CounterPathException(String.valueOf(text), 0, "empty path");
        String s = text.strip();
        if (s.charAt(0) != '\\') throw new CounterPathException(text, 0, "a path starts with '\\' (\\Object\\Counter) or '\\\\' (\\\\HOST\\Object\\Counter)");
        int pos = 0;
        String machine = null;
        if (s.startsWith("\\\\")) {
            int end = s.indexOf('\\', 2);
            if (end < 0) throw new CounterPathException(text, s.length(), "missing object after the host name");
            machine = s.substring(2, end);
            if (machine.isEmpty()) throw new CounterPathException(text, 2, "empty host name");
            if (machine.indexOf('*') >= 0 || machine.indexOf('(') >= 0) throw new CounterPathException(text, 2, "host names take no wildcards or parentheses");
            pos = end;
        }
        // the object segment runs to the first backslash outside parentheses
        int depth = 0;
        int sep = -1;
        for (int i = pos + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') depth++;
            else if (c == ')') {
                if (--depth < 0) throw new CounterPathException(text, i, "')' without '('");
            } else if (c == '\\' && depth == 0) {
                sep = i;
                break;
            }
        }
        if (depth > 0) throw new CounterPathException(text, s.length(), "'(' without ')'");
        if (sep < 0) throw new CounterPathException(text, s.length(), "missing counter name (expected \\Object\\Counter)");
        String objectPart = s.substring(pos + 1, sep);
        String counter = s.substring(sep + 1);
        if (counter.isBlank()) throw new CounterPathException(text, sep + 1, "empty counter name");
        if (counter.indexOf('\\') >= 0) throw new CounterPathException(text, sep + 1 + counter.indexOf('\\'), "counter names contain no '\\'");
        String object = objectPart;
        String parent = null;
        String instance = null;
        int index = -1;
        int open = objectPart.indexOf('(');
        if (open >= 0) {
            if (!objectPart.endsWith(")")) throw new CounterPathException(text, sep - 1, "text after the instance's ')'");
            object = objectPart.substring(0, open);
            String spec = objectPart.substring(open + 1, objectPart.length() - 1);
            if (spec.isEmpty()) throw new CounterPathException(text, pos + 1 + open + 1, "empty instance name");
            int hash = spec.lastIndexOf('#');
            if (hash >= 0 && hash < spec.length() - 1 && spec.substring(hash + 1).chars().allMatch(Character::isDigit)) {
                index = Integer.parseInt(spec.substring(hash + 1));
                spec = spec.substring(0, hash);
            }
            int slash = spec.indexOf('/');
            if (slash >= 0) {
                parent = spec.substring(0, slash);
                spec = spec.substring(slash + 1);
                if (parent.isEmpty()) throw new CounterPathException(text, pos + 2 + open, "empty parent instance");
            }
            if (spec.isEmpty()) throw new CounterPathException(text, pos + 2 + open, "empty instance name");
            instance = spec;
        }
        if (object.isBlank()) throw new CounterPathException(text, pos + 1, "empty object (counter set) name");
        return new CounterPath(machine, object, parent, instance, index, counter);
    }

    /**
     * This path on another host (null for the default host).
     *
     * @param host the host name, or null
     * @return a new path
     */
    public CounterPath withMachine(String host) {
        return new CounterPath(host, object, parent, instance, index, counter);
    }

    /**
     * This path for another instance (index cleared, parent kept).
     *
     * @param newInstance the instance name, or null
     * @return a new path
     */
    public CounterPath withInstance(String newInstance) {
        return new CounterPath(machine, object, parent, newInstance, -1, counter);
    }

    /**
     * This path for another counter of the same set.
     *
     * @param newCounter the counter name
     * @return a new path
     */
    public CounterPath withCounter(String newCounter) {
        return new CounterPath(machine, object, parent, instance, index, newCounter);
    }

    /**
     * Whether any part holds a wildcard.
     *
     * @return true if the object, parent, instance or counter contains {@code *}
     */
    public boolean isWildcard() {
        return hasWild(object) || hasWild(instance) || hasWild(parent) || hasWild(counter);
    }

    /**
     * Whether the concrete path {@code other} is one this (possibly wildcard) path names. A pattern
     * without a host matches any host; a pattern without an instance matches only single-instance
     * paths, as PDH does.
     *
     * @param other a concrete path
     * @return true if this path names it
     */
    public boolean matches(CounterPath other) {
        if (machine != null && (other.machine == null || !machine.equalsIgnoreCase(other.machine))) return false;
        if (!glob(object, other.object) || !glob(counter, other.counter)) return false;
        if (instance == null) return other.instance == null;
        if (other.instance == null) return false;
        if (!glob(instance, other.instance)) return false;
        if (parent != null && (other.parent == null || !glob(parent, other.parent))) return false;
        return index < 0 || index == Math.max(other.index, 0);
    }

    /**
     * The instance as Get-Counter's InstanceName shows it (lower case, with parent), or "" when none.
     *
     * @return the instance name
     */
    public String instanceName() {
        if (instance == null) return "";
        return ((parent == null ? "" : parent + "/") + instance + (index > 0 ? "#" + index : "")).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(64);
        if (machine != null) b.append("\\\\").append(machine);
        b.append('\\').append(object);
        if (instance != null) {
            b.append('(');
            if (parent != null) b.append(parent).append('/');
            b.append(instance);
            if (index >= 0) b.append('#').append(index);
            b.append(')');
        }
        return b.append('\\').append(counter).toString();
    }

    /**
     * Case-insensitive identity, since PDH treats names without regard to case.
     *
     * @param o the other path
     * @return true if both print the same, ignoring case
     */
    public boolean sameAs(CounterPath o) {
        return toString().equalsIgnoreCase(o.toString());
    }

    private static boolean hasWild(String s) {
        return s != null && s.indexOf('*') >= 0;
    }

    /** Case-insensitive match where '*' stands for any run of characters (PDH's only wildcard). */
    static boolean glob(String pattern, String text) {
        if (pattern == null) return text == null;
        if (text == null) return false;
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.length()) {
            if (p < pattern.length() && eq(pattern.charAt(p), text.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') p++;
        return p == pattern.length();
    }

    private static boolean eq(char a, char b) {
        return a == b || Character.toLowerCase(a) == Character.toLowerCase(b);
    }
}
