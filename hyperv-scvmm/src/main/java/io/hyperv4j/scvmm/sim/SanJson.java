package io.hyperv4j.scvmm.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A node of the SAN's part of a lab file with its JSON path: each read names what it expects and a
 * wrong type, range or reference is refused with the path ({@code $.providers[...].arrays[0].lus[2].bytes}).
 * Nothing is coerced. (Core's lab-file reader follows the same rules for the kernel's part.)
 */
final class SanJson {
    private final JsonNode node;
    final String path;

    SanJson(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    boolean has(String f) {
        return node.has(f) && !node.get(f).isNull();
    }

    List<SanJson> objects(String f) {
        List<SanJson> out = new ArrayList<>();
        if (!has(f)) return out;
        JsonNode v = node.get(f);
        if (!v.isArray()) throw invalid(f, "expected an array");
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isObject()) throw new IllegalArgumentException(path + "." + f + "[" + i + "]: expected an object");
            out.add(new SanJson(v.get(i), path + "." + f + "[" + i + "]"));
        }
        return out;
    }

    List<String> strings(String f) {
        List<String> out = new ArrayList<>();
        if (!has(f)) return out;
        JsonNode v = node.get(f);
        if (!v.isArray()) throw invalid(f, "expected an array of strings");
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) throw new IllegalArgumentException(path + "." + f + "[" + i + "]: expected a string");
            out.add(v.get(i).textValue());
        }
        return out;
    }

    /** [from, to) runs of page numbers within {@code max} pages. */
    List<long[]> runs(String f, long max) {
        List<long[]> out = new ArrayList<>();
        if (!has(f)) return out;
        JsonNode v = node.get(f);
        if (!v.isArray()) throw invalid(f, "expected an array of [from, to] page runs");
        for (int i = 0; i < v.size(); i++) {
            JsonNode r = v.get(i);
            if (!r.isArray() || r.size() != 2 || !r.get(0).canConvertToLong() || !r.get(1).canConvertToLong() || !r.get(0).isIntegralNumber()
                    || !r.get(1).isIntegralNumber() || r.get(0).longValue() < 0 || r.get(1).longValue() <= r.get(0).longValue() || r.get(1).longValue() > max)
                throw new IllegalArgumentException(path + "." + f + "[" + i + "]: expected [from, to] with 0 <= from < to <= " + max);
            out.add(new long[] {r.get(0).longValue(), r.get(1).longValue()});
        }
        return out;
    }

    /** An object whose every value is a string. */
    java.util.Map<String, String> objectFields(String f) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        JsonNode v = node.get(f);
        if (!v.isObject()) throw invalid(f, "expected an object");
        for (var it = v.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isTextual()) throw new IllegalArgumentException(path + "." + f + "['" + e.getKey() + "']: expected a string");
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    String string(String f) {
        if (!has(f) || !node.get(f).isTextual() || node.get(f).textValue().isBlank()) throw invalid(f, "expected a non-empty string");
        return node.get(f).textValue();
    }

    long integer(String f, long min, long max) {
        JsonNode v = node.get(f);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max)
            throw invalid(f, "expected an integer from " + min + " to " + max);
        return v.longValue();
    }

    boolean bool(String f, boolean fallback) {
        if (!has(f)) return fallback;
        if (!node.get(f).isBoolean()) throw invalid(f, "expected true or false");
        return node.get(f).booleanValue();
    }

    <E extends Enum<E>> E constant(String f, Class<E> type) {
        String s = string(f);
        for (E c : type.getEnumConstants()) if (c.name().equals(s)) return c;
        throw invalid(f, "expected one of " + java.util.Arrays.toString(type.getEnumConstants()) + ", found " + s);
    }

    IllegalArgumentException invalid(String f, String why) {
        return new IllegalArgumentException(path + "." + f + ": " + why);
    }
}
