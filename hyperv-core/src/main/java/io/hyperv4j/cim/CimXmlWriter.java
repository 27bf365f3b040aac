package io.hyperv4j.cim;

import java.util.Map;

/** Writes CIM-XML DTD 2.0 INSTANCE text, compact, in the shape {@code GetText(1)} produces. */
final class CimXmlWriter {
    private final StringBuilder out = new StringBuilder(256);

    static String write(CimInstance instance) {
        CimXmlWriter w = new CimXmlWriter();
        w.instance(instance);
        return w.out.toString();
    }

    private void instance(CimInstance instance) {
        out.append("<INSTANCE CLASSNAME=\"");
        attr(instance.className(), "class name");
        out.append("\">");
        for (Map.Entry<String, CimValue> e : instance.properties().entrySet()) property(e.getKey(), e.getValue());
        out.append("</INSTANCE>");
    }

    private void property(String name, CimValue v) {
        CimType type = v.type();
        if (type == CimType.REFERENCE) {
            String element = v.array() ? "PROPERTY.REFARRAY" : "PROPERTY.REFERENCE";
            open(element, name, null, false);
            if (!v.isNull()) {
                if (v.array()) {
                    out.append("<VALUE.REFARRAY>");
                    for (Object p : v.asList()) valueReference((ObjectPath) p);
                    out.append("</VALUE.REFARRAY>");
                } else {
                    valueReference(v.asPath());
                }
            }
            out.append("</").append(element).append('>');
            return;
        }
        boolean embedded = type == CimType.OBJECT;
        String typeName = embedded ? CimType.STRING.cimName() : type.cimName();
        String element = v.array() ? "PROPERTY.ARRAY" : "PROPERTY";
        open(element, name, typeName, embedded);
        if (!v.isNull()) {
            if (v.array()) {
                out.append("<VALUE.ARRAY>");
                for (Object e : v.asList()) value(type, e, name);
                out.append("</VALUE.ARRAY>");
            } else {
                value(type, v.value(), name);
            }
        }
        out.append("</").append(element).append('>');
    }

    private void open(String element, String name, String typeName, boolean embedded) {
        out.append('<').append(element).append(" NAME=\"");
        attr(name, "property name");
        out.append('"');
        if (typeName != null) out.append(" TYPE=\"").append(typeName).append('"');
        if (embedded) out.append(" EMBEDDEDOBJECT=\"instance\"");
        out.append('>');
    }

    private void value(CimType type, Object element, String property) {
        String text = type == CimType.OBJECT ? write((CimInstance) element) : CimValue.elementText(type, element);
        out.append("<VALUE>");
        text(text, "value of property " + property);
        out.append("</VALUE>");
    }

    /** DTD 2.0 VALUE.REFERENCE: INSTANCEPATH, LOCALINSTANCEPATH or INSTANCENAME by what the path names. */
    private void valueReference(ObjectPath p) {
        out.append("<VALUE.REFERENCE>");
        if (p.namespace() != null && p.server() != null) {
            out.append("<INSTANCEPATH><NAMESPACEPATH><HOST>");
            text(p.server(), "host");
            out.append("</HOST>");
            localNamespacePath(p.namespace());
            out.append("</NAMESPACEPATH>");
            instanceName(p);
            out.append("</INSTANCEPATH>");
        } else if (p.namespace() != null) {
            out.append("<LOCALINSTANCEPATH>");
            localNamespacePath(p.namespace());
            instanceName(p);
            out.append("</LOCALINSTANCEPATH>");
        } else {
            instanceName(p);
        }
        out.append("</VALUE.REFERENCE>");
    }

    private void localNamespacePath(String namespace) {
        out.append("<LOCALNAMESPACEPATH>");
        for (String part : namespace.split("[\\\\/]")) {
            out.append("<NAMESPACE NAME=\"");
            attr(part, "namespace");
            out.append("\"/>");
        }
        out.append("</LOCALNAMESPACEPATH>");
    }

    private void instanceName(ObjectPath p) {
        out.append("<INSTANCENAME CLASSNAME=\"");
        attr(p.className(), "class name");
        out.append("\">");
        for (Map.Entry<String, Object> k : p.keys().entrySet()) {
            out.append("<KEYBINDING NAME=\"");
            attr(k.getKey(), "key name");
            out.append("\">");
            Object v = k.getValue();
            if (v instanceof ObjectPath ref) {
                valueReference(ref);
            } else {
                String valueType = v instanceof Long ? "numeric" : v instanceof Boolean ? "boolean" : "string";
                out.append("<KEYVALUE VALUETYPE=\"").append(valueType).append("\">");
                text(v instanceof Boolean b ? (b ? "TRUE" : "FALSE") : v.toString(), "key " + k.getKey());
                out.append("</KEYVALUE>");
            }
            out.append("</KEYBINDING>");
        }
        out.append("</INSTANCENAME>");
    }

    private void attr(String s, String what) {
        escape(s, true, what);
    }

    private void text(String s, String what) {
        escape(s, false, what);
    }

    private void escape(String s, boolean attribute, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\r' -> out.append("&#13;");
                case '\t', '\n' -> {
                    if (attribute) out.append("&#").append((int) c).append(';');
                    else out.append(c);
                }
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                        throw new CimException(CimError.TYPE_MISMATCH, String.format(
                                "%s: character U+%04X at index %d cannot be written in CIM-XML", what, (int) c, i));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
