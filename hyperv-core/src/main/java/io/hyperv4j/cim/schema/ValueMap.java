package io.hyperv4j.cim.schema;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The documented meanings of an integer property, parameter or return value (the Values/ValueMap
 * qualifiers): discrete values plus ranges such as "32768..65535 Vendor Specific". Immutable.
 *
 * @param values the discrete values and their labels
 * @param ranges the ranges and their labels
 */
public record ValueMap(Map<Long, String> values, List<ValueRange> ranges) {
    /** No documented values. */
    public static final ValueMap EMPTY = new ValueMap(Map.of(), List.of());

    /**
     * Copies the entries (values sorted).
     *
     * @param values the discrete values
     * @param ranges the ranges
     */
    public ValueMap {
        values = Collections.unmodifiableMap(new TreeMap<>(values));
        ranges = List.copyOf(ranges);
    }

    /**
     * Whether nothing is documented.
     *
     * @return true with no values and no ranges
     */
    public boolean isEmpty() {
        return values.isEmpty() && ranges.isEmpty();
    }

    /**
     * The label of {@code v}: its own entry, else the first range holding it.
     *
     * @param v the value
     * @return the label, or empty when undocumented
     */
    public Optional<String> label(long v) {
        String s = values.get(v);
        if (s != null) return Optional.of(s);
        return ranges.stream().filter(r -> r.contains(v)).map(ValueRange::label).findFirst();
    }

    /**
     * Whether {@code v} is documented, individually or through a range.
     *
     * @param v the value
     * @return true if it has a label
     */
    public boolean isDefined(long v) {
        return label(v).isPresent();
    }

    /**
     * The value whose label equals {@code label}, ignoring case (for command-line input like "Running").
     * Only discrete values are searched.
     *
     * @param label the label
     * @return the value, or empty
     */
    public Optional<Long> valueOf(String label) {
        return values.entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(label))
                .map(Map.Entry::getKey).findFirst();
    }
}
