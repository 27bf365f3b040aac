package io.hyperv4j.cim;

/** Text form of {@link ObjectPath}: parse and format with WMI's quoting and escaping. */
final class ObjectPathParser {
    private ObjectPathParser() {}

    static ObjectPath parse(String text) {
        throw new UnsupportedOperationException("object path parsing: to be implemented");
    }

    static String format(ObjectPath p) {
        StringBuilder b = new StringBuilder();
        if (p.server() != null) b.append("\\\\").append(p.server()).append('\\');
        if (p.namespace() != null) b.append(p.namespace()).append(':');
        b.append(p.className());
        String sep = ".";
        for (var e : p.keys().entrySet()) {
            b.append(sep).append(e.getKey()).append('=');
            Object v = e.getValue();
            if (v instanceof String || v instanceof ObjectPath)
                b.append('"').append(v.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            else b.append(v);
            sep = ",";
        }
        return b.toString();
    }
}
