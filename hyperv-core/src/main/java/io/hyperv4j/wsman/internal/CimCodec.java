package io.hyperv4j.wsman.internal;

import static io.hyperv4j.wsman.internal.Wsman.*;

import io.hyperv4j.cim.CimDateTime;
import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.schema.CimSchema;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.w3c.dom.Element;

/**
 * CIM values in WS-Management's XML, as WinRM writes WMI objects ([MS-WSMV], DSP0230): an instance is
 * an element named by its class in the class's resource-URI namespace, each property a child element
 * (repeated for an array, {@code xsi:nil} for null); a datetime is {@code cim:Datetime} (xs:dateTime),
 * {@code cim:Interval} (xs:duration) or {@code cim:CIMDateTime} (DMTF text, for wildcards); a reference
 * is an endpoint reference whose selectors are the keys plus {@code __cimnamespace}; an embedded
 * instance carries {@code xsi:type="CLASS_Type"}.
 *
 * <p>The XML carries no CIM types, so reading types each value by the published class schema
 * ({@link CimSchema}, as libvirt's driver types by its generated tables); a class or property the
 * schema lacks reads as a string (or as a reference, datetime or instance by its shape).
 */
public final class CimCodec {
    private CimCodec() {}

    // ---- writing ----

    /** The instance as an element named by its class, with the namespace declarations it needs. */
    public static void writeInstance(StringBuilder b, String namespace, CimInstance instance) {
        String uri = resourceUri(namespace, instance.className());
        b.append("<p:").append(instance.className()).append(" xmlns:p=\"").append(Xml.escape(uri))
                .append("\" xmlns:xsi=\"").append(XSI).append("\" xmlns:cim=\"").append(CIM_COMMON)
                .append("\" xmlns:a=\"").append(ADDRESSING).append("\" xmlns:w=\"").append(WSMAN).append("\">");
        writeProperties(b, "p", namespace, instance.properties(), 0);
        b.append("</p:").append(instance.className()).append('>');
    }

    /** Property (or parameter) elements, prefixed {@code prefix}. */
    public static void writeProperties(StringBuilder b, String prefix, String namespace, Map<String, CimValue> values, int depth) {
        values.forEach((name, v) -> writeValue(b, prefix, name, namespace, v, depth));
    }

    private static void writeValue(StringBuilder b, String prefix, String name, String namespace, CimValue v, int depth) {
        if (v == null || v.isNull()) {
            b.append('<').append(prefix).append(':').append(name).append(" xsi:nil=\"true\"/>");
            return;
        }
        List<Object> elements = v.array() ? v.asList() : List.of(v.value());
        for (Object e : elements) {
            if (e == null) {
                b.append('<').append(prefix).append(':').append(name).append(" xsi:nil=\"true\"/>");
                continue;
            }
            if (v.type() == CimType.OBJECT) {
                CimInstance inner = (CimInstance) e;
                String q = "e" + depth;
                b.append('<').append(prefix).append(':').append(name).append(" xmlns:").append(q).append("=\"")
                        .append(Xml.escape(resourceUri(namespace, inner.className()))).append("\" xsi:type=\"")
                        .append(q).append(':').append(inner.className()).append("_Type\">");
                writeProperties(b, q, namespace, inner.properties(), depth + 1);
            } else {
                b.append('<').append(prefix).append(':').append(name).append('>');
                switch (v.type()) {
                    case DATETIME -> writeDateTime(b, (CimDateTime) e);
                    case REFERENCE -> writeEpr(b, (ObjectPath) e, namespace);
                    default -> b.append(Xml.escape(CimValue.elementText(v.type(), e)));
                }
            }
            b.append("</").append(prefix).append(':').append(name).append('>');
        }
    }

    private static void writeDateTime(StringBuilder b, CimDateTime d) {
        if (d.isInterval() && !d.hasWildcards()) {
            b.append("<cim:Interval>").append(d.toDuration()).append("</cim:Interval>");
        } else if (!d.isInterval() && d.isExact()) {
            b.append("<cim:Datetime>").append(d.toInstant()).append("</cim:Datetime>");
        } else {
            b.append("<cim:CIMDateTime>").append(Xml.escape(d.toString())).append("</cim:CIMDateTime>");
        }
    }

    /** The children of an endpoint reference to {@code path} (Address, ReferenceParameters). */
    public static void writeEpr(StringBuilder b, ObjectPath path, String defaultNamespace) {
        String ns = path.namespace() != null ? path.namespace() : defaultNamespace;
        b.append("<a:Address>").append(ANONYMOUS).append("</a:Address><a:ReferenceParameters><w:ResourceURI>")
                .append(Xml.escape(resourceUri(ns, path.className()))).append("</w:ResourceURI>");
        writeSelectorSet(b, path, ns);
        b.append("</a:ReferenceParameters>");
    }

