package io.hyperv4j.wsman.internal;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reading XML that comes from the network, and the few DOM walks the protocol needs. A document with
 * a DOCTYPE is refused outright (no entity, internal or external, is ever expanded) and the JDK's
 * secure-processing limits apply.
 */
public final class Xml {
    private Xml() {}

    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(Xml::newBuilder);

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a required security feature", e);
        }
    }

    /** Parses a message; throws {@link IllegalArgumentException} saying what is wrong (a DOCTYPE, bad XML). */
    public static Document parse(byte[] bytes) {
        DocumentBuilder b = BUILDER.get();
        b.reset();
        b.setErrorHandler(null);
        try {
            return b.parse(new ByteArrayInputStream(bytes));
        } catch (Exception e) {
            String m = String.valueOf(e.getMessage());
            throw new IllegalArgumentException(m.contains("DOCTYPE") ? "a DOCTYPE is not allowed in a WS-Management message"
                    : "malformed XML: " + io.hyperv4j.spi.Redaction.shorten(io.hyperv4j.spi.Redaction.printable(m)));
        }
    }

    /** The element children of {@code parent}. */
    public static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) if (n instanceof Element e) out.add(e);
        return out;
    }

    /** The first child element with this namespace and local name. */
    public static Optional<Element> child(Element parent, String ns, String local) {
        for (Element e : children(parent)) if (is(e, ns, local)) return Optional.of(e);
        return Optional.empty();
    }

    /** The first descendant element with this namespace and local name. */
    public static Optional<Element> find(Element root, String ns, String local) {
        var list = root.getElementsByTagNameNS(ns, local);
        return list.getLength() == 0 ? Optional.empty() : Optional.of((Element) list.item(0));
    }

    public static boolean is(Element e, String ns, String local) {
        return local.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI());
    }

    /** The element's text, trimmed. */
    public static String text(Element e) {
        return e.getTextContent().trim();
    }

    /** Text with the five XML specials escaped; a character XML 1.0 cannot carry (a control character, a lone surrogate) is refused with WBEM_E_INVALID_PARAMETER. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                case '\r' -> b.append("&#13;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        b.append(c).append(s.charAt(++i));
                    } else if ((c < 0x20 && c != '\n' && c != '\t') || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                        throw new io.hyperv4j.cim.CimException(io.hyperv4j.cim.CimError.INVALID_PARAMETER,
                                "character U+" + String.format("%04X", (int) c) + " cannot travel in XML");
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
