package io.hyperv4j.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A node of a lab file with its JSON path ({@code $.hosts[0].vms[2]}), read against the lab's
 * schema: every read names the type, range or form it expects, and anything else is refused with
 * the field's path and what was found. Nothing is coerced: {@code "memoryMb":"lots"} is an error,
 * not 0, and {@code "vms":"oops"} is an error, not an empty list.
 */
public final class LabJson {
    /** VM and job ids: the upper- or lower-case GUIDs Hyper-V uses. */
    public static final Pattern GUID = Pattern.compile("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");
    /** Host names: DNS labels (letters, digits, '-', '_'), dot-separated, at most 253 characters. */
    public static final Pattern HOST_NAME = Pattern.compile("(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\\.[A-Za-z0-9_][A-Za-z0-9_-]{0,62})*");
    private static final int MAX_SHOWN = 60;

    private final JsonNode node;
    private final String path;

    private LabJson(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The document's root, which must be an object. */
    public static LabJson root(JsonNode root) {
        LabJson r = new LabJson(root, "$");
        if (root == null || !root.isObject()) throw r.refused("an object", root);
        return r;
    }

    public String path() {
        return path;
    }

    public JsonNode node() {
        return node;
    }

    public boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    public LabJson object(String field) {
        JsonNode v = required(field);
        if (!v.isObject()) throw at(field).refused("an object", v);
        return at(field);
    }

    /** The fields of an object, each with its path. */
    public Map<String, LabJson> fields() {
        Map<String, LabJson> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            out.put(e.getKey(), new LabJson(e.getValue(), path + "['" + e.getKey() + "']"));
        }
        return out;
    }

    public List<LabJson> array(String field) {
        JsonNode v = required(field);
        if (!v.isArray()) throw at(field).refused("an array", v);
        List<LabJson> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) out.add(new LabJson(v.get(i), path + "." + field + "[" + i + "]"));
        return out;
    }

    /** Each element of an array must be an object. */
    public List<LabJson> objects(String field) {
        List<LabJson> out = array(field);
        for (LabJson o : out) if (!o.node.isObject()) throw o.refused("an object", o.node);
        return out;
    }

    /** An optional array of objects: empty when absent or null. */
    public List<LabJson> objectsIfPresent(String field) {
        return has(field) ? objects(field) : List.of();
    }

    /** An optional array whose every element is a string: empty when absent or null. */
    public List<String> stringArray(String field) {
        List<String> out = new ArrayList<>();
        if (!has(field)) return out;
        for (LabJson e : array(field)) {
            if (!e.node.isTextual()) throw e.refused("a string", e.node);
            out.add(e.node.textValue());
        }
        return out;
    }

    public String string(String field) {
        JsonNode v = required(field);
        if (!v.isTextual()) throw at(field).refused("a string", v);
        return v.textValue();
    }

    /** An optional string: {@code fallback} when absent or null. */
    public String string(String field, String fallback) {
        return has(field) ? string(field) : fallback;
    }

    /** A string of the given form ({@code what} names it for the message). */
    public String string(String field, Pattern form, String what) {
        String s = string(field);
        if (!form.matcher(s).matches()) throw at(field).refused(what, node.get(field));
        return s;
    }

    public long integer(String field, long min, long max) {
        JsonNode v = required(field);
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max)
            throw at(field).refused("an integer from " + min + " to " + max, v);
        return v.longValue();
    }

    public long integer(String field, long min, long max, long fallback) {
        return has(field) ? integer(field, min, max) : fallback;
    }

    public double number(String field, double min, double max) {
        JsonNode v = required(field);
        if (!v.isNumber() || !(v.doubleValue() >= min && v.doubleValue() <= max))
            throw at(field).refused("a number from " + min + " to " + max, v);
        return v.doubleValue();
    }

    public boolean bool(String field, boolean fallback) {
        if (!has(field)) return fallback;
        JsonNode v = node.get(field);
        if (!v.isBoolean()) throw at(field).refused("true or false", v);
        return v.booleanValue();
    }

    public Instant instant(String field) {
        String s = string(field);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw at(field).refused("a timestamp such as 2024-01-01T00:00:00Z", node.get(field));
        }
    }

    public Instant instant(String field, Instant fallback) {
        return has(field) ? instant(field) : fallback;
    }

    public Duration duration(String field) {
        String s = string(field);
        try {
            Duration d = Duration.parse(s);
            if (d.isNegative()) throw at(field).refused("a duration that is not negative", node.get(field));
            return d;
        } catch (DateTimeParseException e) {
            throw at(field).refused("a duration such as PT1M30S", node.get(field));
        }
    }

    public <E extends Enum<E>> E constant(String field, Class<E> type) {
        String s = string(field);
        try {
            return Enum.valueOf(type, s);
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E c : type.getEnumConstants()) names.add(c.name());
            throw at(field).refused("one of " + String.join(", ", names), node.get(field));
        }
    }

    /** An object whose every value is a string. */
    public Map<String, String> strings(String field) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!has(field)) return out;
        for (Map.Entry<String, LabJson> e : object(field).fields().entrySet()) {
            if (!e.getValue().node.isTextual()) throw e.getValue().refused("a string", e.getValue().node);
            out.put(e.getKey(), e.getValue().node.textValue());
        }
        return out;
    }

    /** An error at this node's field: "$.hosts[0].name: duplicate host name HV01". */
    public IllegalArgumentException invalid(String field, String why) {
        return new IllegalArgumentException(at(field).path + ": " + why);
    }

    private JsonNode required(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) throw new IllegalArgumentException(at(field).path + ": missing");
        return v;
    }

    private LabJson at(String field) {
        return new LabJson(node.get(field), path + "." + field);
    }

    private IllegalArgumentException refused(String expected, JsonNode found) {
        return new IllegalArgumentException(path + ": expected " + expected + ", found " + describe(found));
    }

    private static String describe(JsonNode found) {
        if (found == null || found.isMissingNode()) return "nothing";
        String kind = found.isTextual() ? "" : found.getNodeType().name().toLowerCase(Locale.ROOT) + " ";
        String text = found.isContainerNode() ? (found.isArray() ? "[...]" : "{...}") : found.toString();
        if (text.length() > MAX_SHOWN) text = text.substring(0, MAX_SHOWN) + "...";
        return kind + io.hyperv4j.spi.Redaction.printable(text);
    }
}
