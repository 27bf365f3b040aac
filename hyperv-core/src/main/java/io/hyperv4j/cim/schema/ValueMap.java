package io.hyperv4j.cim.schema;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The documented meanings of an integer property, parameter or return value (the Values/ValueMap
 * qualifiers): discrete values plus ranges such as "32768..65535 Vendor Specific".
 */
public record ValueMap(Map<Long, String> values, List<ValueRange> ranges) {
    public static final ValueMap EMPTY = new ValueMap(Map.of(), List.of());

    public ValueMap {
        values = Collections.unmodifiableMap(new TreeMap<>(values));
        ranges = List.copyOf(ranges);
    }

    public boolean isEmpty() {
        return values.isEmpty() && ranges.isEmpty();
    }

    /** The label of {@code v}: its own entry, else the first range holding it. */
    public Optional<String> label(long v) {
        String s = values.get(v);
        if (s != null) return Optional.of(s);
        return ranges.stream().filter(r -> r.contains(v)).map(ValueRange::label).findFirst();
    }

    /** Whether {@code v} is documented, individually or through a range. */
    public boolean isDefined(long v) {
        return label(v).isPresent();
    }

    /** The value whose label equals {@code label}, ignoring case (for command-line input like "Running"). */
    public Optional<Long> valueOf(String label) {
        return values.entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(label))
                .map(Map.Entry::getKey).findFirst();
    }
}
