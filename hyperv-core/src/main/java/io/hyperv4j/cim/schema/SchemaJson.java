package io.hyperv4j.cim.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimType;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one schema data file. The format is written by hand from Microsoft's class pages, so the
 * reader is strict: unknown fields, unknown types, duplicate names and malformed value maps are
 * refused with a message naming the class and member at fault. The file is read as a tree and
 * walked here rather than bound to the records by reflection: a command that needs a namespace's
 * schema pays a third of the CPU time for it (binding introspects every record on first use).
 */
final class SchemaJson {
    private SchemaJson() {}

    /**
     * The contents of one file: its namespace, its classes, class names it may mention without defining,
     * and the files holding more classes of the same namespace (one per area, so areas grow apart).
     */
    record Document(String namespace, List<CimClass> classes, Set<String> external, List<String> includes) {}

    record FileJson(String namespace, String description, List<ExternalJson> external, List<String> includes,
                    List<ClassJson> classes) {}

    record ExternalJson(String name, String note) {}

    record ClassJson(String name, String superclass, boolean isAbstract,
                     boolean association, boolean event, String description, String source, String notes,
                     List<PropertyJson> properties, List<MethodJson> methods) {}

    record PropertyJson(String name, String type, boolean key, Map<String, String> values,
                        String embeddedInstance, String refClass, String description, String notes) {}

    record MethodJson(String name, String returns, boolean isStatic,
                      List<ParamJson> params, Map<String, String> returnValues, String description,
                      String source, String notes) {}

    record ParamJson(String name, String type, String direction, Map<String, String> values,
                     String embeddedInstance, String refClass, String description, String notes) {}

    /**
     * A file's contents with its classes known by name and superclass only, each read whole (and
     * checked) on first use: a command touches a few of a namespace's hundreds of classes, and
     * skipping over the rest costs a fraction of building them.
     */
    record Outline(String namespace, List<LazyClass> classes, Set<String> external, List<String> includes) {}

    /** One class of a schema: its name and superclass at once, the rest when first asked for. */
    static final class LazyClass {
        final String name;
        final String superclass;
        private final byte[] bytes;
        private final int start;
        private final int end;
        private final String origin;
        private volatile CimClass cls;

        private LazyClass(String name, String superclass, byte[] bytes, int start, int end, String origin, CimClass cls) {
            this.name = name;
            this.superclass = superclass;
            this.bytes = bytes;
            this.start = start;
            this.end = end;
            this.origin = origin;
            this.cls = cls;
        }

        /** A class already built (in code, or by a test). */
        static LazyClass of(CimClass c) {
            return new LazyClass(c.name(), c.superclass(), null, 0, 0, null, c);
        }

        /**
         * The whole class, read from its part of the file the first time (the same checks as a
         * whole-file read). One thread builds it; another asking meanwhile waits rather than
         * building it again.
         */
        CimClass get() {
            CimClass c = cls;
            if (c != null) return c;
            synchronized (this) {
                c = cls;
                if (c != null) return c;
                JsonNode node;
                try {
                    node = io.hyperv4j.internal.JsonTrees.read(bytes, start, end - start);
                } catch (IOException e) {
                    throw new CimException(CimError.INVALID_CLASS, "schema file " + origin + " is malformed: " + e.getMessage(), e);
                }
                c = toClass(classJson(new Fields(node, origin, ": ", "", CLASS_FIELDS)), origin);
                cls = c;
                return c;
            }
        }
    }

    /** Reads a whole file, every class built and checked. */
    static Document read(InputStream in, String origin) {
        Outline o = outline(readAll(in, origin), origin);
        List<CimClass> classes = new ArrayList<>();
        for (LazyClass c : o.classes()) classes.add(c.get());
        return new Document(o.namespace(), classes, o.external(), o.includes());
    }

