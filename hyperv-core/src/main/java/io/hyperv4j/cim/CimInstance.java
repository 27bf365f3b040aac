package io.hyperv4j.cim;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable CIM instance: its class, its path (absent for embedded instances that were never
 * stored), and its properties by name (case-insensitive, in declaration order).
 */
public final class CimInstance {
    private final String className;
    private final ObjectPath path;
    private final Map<String, CimValue> properties;
    private final Map<String, String> canonicalNames;

    private CimInstance(String className, ObjectPath path, LinkedHashMap<String, CimValue> properties) {
        this.className = Objects.requireNonNull(className, "className");
        this.path = path;
        this.properties = Collections.unmodifiableMap(properties);
        TreeMap<String, String> names = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        properties.keySet().forEach(k -> names.put(k, k));
        this.canonicalNames = names;
    }

    public static Builder builder(String className) {
        return new Builder(className);
    }

    public String className() {
        return className;
    }

    /** The instance's path, or null for an embedded instance. */
    public ObjectPath path() {
        return path;
    }

    /** Properties in declaration order, keyed by their declared spelling. */
    public Map<String, CimValue> properties() {
        return properties;
    }

    public boolean has(String name) {
        return canonicalNames.containsKey(name);
    }

    /** The property's value, or null when the instance has no such property. */
    public CimValue get(String name) {
        String k = canonicalNames.get(name);
        return k == null ? null : properties.get(k);
    }

    /** The property's value; throws {@link CimException} (WBEM_E_NOT_FOUND) naming it when absent. */
    public CimValue require(String name) {
        CimValue v = get(name);
        if (v == null) throw new CimException(CimError.NOT_FOUND, className + " has no property " + name);
        return v;
    }

    /** The property's value when the instance has it and it is not null. */
    public Optional<CimValue> find(String name) {
        CimValue v = get(name);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    /** The property's value when present, not null and not an array: what the typed reads read. */
    private CimValue scalar(String name) {
        CimValue v = get(name);
        return v == null || v.isNull() || v.array() ? null : v;
    }

    /** The property as text, or null when absent or null. */
    public String getString(String name) {
        return stringOr(name, null);
    }

    /** The property as text, or {@code fallback} when absent or null. */
    public String stringOr(String name, String fallback) {
        CimValue v = scalar(name);
        return v == null ? fallback : v.asString();
    }

    /** The property as an integer; throws {@link CimException} naming it when absent. */
    public long getLong(String name) {
        return require(name).asLong();
    }

    /** The integer property, or {@code fallback} when absent, null or an array. */
    public long longOr(String name, long fallback) {
        CimValue v = scalar(name);
        return v == null ? fallback : v.asLong();
    }

    /** The integer property as an int, or {@code fallback} when absent, null or an array. */
    public int intOr(String name, int fallback) {
        return Math.toIntExact(longOr(name, fallback));
    }

    /** The boolean property, or {@code fallback} when absent, null or an array. */
    public boolean booleanOr(String name, boolean fallback) {
        CimValue v = scalar(name);
        return v == null ? fallback : v.asBoolean();
    }

    /**
     * The datetime property as an instant; empty when absent, null, an interval or a timestamp
     * with wildcards (no instant to give).
     */
    public Optional<Instant> instant(String name) {
        CimValue v = scalar(name);
        if (v == null || v.type() != CimType.DATETIME || v.asDateTime().isInterval()) return Optional.empty();
        try {
            return Optional.of(v.asDateTime().toInstant());
        } catch (RuntimeException inexact) {
            return Optional.empty();
        }
    }

    /** The reference property's path; empty when absent or null. */
    public Optional<ObjectPath> reference(String name) {
        return find(name).map(CimValue::asPath);
    }

    /** The array property's elements; empty when absent or null, a one-element list for a scalar. */
    public List<Object> list(String name) {
        return find(name).map(v -> v.array() ? v.asList() : List.of(v.value())).orElse(List.of());
    }

    public Builder toBuilder() {
        Builder b = new Builder(className).path(path);
        properties.forEach(b::put);
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CimInstance i && className.equalsIgnoreCase(i.className)
                && Objects.equals(path, i.path) && properties.equals(i.properties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(className.toLowerCase(java.util.Locale.ROOT), properties);
    }

    /**
     * The CIM-XML (DTD 2.0) text, the form embedded-instance parameters travel in; for the rare
     * instance XML cannot carry, a plain listing of its properties.
     */
    @Override
    public String toString() {
        try {
            return CimXml.writeInstance(this);
        } catch (CimException unwritable) {
            return className + properties;
        }
    }

    public static final class Builder {
        private final String className;
        private ObjectPath path;
        private final LinkedHashMap<String, CimValue> props = new LinkedHashMap<>();
        private final TreeMap<String, String> names = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        private Builder(String className) {
            this.className = Objects.requireNonNull(className, "className");
        }

        public Builder path(ObjectPath path) {
            this.path = path;
            return this;
        }

        /** Sets a property, replacing any value under the same name in another case. */
        public Builder put(String name, CimValue value) {
            Objects.requireNonNull(value, "value of " + name);
            String existing = names.putIfAbsent(name, name);
            props.put(existing == null ? name : existing, value);
            return this;
        }

        public Builder remove(String name) {
            String existing = names.remove(name);
            if (existing != null) props.remove(existing);
            return this;
        }

        public CimInstance build() {
            return new CimInstance(className, path, new LinkedHashMap<>(props));
        }
    }
}
