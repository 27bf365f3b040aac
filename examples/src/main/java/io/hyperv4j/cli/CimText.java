package io.hyperv4j.cli;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** CIM values as readable text: one {@code Name : value} line per property, like Format-List. */
public final class CimText {
    private CimText() {}

    public static String instance(CimInstance i) {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("__CLASS", i.className());
        lines.put("__PATH", i.path() == null ? "" : i.path().toString());
        i.properties().forEach((name, v) -> lines.put(name, value(v)));
        return list(lines);
    }

    public static String instances(List<CimInstance> list) {
        StringJoiner j = new StringJoiner("\n");
        list.forEach(i -> j.add(instance(i)));
        return j.toString();
    }

    public static String methodResult(MethodResult r) {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("ReturnValue", Long.toString(r.returnValue()));
        r.out().forEach((name, v) -> {
            if (!name.equalsIgnoreCase("ReturnValue")) lines.put(name, value(v));
        });
        return list(lines);
    }

    /** Aligned {@code name : value} lines, each ending in a newline. */
    public static String list(Map<String, String> lines) {
        int width = lines.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder b = new StringBuilder();
        lines.forEach((k, v) -> b.append(k).append(" ".repeat(width - k.length())).append(" : ").append(v).append('\n'));
        return b.toString();
    }

    public static String value(CimValue v) {
        if (v == null || v.isNull()) return "";
        if (!v.array()) return element(v, v.value());
        StringJoiner j = new StringJoiner(", ", "{", "}");
        for (Object e : v.asList()) j.add(element(v, e));
        return j.toString();
    }

    private static String element(CimValue v, Object e) {
        if (e instanceof CimInstance embedded) {
            StringJoiner j = new StringJoiner("; ", embedded.className() + " {", "}");
            embedded.properties().forEach((name, p) -> {
                if (!p.isNull()) j.add(name + " = " + value(p));
            });
            return j.toString();
        }
        return CimValue.elementText(v.type(), e);
    }
}
