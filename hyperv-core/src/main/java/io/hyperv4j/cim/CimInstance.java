package io.hyperv4j.cim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable CIM instance: its class, its path (absent for embedded instances that were never
 * stored), and its properties by name (case-insensitive, in declaration order). Thread-safe: it
 * never changes after {@link Builder#build()}.
 */
public final class CimInstance {
    private final String className;
    private final ObjectPath path;
    private final Map<String, CimValue> properties;
    private final CaseInsensitiveNames names;

    private CimInstance(String className, ObjectPath path, LinkedHashMap<String, CimValue> properties, CaseInsensitiveNames names) {
        this.className = Objects.requireNonNull(className, "className");
        this.path = path;
        this.properties = Collections.unmodifiableMap(properties);
        this.names = names;
    }

    /**
     * A builder for an instance of a class.
     *
     * @param className the class
     * @return a new builder
     */
    public static Builder builder(String className) {
        return new Builder(className);
    }

    /**
     * The class.
     *
     * @return the class name
     */
    public String className() {
        return className;
    }

    /**
     * The instance's path, or null for an embedded instance.
     *
     * @return the path, or null
     */
    public ObjectPath path() {
        return path;
    }

    /**
     * Properties in declaration order, keyed by their declared spelling.
     *
     * @return an unmodifiable map
     */
    public Map<String, CimValue> properties() {
        return properties;
    }

    /**
     * Whether the instance has a property, ignoring case.
     *
     * @param name the property name
     * @return true if present (its value may be null)
     */
    public boolean has(String name) {
        return properties.containsKey(name) || names.find(name) != null;
    }

    /**
     * The property's value, or null when the instance has no such property.
     *
     * @param name the property name, in any case
     * @return the value (possibly a null value), or null
     */
    public CimValue get(String name) {
        CimValue exact = properties.get(name); // the declared spelling, as almost every caller writes it
        if (exact != null) return exact;
        String k = names.find(name);
        return k == null ? null : properties.get(k);
    }

    /**
     * The property's value.
     *
     * @param name the property name, in any case
     * @return the value (possibly a null value)
     * @throws CimException WBEM_E_NOT_FOUND naming the class and property when absent
     */
    public CimValue require(String name) {
        CimValue v = get(name);
        if (v == null) throw new CimException(CimError.NOT_FOUND, className + " has no property " + name);
        return v;
    }

    /**
     * The property's value when the instance has it and it is not null.
     *
     * @param name the property name
     * @return the value, or empty when absent or null
     */
    public Optional<CimValue> find(String name) {
        CimValue v = get(name);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    /** The property's value when present, not null and not an array: what the typed reads read. */
    private CimValue scalar(String name) {
        CimValue v = get(name);
        return v == null || v.isNull() || v.array() ? null : v;
    }

    /**
     * A property as text (see {@link CimValue#asString()}).
     *
     * @param name the property name
     * @return the text, or null when the property is absent or null
     */
    public String getString(String name) {
        return stringOr(name, null);
    }

    /**
     * The property as text, or a fallback.
     *
     * @param name     the property name
     * @param fallback what to return when the property is absent, null or an array
     * @return the text or {@code fallback}
     */
    public String stringOr(String name, String fallback) {
        CimValue v = scalar(name);
        return v == null ? fallback : v.asString();
    }

    /**
     * An integer property.
     *
     * @param name the property name
     * @return its value
     * @throws CimException WBEM_E_NOT_FOUND when absent
     * @throws IllegalStateException when null or not an integer
     */
    public long getLong(String name) {
        return require(name).asLong();
    }

    /**
     * An integer property, or a fallback.
     *
     * @param name     the property name
     * @param fallback what to return when the property is absent, null or an array
     * @return the value or {@code fallback}
     */
    public long longOr(String name, long fallback) {
        CimValue v = scalar(name);
        return v == null ? fallback : v.asLong();
    }

    /**
     * An integer property also when it arrives as text: WS-Management's XML carries no types, so the
     * values of classes without a published schema (MSCluster_Property, private properties) come as
     * strings.
     *
     * @param name     the property name
     * @param fallback what to return when the property is absent, null, an array, or text that is no integer
     * @return the value or {@code fallback}
     */
    public long numberOr(String name, long fallback) {
        CimValue v = scalar(name);
        if (v == null || v.type() != CimType.STRING) return longOr(name, fallback);
        try {
            return Long.parseLong(v.asString().trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /**
     * An integer property as an int, or a fallback.
     *
     * @param name     the property name
     * @param fallback what to return when the property is absent, null or an array
     * @return the value or {@code fallback}
     * @throws ArithmeticException when the value does not fit an int
     */
    public int intOr(String name, int fallback) {
        return Math.toIntExact(longOr(name, fallback));
    }

    /**
     * A boolean property, or a fallback.
     *
     * @param name     the property name
     * @param fallback what to return when the property is absent, null or an array
     * @return the value or {@code fallback}
     */
    public boolean booleanOr(String name, boolean fallback) {
        CimValue v = scalar(name);
        return v == null ? fallback : v.asBoolean();
    }

    /**
     * The datetime property as an instant; empty when absent, null, an interval or a timestamp
     * with wildcards (no instant to give).
     *
     * @param name the property name
     * @return the instant, or empty
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

    /**
     * A reference property's path.
     *
     * @param name the property name
     * @return the path, or empty when absent or null
     */
    public Optional<ObjectPath> reference(String name) {
        return find(name).map(CimValue::asPath);
    }

    /**
     * An array property's elements.
     *
     * @param name the property name
     * @return the elements; empty when absent or null, a one-element list for a scalar
     */
    public List<Object> list(String name) {
        return find(name).map(v -> v.array() ? v.asList() : List.of(v.value())).orElse(List.of());
    }

    /**
     * This instance with each of {@code defaults} added where it has no property of that name (in
     * any case), after its own properties: how an instance is completed with the typed nulls of the
     * properties its class declares and the source left out.
     *
     * @param defaults names and values to add where absent
     * @return this instance when nothing is absent, else the completed copy
     */
    public CimInstance withAbsent(List<Map.Entry<String, CimValue>> defaults) {
        Completion memo = COMPLETIONS.get(new Identity(defaults));
        if (memo == null || !Arrays.equals(memo.present, names.slots())) {
            memo = completion(defaults);
            if (COMPLETIONS.size() >= COMPLETIONS_KEPT) COMPLETIONS.clear(); // bounded: callers keep few lists
            COMPLETIONS.put(new Identity(defaults), memo);
        }
        if (memo.added.isEmpty()) return this;
        LinkedHashMap<String, CimValue> all = new LinkedHashMap<>((properties.size() + memo.added.size()) * 4 / 3 + 1);
        all.putAll(properties);
        for (Map.Entry<String, CimValue> d : memo.added) all.put(d.getKey(), d.getValue());
        return new CimInstance(className, path, all, memo.names);
    }

    /**
     * What completing an instance whose names are {@code present} with a list of defaults adds, and
     * the names it then has. Instances of one class come from one renderer with the same names, so
     * this is worked out once per class and shape (the names table is never changed once built).
     */
    private record Completion(String[] present, List<Map.Entry<String, CimValue>> added, CaseInsensitiveNames names) {}

    private record Identity(Object of) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity i && i.of == of;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(of);
        }
    }

    private static final Map<Identity, Completion> COMPLETIONS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int COMPLETIONS_KEPT = 1024;

    private Completion completion(List<Map.Entry<String, CimValue>> defaults) {
        List<Map.Entry<String, CimValue>> added = new ArrayList<>();
        CaseInsensitiveNames allNames = names.copy(properties.size() + defaults.size());
        for (Map.Entry<String, CimValue> d : defaults) {
            String name = d.getKey();
            if (allNames.find(name) != null) continue; // present, or listed twice in defaults
            added.add(Map.entry(name, Objects.requireNonNull(d.getValue(), "value of " + name)));
            allNames.add(name);
        }
        return new Completion(names.slots().clone(), List.copyOf(added), allNames);
    }

    /**
     * A builder holding this instance's class, path and properties, to derive a changed copy.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(className, names.copy()).path(path);
        b.props.putAll(properties);
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

    /** Builds an instance. Not thread-safe. */
    public static final class Builder {
        private final String className;
        private ObjectPath path;
        private LinkedHashMap<String, CimValue> props = new LinkedHashMap<>();
        private CaseInsensitiveNames names;
        /** Set when an instance took the maps: the next change copies them first (copy on write). */
        private boolean handedOver;

        private Builder(String className) {
            this(className, new CaseInsensitiveNames(16));
        }

        private Builder(String className, CaseInsensitiveNames names) {
            this.className = Objects.requireNonNull(className, "className");
            this.names = names;
        }

        /**
         * Sets the path.
         *
         * @param path the path, or null for an embedded instance
         * @return this builder
         */
        public Builder path(ObjectPath path) {
            this.path = path;
            return this;
        }

        /**
         * Sets a property, replacing any value under the same name in another case (the first spelling stays).
         *
         * @param name  the property name
         * @param value the value; use {@link CimValue#nullOf} for null
         * @return this builder
         */
        public Builder put(String name, CimValue value) {
            Objects.requireNonNull(value, "value of " + name);
            unshare();
            if (props.replace(name, value) != null) return this;
            String existing = names.find(name);
            if (existing == null) names.add(name);
            props.put(existing == null ? name : existing, value);
            return this;
        }

        /**
         * Removes a property, ignoring case.
         *
         * @param name the property name
         * @return this builder
         */
        public Builder remove(String name) {
            String existing = names.find(name);
            if (existing != null) {
                unshare();
                names.remove(existing);
                props.remove(existing);
            }
            return this;
        }

        /**
         * The instance; the builder may go on to build others.
         *
         * @return the instance
         */
        public CimInstance build() {
            handedOver = true;
            return new CimInstance(className, path, props, names);
        }

        private void unshare() {
            if (!handedOver) return;
            props = new LinkedHashMap<>(props);
            names = names.copy();
            handedOver = false;
        }
    }
}
