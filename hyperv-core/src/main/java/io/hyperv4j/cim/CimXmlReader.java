package io.hyperv4j.cim;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads CIM-XML INSTANCE text: DMTF DTD 2.0 and WMI's DTD 2.0 variant. Secure by construction:
 * a DOCTYPE or an entity reference other than the five predefined ones is refused, so no external
 * entity is fetched and no entity is expanded. Errors name line, column and element.
 */
final class CimXmlReader {
    private static final int MAX_ELEMENT_DEPTH = 64;
    /** Embedded instances inside embedded instances, each level escaped once more. */
    private static final int MAX_EMBEDDING = 16;
    /** Factories are not specified as thread-safe; one per thread, configured once. */
    private static final ThreadLocal<XMLInputFactory> FACTORY = ThreadLocal.withInitial(CimXmlReader::secureFactory);

    private final int embedding;

    private CimXmlReader(int embedding) {
        this.embedding = embedding;
    }

    static CimInstance read(String xml) {
        return new CimXmlReader(0).readText(xml);
    }

    /** An element with its attributes, child elements and own character data; where it started. */
    private record Node(String name, Map<String, String> attrs, List<Node> children, StringBuilder text, int line, int column) {
        String attr(String n) {
            for (Map.Entry<String, String> e : attrs.entrySet()) if (e.getKey().equalsIgnoreCase(n)) return e.getValue();
            return null;
        }

        Node child(String n) {
            for (Node c : children) if (c.name.equalsIgnoreCase(n)) return c;
            return null;
        }

        boolean is(String n) {
            return name.equalsIgnoreCase(n);
        }

        String where() {
            String nameAttr = attr("NAME") != null ? attr("NAME") : attr("CLASSNAME");
            return "line " + line + " column " + column + ", element " + name
                    + (nameAttr == null ? "" : " '" + CimValue.abbreviate(nameAttr) + "'");
        }
    }

    private CimInstance readText(String xml) {
        if (xml == null) throw new CimException(CimError.INVALID_OBJECT, "CIM-XML text is null");
        Node root = tree(xml);
        return top(root);
    }

    private CimInstance top(Node n) {
        if (n.is("INSTANCE")) return instance(n, null);
        if (n.is("VALUE.OBJECT") || n.is("VALUE")) return top(onlyChild(n, "an INSTANCE"));
        if (n.is("VALUE.NAMEDINSTANCE") || n.is("VALUE.INSTANCEWITHPATH") || n.is("VALUE.OBJECTWITHPATH") || n.is("VALUE.OBJECTWITHLOCALPATH")) {
            ObjectPath path = null;
            Node inst = null;
            for (Node c : n.children) {
                if (c.is("INSTANCE")) inst = c;
                else path = referenceTarget(c);
            }
            if (inst == null) throw error(n, "expected an INSTANCE child");
            return instance(inst, path);
        }
        throw error(n, "expected INSTANCE, VALUE.OBJECT or VALUE.NAMEDINSTANCE");
    }