    /** {@code <w:SelectorSet>} naming {@code path}'s keys and namespace. */
    public static void writeSelectorSet(StringBuilder b, ObjectPath path, String namespace) {
        b.append("<w:SelectorSet>");
        path.keys().forEach((k, v) -> {
            b.append("<w:Selector Name=\"").append(Xml.escape(k)).append("\">");
            if (v instanceof ObjectPath ref) {
                b.append("<a:EndpointReference>");
                writeEpr(b, ref, namespace);
                b.append("</a:EndpointReference>");
            } else {
                b.append(Xml.escape(v instanceof Boolean t ? (t ? "true" : "false") : String.valueOf(v)));
            }
            b.append("</w:Selector>");
        });
        b.append("<w:Selector Name=\"").append(NAMESPACE_SELECTOR).append("\">").append(Xml.escape(namespaceUri(namespace)))
                .append("</w:Selector></w:SelectorSet>");
    }

    // ---- reading ----

    /** An instance element (its class from the element name, its namespace from the URI). */
    public static CimInstance readInstance(Element e, String host) {
        String namespace = namespaceOf(e.getNamespaceURI());
        String cls = e.getLocalName();
        CimInstance.Builder b = CimInstance.builder(cls);
        readProperties(e, namespace, host, (name, array) -> propertyType(namespace, cls, name)).forEach(b::put);
        return b.build();
    }

    /** The type of a property by the schema, if it knows the class and property. */
    public static Optional<Typed> propertyType(String namespace, String cls, String property) {
        return schema(namespace).flatMap(s -> s.find(cls).isPresent() ? s.property(cls, property) : Optional.empty())
                .map(p -> new Typed(p.type(), p.array()));
    }

    /** The type of a method parameter by the schema. */
    public static Optional<Typed> parameterType(String namespace, String cls, String method, String parameter) {
        if ("ReturnValue".equalsIgnoreCase(parameter))
            return schema(namespace).flatMap(s -> s.find(cls).isPresent() ? s.method(cls, method) : Optional.empty())
                    .map(m -> new Typed(m.returnType() == null ? CimType.UINT32 : m.returnType(), false));
        return schema(namespace).flatMap(s -> s.find(cls).isPresent() ? s.method(cls, method) : Optional.empty())
                .flatMap(m -> m.parameter(parameter)).map(p -> new Typed(p.type(), p.array()));
    }

    private static Optional<CimSchema> schema(String namespace) {
        try {
            return Optional.of(CimSchema.forNamespace(namespace));
        } catch (CimException e) {
            return Optional.empty();
        }
    }

    /** A declared CIM type. */
    public record Typed(CimType type, boolean array) {}

    /** Child elements grouped by name into values, typed by {@code types} (name, array-seen) where it knows. */
    public static Map<String, CimValue> readProperties(Element parent, String namespace, String host,
                                                       BiFunction<String, Boolean, Optional<Typed>> types) {
        Map<String, List<Element>> byName = new LinkedHashMap<>();
        for (Element c : Xml.children(parent)) byName.computeIfAbsent(c.getLocalName(), k -> new ArrayList<>()).add(c);
        Map<String, CimValue> out = new LinkedHashMap<>();
        byName.forEach((name, els) -> out.put(name, readValue(name, els, namespace, host, types.apply(name, els.size() > 1))));
        return out;
    }

    private static CimValue readValue(String name, List<Element> els, String namespace, String host, Optional<Typed> declared) {
        // an instance sent for a string declared EmbeddedInstance (Hyper-V's convention) stays an instance, as WinRM takes it
        CimType shape = shapeType(els.get(0));
        CimType type = shape == CimType.OBJECT ? shape : declared.map(Typed::type).orElse(shape);
        boolean array = declared.map(Typed::array).orElse(els.size() > 1);
        if (!array && els.size() > 1)
            throw new CimException(CimError.TYPE_MISMATCH, name + " is a scalar but came " + els.size() + " times");
        List<Object> elements = new ArrayList<>();
        for (Element e : els) elements.add(isNil(e) ? null : readElement(name, e, type, namespace, host));
        if (!array) return elements.get(0) == null ? CimValue.nullOf(type) : CimValue.of(type, elements.get(0));
        if (els.size() == 1 && elements.get(0) == null) return CimValue.array(type, null);
        return CimValue.array(type, elements);
    }

    private static boolean isNil(Element e) {
        return "true".equals(e.getAttributeNS(XSI, "nil"));
    }

    private static CimType shapeType(Element e) {
        if (Xml.child(e, ADDRESSING, "ReferenceParameters").isPresent()) return CimType.REFERENCE;
        if (Xml.child(e, CIM_COMMON, "Datetime").isPresent() || Xml.child(e, CIM_COMMON, "Interval").isPresent()
                || Xml.child(e, CIM_COMMON, "CIMDateTime").isPresent()) return CimType.DATETIME;
        if (e.getAttributeNS(XSI, "type").endsWith("_Type")) return CimType.OBJECT;
        return CimType.STRING;
    }