    static byte[] readAll(InputStream in, String origin) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new CimException(CimError.INVALID_CLASS, "schema file " + origin + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a file's namespace, externals and includes, and of each class its name, superclass and
     * where its object lies; refuses what a whole read refuses at file level (unknown fields, no
     * classes, a class without a name, a class defined twice).
     */
    static Outline outline(byte[] bytes, String origin) {
        com.fasterxml.jackson.databind.node.ObjectNode rest = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        List<LazyClass> classes = null;
        try (JsonParser p = io.hyperv4j.internal.JsonTrees.parser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw bad(origin, "is not a JSON object");
            for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
                JsonToken t = p.nextToken();
                if (field.equals("classes") && t == JsonToken.START_ARRAY) classes = outlineClasses(p, bytes, origin);
                else rest.set(field, io.hyperv4j.internal.JsonTrees.value(p));
            }
            if (p.nextToken() != null) throw bad(origin, "has text after its JSON object");
        } catch (IOException e) {
            throw new CimException(CimError.INVALID_CLASS, "schema file " + origin + " is malformed: " + e.getMessage(), e);
        }
        FileJson file = fileJson(new Fields(rest, origin, "", "", FILE_FIELDS));
        if (classes == null) throw bad(origin, "has no \"classes\"");
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (LazyClass c : classes)
            if (!names.add(c.name)) throw bad(origin, "defines class " + c.name + " twice");
        Set<String> external = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        if (file.external() != null) file.external().forEach(e -> external.add(e.name()));
        return new Outline(file.namespace(), classes, external, file.includes());
    }