    private CimInstance instance(Node n, ObjectPath path) {
        String className = required(n, "CLASSNAME");
        CimInstance.Builder b = CimInstance.builder(className).path(path);
        java.util.Set<String> seen = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, CimValue> systemProperties = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Node p : n.children) {
            String name = p.is("QUALIFIER") ? null : required(p, "NAME");
            CimValue v;
            switch (p.name.toUpperCase(Locale.ROOT)) {
                case "QUALIFIER" -> { continue; }
                case "PROPERTY" -> v = scalar(p);
                case "PROPERTY.ARRAY" -> v = array(p);
                case "PROPERTY.REFERENCE" -> v = reference(p);
                case "PROPERTY.REFARRAY" -> v = referenceArray(p);
                case "PROPERTY.OBJECT" -> v = objectProperty(p);
                case "PROPERTY.OBJECTARRAY" -> v = objectArray(p);
                default -> throw error(p, "unexpected element in INSTANCE; expected QUALIFIER or a PROPERTY element");
            }
            if (!seen.add(name)) throw error(p, "property " + name + " appears twice");
            if (name.startsWith("__")) systemProperties.put(name, v);
            else b.put(name, v);
        }
        if (path == null) b.path(pathFrom(systemProperties));
        return b.build();
    }

    /**
     * WMI's text may carry system properties (__PATH, __RELPATH, __NAMESPACE, __SERVER, ...). They
     * are not class properties: the instance keeps them only as its path, when they name one.
     */
    private static ObjectPath pathFrom(Map<String, CimValue> system) {
        try {
            String full = text(system.get("__PATH"));
            if (full != null) return ObjectPath.parse(full);
            String rel = text(system.get("__RELPATH"));
            if (rel == null) return null;
            ObjectPath p = ObjectPath.parse(rel);
            String ns = text(system.get("__NAMESPACE"));
            return ns == null ? p : new ObjectPath(text(system.get("__SERVER")), ns, p.className(), p.keys());
        } catch (CimException notAPath) {
            return null;
        }
    }

    private static String text(CimValue v) {
        return v == null || v.isNull() || v.array() || v.type() != CimType.STRING ? null : v.asString();
    }

    private CimValue scalar(Node p) {
        Node valueObject = p.child("VALUE.OBJECT");
        CimType type = valueType(p);
        if (valueObject != null) return CimValue.object(top(valueObject));
        Node value = valueChild(p, "VALUE");
        if (value == null) return CimValue.nullOf(type);
        return CimValue.of(type, element(type, value));
    }

    private CimValue array(Node p) {
        CimType type = valueType(p);
        Node values = valueChild(p, "VALUE.ARRAY");
        if (values == null) return new CimValue(type, true, null);
        List<Object> list = new ArrayList<>();
        for (Node v : values.children) {
            if (v.is("VALUE")) list.add(element(type, v));
            else if (v.is("VALUE.NULL")) throw error(v, "null array elements are not supported");
            else if (v.is("VALUE.OBJECT") && type == CimType.OBJECT) list.add(top(v));
            else throw error(v, "expected VALUE in VALUE.ARRAY");
        }
        return CimValue.array(type, list);
    }

    private CimValue reference(Node p) {
        Node v = valueChild(p, "VALUE.REFERENCE", "VALUE");
        return v == null ? CimValue.nullOf(CimType.REFERENCE) : CimValue.ref(referenceValue(v));
    }

    private CimValue referenceArray(Node p) {
        Node values = valueChild(p, "VALUE.REFARRAY", "VALUE.ARRAY");
        if (values == null) return new CimValue(CimType.REFERENCE, true, null);
        List<Object> list = new ArrayList<>();
        for (Node v : values.children) {
            if (!v.is("VALUE.REFERENCE") && !v.is("VALUE")) throw error(v, "expected VALUE.REFERENCE in VALUE.REFARRAY");
            list.add(referenceValue(v));
        }
        return CimValue.array(CimType.REFERENCE, list);
    }

    private CimValue objectProperty(Node p) {
        Node v = valueChild(p, "VALUE.OBJECT", "VALUE");
        if (v == null) return CimValue.nullOf(CimType.OBJECT);
        return CimValue.object(v.is("VALUE") && v.children.isEmpty() ? embedded(v) : top(v));
    }

    private CimValue objectArray(Node p) {
        Node values = valueChild(p, "VALUE.OBJECTARRAY", "VALUE.ARRAY");
        if (values == null) return new CimValue(CimType.OBJECT, true, null);
        List<Object> list = new ArrayList<>();
        for (Node v : values.children) list.add(v.is("VALUE") && v.children.isEmpty() ? embedded(v) : top(v));
        return CimValue.array(CimType.OBJECT, list);
    }

    /** The property's type: TYPE (absent: string, for the schema layer to coerce), EMBEDDEDOBJECT makes it object. */
    private CimType valueType(Node p) {
        String embeddedObject = p.attr("EMBEDDEDOBJECT");
        if (embeddedObject != null) {
            if (!embeddedObject.equalsIgnoreCase("instance") && !embeddedObject.equalsIgnoreCase("object"))
                throw error(p, "EMBEDDEDOBJECT must be 'instance' or 'object', not '" + embeddedObject + "'");
            return CimType.OBJECT;
        }
        String t = p.attr("TYPE");
        if (t == null) return CimType.STRING;
        try {
            return CimType.fromCimName(t.trim());
        } catch (CimException e) {
            throw error(p, "unknown TYPE '" + t + "'");
        }
    }

    private Object element(CimType type, Node value) {
        if (!value.children.isEmpty()) {
            if (type == CimType.OBJECT && value.children.size() == 1) return top(value.children.get(0));
            throw error(value.children.get(0), "unexpected element inside VALUE");
        }
        if (type == CimType.OBJECT) return embedded(value);
        if (type == CimType.REFERENCE) return referenceValue(value);
        try {
            return CimValue.parseElement(type, value.text.toString());
        } catch (CimException e) {
            throw error(value, e.getMessage());
        }
    }

    /** An embedded instance carried as escaped XML text. */
    private CimInstance embedded(Node value) {
        if (embedding >= MAX_EMBEDDING) throw error(value, "embedded instances nest deeper than " + MAX_EMBEDDING + " levels");
        try {
            return new CimXmlReader(embedding + 1).readText(value.text.toString().strip());
        } catch (CimException e) {
            throw error(value, "in the embedded instance: " + e.getMessage());
        }
    }

    /** VALUE.REFERENCE (or VALUE) holding a path element, or plain object-path text. */
    private ObjectPath referenceValue(Node v) {
        if (v.children.isEmpty()) {
            String text = v.text.toString().strip();
            try {
                return ObjectPath.parse(text);
            } catch (CimException e) {
                throw error(v, e.getMessage());
            }
        }
        if (v.children.size() != 1) throw error(v, "expected one path element");
        return referenceTarget(v.children.get(0));
    }

    private ObjectPath referenceTarget(Node n) {
        switch (n.name.toUpperCase(Locale.ROOT)) {
            case "VALUE.REFERENCE": return referenceValue(n);
            case "INSTANCEPATH": {
                Node nsPath = requiredChild(n, "NAMESPACEPATH");
                Node host = requiredChild(nsPath, "HOST");
                String ns = localNamespace(requiredChild(nsPath, "LOCALNAMESPACEPATH"));
                ObjectPath p = instanceName(requiredChild(n, "INSTANCENAME"));
                return new ObjectPath(host.text.toString().strip(), ns, p.className(), p.keys());
            }
            case "LOCALINSTANCEPATH": {
                String ns = localNamespace(requiredChild(n, "LOCALNAMESPACEPATH"));
                ObjectPath p = instanceName(requiredChild(n, "INSTANCENAME"));
                return new ObjectPath(null, ns, p.className(), p.keys());
            }
            case "INSTANCENAME": return instanceName(n);
            case "CLASSPATH": {
                Node nsPath = requiredChild(n, "NAMESPACEPATH");
                String ns = localNamespace(requiredChild(nsPath, "LOCALNAMESPACEPATH"));
                String host = requiredChild(nsPath, "HOST").text.toString().strip();
                return new ObjectPath(host, ns, required(requiredChild(n, "CLASSNAME"), "NAME"), Map.of());
            }
            case "LOCALCLASSPATH": {
                String ns = localNamespace(requiredChild(n, "LOCALNAMESPACEPATH"));
                return new ObjectPath(null, ns, required(requiredChild(n, "CLASSNAME"), "NAME"), Map.of());
            }
            case "CLASSNAME": return new ObjectPath(null, null, required(n, "NAME"), Map.of());
            default: throw error(n, "expected INSTANCEPATH, LOCALINSTANCEPATH, INSTANCENAME or a class path");
        }
    }

    private String localNamespace(Node n) {
        StringBuilder ns = new StringBuilder();
        for (Node part : n.children) {
            if (!part.is("NAMESPACE")) throw error(part, "expected NAMESPACE in LOCALNAMESPACEPATH");
            if (ns.length() > 0) ns.append('\\');
            ns.append(required(part, "NAME"));
        }
        if (ns.length() == 0) throw error(n, "expected at least one NAMESPACE");
        return ns.toString();
    }

    private ObjectPath instanceName(Node n) {
        if (!n.is("INSTANCENAME")) throw error(n, "expected INSTANCENAME");
        String className = required(n, "CLASSNAME");
        Map<String, Object> keys = new LinkedHashMap<>();
        for (Node kb : n.children) {
            if (!kb.is("KEYBINDING")) throw error(kb, "expected KEYBINDING (unnamed keys are not supported)");
            String name = required(kb, "NAME");
            if (kb.children.size() != 1) throw error(kb, "expected one KEYVALUE or VALUE.REFERENCE");
            Node v = kb.children.get(0);
            if (v.is("VALUE.REFERENCE")) keys.put(name, referenceValue(v));
            else if (v.is("KEYVALUE")) keys.put(name, keyValue(v));
            else throw error(v, "expected KEYVALUE or VALUE.REFERENCE");
        }
        return new ObjectPath(null, null, className, keys);
    }

    private Object keyValue(Node v) {
        String type = v.attr("VALUETYPE");
        String text = v.text.toString();
        if (type == null || type.equalsIgnoreCase("string")) return text;
        if (type.equalsIgnoreCase("boolean")) {
            if (text.strip().equalsIgnoreCase("true")) return Boolean.TRUE;
            if (text.strip().equalsIgnoreCase("false")) return Boolean.FALSE;
            throw error(v, "expected TRUE or FALSE");
        }
        if (type.equalsIgnoreCase("numeric")) {
            try {
                return Long.parseLong(text.strip());
            } catch (NumberFormatException e) {
                throw error(v, "expected an integer key value, not '" + CimValue.abbreviate(text) + "'");
            }
        }
        throw error(v, "VALUETYPE must be string, boolean or numeric");
    }

    /** The single value-carrying child with one of the names, ignoring QUALIFIERs; null when absent. */
    private Node valueChild(Node p, String... names) {
        Node found = null;
        for (Node c : p.children) {
            if (c.is("QUALIFIER")) continue;
            boolean known = false;
            for (String n : names) known |= c.is(n);
            if (!known) throw error(c, "unexpected element in " + p.name + "; expected " + String.join(" or ", names));
            if (found != null) throw error(c, "more than one value in " + p.name);
            found = c;
        }
        return found;
    }

    private Node onlyChild(Node n, String what) {
        if (n.children.size() != 1) throw error(n, "expected " + what);
        return n.children.get(0);
    }

    private Node requiredChild(Node n, String name) {
        Node c = n.child(name);
        if (c == null) throw error(n, "expected a " + name + " child");
        return c;
    }

    private String required(Node n, String attr) {
        String v = n.attr(attr);
        if (v == null || v.isBlank()) throw error(n, "missing attribute " + attr);
        return v;
    }

    private static CimException error(Node n, String what) {
        return new CimException(CimError.INVALID_OBJECT, "CIM-XML " + n.where() + ": " + what);
    }

    // ---- parsing the text into a tree, securely ----

    private static Node tree(String xml) {
        XMLStreamReader r = null;
        ArrayDeque<Node> stack = new ArrayDeque<>();
        Node root = null;
        try {
            r = FACTORY.get().createXMLStreamReader(new StringReader(xml));
            while (r.hasNext()) {
                int event = r.next();
                switch (event) {
                    case XMLStreamConstants.DTD -> throw located(r, "a DOCTYPE is not allowed in CIM-XML");
                    case XMLStreamConstants.ENTITY_REFERENCE ->
                            throw located(r, "entity reference &" + r.getLocalName() + "; is not allowed in CIM-XML");
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (root != null && stack.isEmpty()) throw located(r, "more than one root element");
                        if (stack.size() >= MAX_ELEMENT_DEPTH)
                            throw located(r, "elements nest deeper than " + MAX_ELEMENT_DEPTH);
                        Map<String, String> attrs = new LinkedHashMap<>();
                        for (int i = 0; i < r.getAttributeCount(); i++) {
                            String prefix = r.getAttributePrefix(i);
                            String local = r.getAttributeLocalName(i);
                            attrs.put(prefix == null || prefix.isEmpty() ? local : prefix + ":" + local, r.getAttributeValue(i));
                        }
                        Location loc = r.getLocation();
                        Node n = new Node(r.getLocalName(), attrs, new ArrayList<>(), new StringBuilder(),
                                loc.getLineNumber(), loc.getColumnNumber());
                        if (stack.isEmpty()) root = n;
                        else stack.peek().children.add(n);
                        stack.push(n);
                    }
                    case XMLStreamConstants.END_ELEMENT -> stack.pop();
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!stack.isEmpty()) stack.peek().text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                        else if (!r.isWhiteSpace()) throw located(r, "text outside the root element");
                    }
                    default -> { }
                }
            }
        } catch (XMLStreamException e) {
            Location l = e.getLocation();
            String msg = e.getMessage();
            // the JDK prefixes "ParseError at [row,col]:[..]\nMessage: "; keep the message itself
            int m = msg == null ? -1 : msg.indexOf("Message: ");
            String detail = m >= 0 ? msg.substring(m + 9) : msg;
            throw new CimException(CimError.INVALID_OBJECT, "CIM-XML is not well-formed"
                    + (l == null ? "" : " at line " + l.getLineNumber() + " column " + l.getColumnNumber())
                    + (stack.isEmpty() ? "" : ", in element " + stack.peek().name) + ": " + detail, e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing to release for a string source
                }
            }
        }
        if (root == null) throw new CimException(CimError.INVALID_OBJECT, "CIM-XML text has no element");
        return root;
    }

    private static CimException located(XMLStreamReader r, String what) {
        Location l = r.getLocation();
        return new CimException(CimError.INVALID_OBJECT,
                "CIM-XML line " + l.getLineNumber() + " column " + l.getColumnNumber() + ": " + what);
    }

    private static XMLInputFactory secureFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }
}
