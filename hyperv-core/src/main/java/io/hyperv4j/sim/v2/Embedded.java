package io.hyperv4j.sim.v2;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.CimXml;
import io.hyperv4j.cim.ObjectPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads method parameters and the embedded instances clients send as CIM-XML text (os-win's
 * {@code GetText_(1)}), tolerating values typed by the schema or still in their text form.
 */
final class Embedded {
    private Embedded() {}

    /** Case-insensitive view of the in-parameters. */
    static Map<String, CimValue> params(Map<String, CimValue> in) {
        TreeMap<String, CimValue> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (in != null) m.putAll(in);
        return m;
    }

    static boolean isNull(CimValue v) {
        return v == null || v.isNull();
    }

    /** The embedded instance in a string (CIM-XML) or object parameter; null when the parameter is null or empty. */
    static CimInstance instance(CimValue v) {
        if (isNull(v)) return null;
        if (v.type() == CimType.OBJECT) return v.asInstance();
        String text = v.asString();
        return text.isBlank() ? null : CimXml.readInstance(text);
    }

    /** The embedded instances of an array parameter (strings or objects). */
    static List<CimInstance> instances(CimValue v) {
        List<CimInstance> out = new ArrayList<>();
        if (isNull(v)) return out;
        if (!v.array()) {
            CimInstance one = instance(v);
            if (one != null) out.add(one);
            return out;
        }
        for (Object e : v.asList()) {
            CimInstance i = e instanceof CimInstance ci ? ci : CimXml.readInstance((String) e);
            out.add(i);
        }
        return out;
    }

    static List<ObjectPath> refs(CimValue v) {
        List<ObjectPath> out = new ArrayList<>();
        if (isNull(v)) return out;
        if (!v.array()) {
            out.add(ref(v));
            return out;
        }
        for (Object e : v.asList()) out.add(e instanceof ObjectPath p ? p : ObjectPath.parse(e.toString()));
        return out;
    }

    static ObjectPath ref(CimValue v) {
        if (isNull(v)) return null;
        return v.type() == CimType.REFERENCE ? v.asPath() : ObjectPath.parse(v.asString());
    }

    static String string(CimInstance i, String prop) {
        CimValue v = i.get(prop);
        if (isNull(v)) return null;
        if (v.array()) return v.asList().isEmpty() ? "" : String.valueOf(v.asList().get(0));
        return v.asString();
    }

    /** A property's string elements (a string[] property, or one string). */
    static List<String> strings(CimInstance i, String prop) {
        CimValue v = i.get(prop);
        List<String> out = new ArrayList<>();
        if (isNull(v)) return out;
        if (v.array()) v.asList().forEach(e -> out.add(String.valueOf(e)));
        else out.add(v.asString());
        return out;
    }

    /** An integer property, typed or text; null when absent or null. */
    static Long integer(CimInstance i, String prop) {
        CimValue v = i.get(prop);
        if (isNull(v)) return null;
        if (v.type().isInteger() && !v.array()) return v.asLong();
        String s = v.asString().trim();
        try {
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(i.className() + "." + prop + " is not an integer: '" + s + "'");
        }
    }

    static Boolean bool(CimInstance i, String prop) {
        CimValue v = i.get(prop);
        if (isNull(v)) return null;
        if (v.type() == CimType.BOOLEAN) return v.asBoolean();
        String s = v.asString().trim();
        if (s.equalsIgnoreCase("true")) return true;
        if (s.equalsIgnoreCase("false")) return false;
        throw new IllegalArgumentException(i.className() + "." + prop + " is not a boolean: '" + s + "'");
    }

    static long paramLong(Map<String, CimValue> p, String name, long dflt) {
        CimValue v = p.get(name);
        if (isNull(v)) return dflt;
        return v.type().isInteger() ? v.asLong() : Long.parseLong(v.asString().trim());
    }

    static boolean paramBool(Map<String, CimValue> p, String name, boolean dflt) {
        CimValue v = p.get(name);
        if (isNull(v)) return dflt;
        return v.type() == CimType.BOOLEAN ? v.asBoolean() : Boolean.parseBoolean(v.asString().trim());
    }

    static CimValue objects(List<CimInstance> list) {
        return CimValue.array(CimType.OBJECT, list);
    }
}
