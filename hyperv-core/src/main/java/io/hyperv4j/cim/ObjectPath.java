package io.hyperv4j.cim;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A WMI object path: {@code \\HOST\root\virtualization\v2:Msvm_ComputerSystem.CreationClassName="Msvm_ComputerSystem",Name="..."}.
 * Server and namespace may be absent (a relative path). Key values are {@link String}, {@link Long},
 * {@link Boolean} or {@link ObjectPath}. Class, namespace, server and key names compare
 * case-insensitively, as WMI does; key order does not matter.
 * <p>Text form: see {@link #parse(String)} and {@link #toString()}. A reference key's value is a
 * path with keys (references name instances); in text it is a quoted, escaped path, read back as a
 * reference exactly when that text is a path with keys in canonical form. Immutable.
 *
 * @param server    the host, {@code .} for the local one, or null
 * @param namespace the namespace, e.g. {@code root\virtualization\v2}, or null
 * @param className the class
 * @param keys      key property values by name; empty for a class path or a singleton
 */
public record ObjectPath(String server, String namespace, String className, Map<String, Object> keys) {

    /**
     * Checks and copies the keys into a case-insensitive, sorted map.
     *
     * @param server    the host, or null
     * @param namespace the namespace, or null
     * @param className the class
     * @param keys      key values, or null for none
     * @throws NullPointerException     if the class name or a key value is null
     * @throws IllegalArgumentException if a key value is not a String, Long, Boolean or ObjectPath
     */
    public ObjectPath {
        Objects.requireNonNull(className, "className");
        TreeMap<String, Object> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (keys != null) {
            keys.forEach((k, v) -> {
                Objects.requireNonNull(v, "key " + k);
                if (!(v instanceof String || v instanceof Long || v instanceof Boolean || v instanceof ObjectPath))
                    throw new IllegalArgumentException("key " + k + " cannot be a " + v.getClass().getSimpleName());
                sorted.put(k, v);
            });
        }
        keys = Collections.unmodifiableSortedMap(sorted);
    }

    /**
     * A path without server.
     *
     * @param namespace the namespace, or null
     * @param className the class
     * @param keys      key values
     * @return the path
     */
    public static ObjectPath of(String namespace, String className, Map<String, Object> keys) {
        return new ObjectPath(null, namespace, className, keys);
    }

    /**
     * Parses {@code [\\server\][namespace:]Class[.Key=value,...|=@]}; server {@code .} is the
     * local host, {@code /} may stand for {@code \}. Errors are {@link CimError#INVALID_OBJECT_PATH}
     * naming the offset and what was expected.
     *
     * @param text the path text
     * @return the path
     */
    public static ObjectPath parse(String text) {
        return ObjectPathParser.parse(text);
    }

    /**
     * True when the server is absent or {@code .}, the local host.
     *
     * @return whether the path is local
     */
    public boolean isLocal() {
        return server == null || server.equals(".");
    }

    /**
     * This path on another server.
     *
     * @param server the host, or null
     * @return a new path
     */
    public ObjectPath withServer(String server) {
        return new ObjectPath(server, namespace, className, keys);
    }

    /**
     * The same object without server and namespace, as used inside one namespace.
     *
     * @return a new path
     */
    public ObjectPath relative() {
        return new ObjectPath(null, null, className, keys);
    }

    /**
     * A key's value, ignoring the name's case.
     *
     * @param name the key property's name
     * @return a String, Long, Boolean or ObjectPath, or null when there is no such key
     */
    public Object key(String name) {
        return keys.get(name);
    }

    @Override
    public String toString() {
        return ObjectPathParser.format(this);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ObjectPath p)) return false;
        return eqIgnoreCase(server, p.server) && eqIgnoreCase(namespace, p.namespace)
                && className.equalsIgnoreCase(p.className) && keysEqual(keys, p.keys);
    }

    @Override
    public int hashCode() {
        int h = className.toLowerCase(java.util.Locale.ROOT).hashCode();
        for (Map.Entry<String, Object> e : keys.entrySet())
            h = 31 * h + e.getKey().toLowerCase(java.util.Locale.ROOT).hashCode() * 17 + e.getValue().hashCode();
        return h;
    }

    private static boolean eqIgnoreCase(String a, String b) {
        return a == null ? b == null : b != null && a.equalsIgnoreCase(b);
    }

    private static boolean keysEqual(Map<String, Object> a, Map<String, Object> b) {
        if (a.size() != b.size()) return false;
        for (Map.Entry<String, Object> e : a.entrySet()) {
            if (!Objects.equals(e.getValue(), b.get(e.getKey()))) return false;
        }
        return true;
    }
}