    /** The classes array, the parser on its START_ARRAY: name and superclass of each, the rest skipped over. */
    private static List<LazyClass> outlineClasses(JsonParser p, byte[] bytes, String origin) throws IOException {
        List<LazyClass> out = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.START_OBJECT) throw bad(origin, "is not a JSON object");
            int start = (int) p.currentTokenLocation().getByteOffset();
            String name = null;
            String superclass = null;
            for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
                JsonToken v = p.nextToken();
                if (field.equals("name") && v == JsonToken.VALUE_STRING) name = p.getText();
                else if (field.equals("superclass") && v == JsonToken.VALUE_STRING) superclass = p.getText();
                else p.skipChildren();
            }
            if (name == null || name.isBlank()) throw bad(origin, "has a class without a name");
            out.add(new LazyClass(name, superclass, bytes, start, (int) p.currentLocation().getByteOffset(), origin, null));
        }
        return out;
    }

    private static final Set<String> FILE_FIELDS = Set.of("namespace", "description", "external", "includes", "classes");
    private static final Set<String> INCLUDE_FIELDS = Set.of("file", "note");
    private static final Set<String> EXTERNAL_FIELDS = Set.of("name", "note");
    private static final Set<String> CLASS_FIELDS = Set.of("name", "superclass", "abstract", "association", "event",
            "description", "source", "notes", "properties", "methods");
    private static final Set<String> PROPERTY_FIELDS = Set.of("name", "type", "key", "values", "embeddedInstance",
            "refClass", "description", "notes");
    private static final Set<String> METHOD_FIELDS = Set.of("name", "returns", "static", "params", "returnValues",
            "description", "source", "notes");
    private static final Set<String> PARAM_FIELDS = Set.of("name", "type", "direction", "values", "embeddedInstance",
            "refClass", "description", "notes");

    private static FileJson fileJson(Fields f) {
        List<ExternalJson> external = null;
        if (f.has("external")) {
            external = new ArrayList<>();
            for (Fields e : f.objects("external", " external ", "", EXTERNAL_FIELDS)) external.add(new ExternalJson(e.text("name"), e.text("note")));
        }
        List<String> includes = new ArrayList<>();
        if (f.has("includes"))
            for (Fields i : f.objects("includes", " include ", "", INCLUDE_FIELDS)) includes.add(i.text("file"));
        List<ClassJson> classes = null;
        if (f.has("classes")) {
            classes = new ArrayList<>();
            for (Fields c : f.objects("classes", ": ", "", CLASS_FIELDS)) classes.add(classJson(c));
        }
        return new FileJson(f.text("namespace"), f.text("description"), external, includes, classes);
    }

    private static ClassJson classJson(Fields c) {
        List<PropertyJson> props = new ArrayList<>();
        for (Fields p : c.objects("properties", ".", "", PROPERTY_FIELDS)) {
            props.add(new PropertyJson(p.text("name"), p.text("type"), p.flag("key"), p.labels("values"),
                    p.text("embeddedInstance"), p.text("refClass"), p.text("description"), p.text("notes")));
        }
        List<MethodJson> methods = new ArrayList<>();
        for (Fields m : c.objects("methods", ".", "", METHOD_FIELDS)) {
            List<ParamJson> params = new ArrayList<>();
            for (Fields p : m.objects("params", "(", ")", PARAM_FIELDS)) {
                params.add(new ParamJson(p.text("name"), p.text("type"), p.text("direction"), p.labels("values"),
                        p.text("embeddedInstance"), p.text("refClass"), p.text("description"), p.text("notes")));
            }
            methods.add(new MethodJson(m.text("name"), m.text("returns"), m.flag("static"), params,
                    m.labels("returnValues"), m.text("description"), m.text("source"), m.text("notes")));
        }
        return new ClassJson(c.text("name"), c.text("superclass"), c.flag("abstract"), c.flag("association"),
                c.flag("event"), c.text("description"), c.text("source"), c.text("notes"), props, methods);
    }

    /** One JSON object of the file, its fields checked against those its kind allows. */
    private static final class Fields {
        private final JsonNode node;
        private final String where;

        /** {@code where} names the object in messages; its {@code "name"}, if any, goes between before and after. */
        Fields(JsonNode node, String where, String before, String after, Set<String> allowed) {
            if (node == null || !node.isObject()) throw bad(where, "is not a JSON object");
            this.node = node;
            this.where = node.path("name").isTextual() ? where + before + node.get("name").asText() + after : where;
            node.fieldNames().forEachRemaining(f -> {
                if (!allowed.contains(f)) throw bad(this.where, "has unknown field \"" + f + "\"");
            });
        }

        boolean has(String field) {
            return node.hasNonNull(field);
        }

        String text(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) return null;
            if (!v.isTextual()) throw bad(where, "has \"" + field + "\" that is not a string");
            return v.asText();
        }

        boolean flag(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) return false;
            if (!v.isBoolean()) throw bad(where, "has \"" + field + "\" that is not true or false");
            return v.booleanValue();
        }

        List<Fields> objects(String field, String before, String after, Set<String> allowed) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) return List.of();
            if (!v.isArray()) throw bad(where, "has \"" + field + "\" that is not a list");
            List<Fields> out = new ArrayList<>();
            for (JsonNode e : v) out.add(new Fields(e, where, before, after, allowed));
            return out;
        }

        /** A value map: an object whose values are labels. */
        Map<String, String> labels(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) return null;
            if (!v.isObject()) throw bad(where, "has \"" + field + "\" that is not an object");
            Map<String, String> out = new LinkedHashMap<>();
            v.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
            return out;
        }
    }

    private static CimClass toClass(ClassJson c, String origin) {
        if (c.name() == null || c.name().isBlank()) throw bad(origin, "has a class without a name");
        String where = origin + ": " + c.name();
        List<CimPropertyDef> props = new ArrayList<>();
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (PropertyJson p : nonNull(c.properties())) {
            if (p.name() == null) throw bad(where, "has a property without a name");
            if (!seen.add(p.name())) throw bad(where, "declares property " + p.name() + " twice");
            Type t = Type.parse(p.type(), where + "." + p.name());
            checkRefClass(t, p.refClass(), where + "." + p.name());
            props.add(new CimPropertyDef(p.name(), t.type, t.array, p.key(),
                    valueMap(p.values(), t.type, where + "." + p.name()), p.embeddedInstance(), p.refClass(),
                    p.description()));
        }
        List<CimMethodDef> methods = new ArrayList<>();
        seen.clear();
        for (MethodJson m : nonNull(c.methods())) {
            if (m.name() == null) throw bad(where, "has a method without a name");
            if (!seen.add(m.name())) throw bad(where, "declares method " + m.name() + " twice");
            methods.add(toMethod(m, where + "." + m.name()));
        }
        return new CimClass(c.name(), c.superclass(), c.isAbstract(), c.association(), c.event(), props, methods,
                c.description(), c.source(), c.notes());
    }

    private static CimMethodDef toMethod(MethodJson m, String where) {
        if (m.returns() == null) throw bad(where, "has no \"returns\" (use \"void\" when the page documents none)");
        CimType ret = null;
        if (!m.returns().equals("void")) {
            Type t = Type.parse(m.returns(), where + " return type");
            if (t.array) throw bad(where, "returns an array, which CIM does not allow");
            ret = t.type;
        }
        List<CimParameterDef> params = new ArrayList<>();
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (ParamJson p : nonNull(m.params())) {
            String pw = where + "(" + p.name() + ")";
            if (p.name() == null) throw bad(where, "has a parameter without a name");
            if (!seen.add(p.name())) throw bad(where, "declares parameter " + p.name() + " twice");
            if (p.name().equalsIgnoreCase("ReturnValue")) throw bad(pw, "ReturnValue is reserved");
            Type t = Type.parse(p.type(), pw);
            checkRefClass(t, p.refClass(), pw);
            String dir = p.direction() == null ? "in" : p.direction().replace(" ", "").toLowerCase(Locale.ROOT);
            boolean in = dir.equals("in") || dir.equals("in,out");
            boolean out = dir.equals("out") || dir.equals("in,out");
            if (!in && !out) throw bad(pw, "has direction '" + p.direction() + "' (use in, out or \"in, out\")");
            params.add(new CimParameterDef(p.name(), t.type, t.array, in, out, valueMap(p.values(), t.type, pw),
                    p.embeddedInstance(), p.refClass(), p.description()));
        }
        ValueMap rv = valueMap(m.returnValues(), ret == null ? CimType.UINT32 : ret, where + " return value");
        if (ret == null && !rv.isEmpty()) throw bad(where, "is void but lists return values");
        return new CimMethodDef(m.name(), ret, params, rv, m.isStatic(), m.description());
    }

    private static void checkRefClass(Type t, String refClass, String where) {
        if (refClass != null && t.type != CimType.REFERENCE) throw bad(where, "has refClass but type " + t.type.cimName());
    }

    /** Keys are integers ("4096", "-1", "0x1000") or inclusive ranges ("32768..65535"). */
    static ValueMap valueMap(Map<String, String> raw, CimType type, String where) {
        if (raw == null || raw.isEmpty()) return ValueMap.EMPTY;
        if (!type.isInteger()) throw bad(where, "has a value map but type " + type.cimName());
        Map<Long, String> values = new HashMap<>();
        List<ValueRange> ranges = new ArrayList<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String k = e.getKey().trim();
            String label = e.getValue();
            if (label == null || label.isBlank()) throw bad(where, "value " + k + " has no label");
            int dots = k.indexOf("..");
            if (dots >= 0) {
                long from = number(k.substring(0, dots), type, where);
                long to = number(k.substring(dots + 2), type, where);
                if (type.isSigned() ? from > to : Long.compareUnsigned(from, to) > 0)
                    throw bad(where, "value range " + k + " is empty");
                ranges.add(new ValueRange(from, to, label));
            } else {
                long v = number(k, type, where);
                if (values.put(v, label) != null) throw bad(where, "lists value " + k + " twice");
            }
        }
        return new ValueMap(values, ranges);
    }

    private static long number(String s, CimType type, String where) {
        String t = s.trim();
        long v;
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) v = Long.parseUnsignedLong(t.substring(2), 16);
            else if (type == CimType.UINT64) v = Long.parseUnsignedLong(t);
            else v = Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw bad(where, "has value-map key '" + s + "', which is not an integer");
        }
        // MSCluster documents some uint32 states as -1 (0xFFFFFFFF): keep the bit pattern.
        if (v < 0 && !type.isSigned() && type != CimType.UINT64) v &= mask(type);
        if (!type.fits(v)) throw bad(where, "has value-map key " + s + " outside " + type.cimName());
        return v;
    }

    private static long mask(CimType type) {
        return switch (type) {
            case UINT8 -> 0xFFL;
            case UINT16 -> 0xFFFFL;
            default -> 0xFFFFFFFFL;
        };
    }

    private static <T> List<T> nonNull(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static CimException bad(String where, String what) {
        return new CimException(CimError.INVALID_CLASS, "schema " + where + " " + what);
    }

    private record Type(CimType type, boolean array) {
        static Type parse(String text, String where) {
            if (text == null) throw bad(where, "has no type");
            String t = text.trim();
            boolean array = t.endsWith("[]");
            if (array) t = t.substring(0, t.length() - 2).trim();
            try {
                return new Type(CimType.fromCimName(t), array);
            } catch (CimException e) {
                throw bad(where, "has unknown type '" + text + "'");
            }
        }
    }
}