    private static Object readElement(String name, Element e, CimType type, String namespace, String host) {
        try {
            return switch (type) {
                case REFERENCE -> readEpr(e, host);
                case DATETIME -> readDateTime(e);
                case OBJECT -> Xml.children(e).isEmpty() && !e.getAttributeNS(XSI, "type").endsWith("_Type")
                        ? CimValue.parseElement(type, e.getTextContent()) : readEmbedded(e, namespace, host);
                case STRING -> e.getTextContent();
                default -> CimValue.parseElement(type, e.getTextContent());
            };
        } catch (CimException x) {
            throw new CimException(x.error(), name + ": " + x.getMessage(), x);
        }
    }

    /** An embedded instance; it carries no path on the wire, so one is made from its keys when the schema names them. */
    private static CimInstance readEmbedded(Element e, String namespace, String host) {
        String t = e.getAttributeNS(XSI, "type");
        String cls = t.substring(t.indexOf(':') + 1, t.length() - "_Type".length());
        CimInstance.Builder b = CimInstance.builder(cls);
        Map<String, CimValue> props = readProperties(e, namespace, host, (n, array) -> propertyType(namespace, cls, n));
        props.forEach(b::put);
        schema(namespace).filter(s -> s.find(cls).isPresent()).map(s -> s.keyProperties(cls)).filter(k -> !k.isEmpty()).ifPresent(keys -> {
            Map<String, Object> values = new LinkedHashMap<>();
            for (var k : keys) {
                CimValue v = props.get(k.name());
                if (v == null || v.isNull() || v.array()) return;
                values.put(k.name(), switch (v.type()) {
                    case BOOLEAN, REFERENCE, STRING -> v.value();
                    case UINT8, SINT8, UINT16, SINT16, UINT32, SINT32, UINT64, SINT64 -> v.asLong();
                    default -> CimValue.elementText(v.type(), v.value());
                });
            }
            b.path(new ObjectPath(host, namespace, cls, values));
        });
        return b.build();
    }

    private static CimDateTime readDateTime(Element e) {
        for (Element c : Xml.children(e)) {
            String text = Xml.text(c);
            switch (c.getLocalName()) {
                case "Datetime" -> { return CimDateTime.of(OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toInstant()); }
                case "Interval" -> { return CimDateTime.interval(Duration.parse(text)); }
                case "CIMDateTime" -> { return CimDateTime.parse(text); }
                default -> { }
            }
        }
        return CimDateTime.parse(Xml.text(e)); // a bare DMTF string, as some providers send
    }

    /** The object path an endpoint reference (or an element holding one) names. */
    public static ObjectPath readEpr(Element epr, String host) {
        Element params = Xml.child(epr, ADDRESSING, "ReferenceParameters")
                .orElseThrow(() -> new CimException(CimError.INVALID_PARAMETER, "an endpoint reference needs ReferenceParameters"));
        String uri = Xml.child(params, WSMAN, "ResourceURI").map(Xml::text)
                .orElseThrow(() -> new CimException(CimError.INVALID_PARAMETER, "an endpoint reference needs a ResourceURI"));
        Map<String, Element> selectors = new LinkedHashMap<>();
        Xml.child(params, WSMAN, "SelectorSet").ifPresent(set -> {
            for (Element s : Xml.children(set)) if (Xml.is(s, WSMAN, "Selector")) selectors.put(s.getAttribute("Name"), s);
        });
        return pathOf(uri, selectors, host);
    }

    /** The object path named by a resource URI and its selectors (typed by the class's key types). */
    public static ObjectPath pathOf(String resourceUri, Map<String, Element> selectors, String host) {
        String cls = classOf(resourceUri);
        Element nsSel = selectors.get(NAMESPACE_SELECTOR);
        String namespace = nsSel != null ? Xml.text(nsSel).replace('/', '\\') : namespaceOf(resourceUri);
        Map<String, Object> keys = new LinkedHashMap<>();
        selectors.forEach((k, s) -> {
            if (k.equals(NAMESPACE_SELECTOR)) return;
            Optional<Element> ref = Xml.child(s, ADDRESSING, "EndpointReference");
            if (ref.isPresent()) {
                keys.put(k, readEpr(ref.get(), host));
                return;
            }
            String text = s.getTextContent();
            CimType t = propertyType(namespace, cls, k).map(Typed::type).orElse(CimType.STRING);
            keys.put(k, switch (t) {
                case BOOLEAN -> Boolean.parseBoolean(text.trim());
                case UINT8, SINT8, UINT16, SINT16, UINT32, SINT32, SINT64, UINT64 -> (Long) CimValue.parseElement(t, text);
                default -> text;
            });
        });
        return new ObjectPath(host, namespace, cls, keys);
    }
}
