package io.hyperv4j.wsman.internal;

import static io.hyperv4j.wsman.internal.Wsman.*;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.ObjectPath;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** SOAP 1.2 envelopes with WS-Addressing and WS-Management headers, written and read. */
public final class Soap {
    private Soap() {}

    /** Namespace declarations every envelope carries, with the prefixes the writers use. */
    private static final String DECLARATIONS = " xmlns:s=\"" + SOAP + "\" xmlns:a=\"" + ADDRESSING + "\" xmlns:w=\"" + WSMAN
            + "\" xmlns:n=\"" + ENUMERATION + "\" xmlns:e=\"" + EVENTING + "\" xmlns:b=\"" + CIM_BINDING
            + "\" xmlns:xsi=\"" + XSI + "\" xmlns:cim=\"" + CIM_COMMON + "\"";

    /** The largest envelope either side accepts, as WinRM's default MaxEnvelopeSizekb (500 KB). */
    public static final int MAX_ENVELOPE = 512_000;

    /** A request: the headers that address it, and what to send in the body. */
    public static String request(String to, String action, String resourceUri, Optional<ObjectPath> selectors,
                                 Duration timeout, String extraHeaders, String body) {
        StringBuilder b = new StringBuilder(512 + body.length());
        b.append("<s:Envelope").append(DECLARATIONS).append("><s:Header><a:To>").append(Xml.escape(to)).append("</a:To>");
        if (resourceUri != null)
            b.append("<w:ResourceURI s:mustUnderstand=\"true\">").append(Xml.escape(resourceUri)).append("</w:ResourceURI>");
        b.append("<a:ReplyTo><a:Address s:mustUnderstand=\"true\">").append(ANONYMOUS).append("</a:Address></a:ReplyTo>")
                .append("<a:Action s:mustUnderstand=\"true\">").append(Xml.escape(action)).append("</a:Action>")
                .append("<w:MaxEnvelopeSize s:mustUnderstand=\"true\">").append(MAX_ENVELOPE).append("</w:MaxEnvelopeSize>")
                .append("<a:MessageID>uuid:").append(UUID.randomUUID()).append("</a:MessageID>")
                .append("<w:OperationTimeout>").append(timeout).append("</w:OperationTimeout>");
        selectors.ifPresent(p -> CimCodec.writeSelectorSet(b, p, p.namespace()));
        b.append(extraHeaders).append("</s:Header><s:Body>").append(body).append("</s:Body></s:Envelope>");
        return b.toString();
    }

    /** A response to {@code messageId}. */
    public static String response(String action, String messageId, String body) {
        StringBuilder b = new StringBuilder(512 + body.length());
        b.append("<s:Envelope").append(DECLARATIONS).append("><s:Header><a:To>").append(ANONYMOUS).append("</a:To>")
                .append("<a:Action s:mustUnderstand=\"true\">").append(Xml.escape(action)).append("</a:Action>")
                .append("<a:MessageID>uuid:").append(UUID.randomUUID()).append("</a:MessageID>");
        if (messageId != null) b.append("<a:RelatesTo>").append(Xml.escape(messageId)).append("</a:RelatesTo>");
        return b.append("</s:Header><s:Body>").append(body).append("</s:Body></s:Envelope>").toString();
    }

    /**
     * A fault as WinRM sends one: SOAP code and WS-Management subcode, the reason, and in the detail a
     * {@code WSManFault} whose Code is the WMI error (the WBEM HRESULT, unsigned decimal).
     */
    public static String fault(WsmanFault f, String messageId, String machine) {
        String body = "<s:Fault><s:Code><s:Value>s:" + (f.sender() ? "Sender" : "Receiver") + "</s:Value><s:Subcode><s:Value>"
                + f.subcode() + "</s:Value></s:Subcode></s:Code><s:Reason><s:Text xml:lang=\"en-US\">" + Xml.escape(f.message())
                + "</s:Text></s:Reason><s:Detail><f:WSManFault xmlns:f=\"" + FAULT_DETAIL + "\" Code=\"" + f.code()
                + "\" Machine=\"" + Xml.escape(machine) + "\"><f:Message>" + Xml.escape(f.message())
                + "</f:Message></f:WSManFault></s:Detail></s:Fault>";
        return response(FAULT_ACTION, messageId, body);
    }

    /** A parsed envelope: its headers and the body's first element (absent for an empty body). */
    public record Message(Document document, Element header, Optional<Element> body) {
        public static Message of(Document d) {
            Element env = d.getDocumentElement();
            if (!Xml.is(env, SOAP, "Envelope"))
                throw WsmanFault.sender("s:VersionMismatch", CimError.INVALID_PARAMETER, "not a SOAP 1.2 envelope").exception();
            Element header = Xml.child(env, SOAP, "Header").orElseThrow(() -> WsmanFault.sender("a:MessageInformationHeaderRequired",
                    CimError.INVALID_PARAMETER, "the envelope has no Header").exception());
            Element body = Xml.child(env, SOAP, "Body").orElseThrow(() -> WsmanFault.sender("w:SchemaValidationError",
                    CimError.INVALID_PARAMETER, "the envelope has no Body").exception());
            return new Message(d, header, Xml.children(body).stream().findFirst());
        }

        public Optional<String> header(String ns, String local) {
            return Xml.child(header, ns, local).map(Xml::text);
        }

        public String action() {
            return header(ADDRESSING, "Action").orElseThrow(() -> WsmanFault.sender("a:MessageInformationHeaderRequired",
                    CimError.INVALID_PARAMETER, "the request names no Action").exception());
        }

        public Optional<String> messageId() {
            return header(ADDRESSING, "MessageID");
        }

        public Optional<String> resourceUri() {
            return header(WSMAN, "ResourceURI");
        }

        /** The selectors of the SelectorSet header, by name. */
        public Map<String, Element> selectors() {
            Map<String, Element> out = new LinkedHashMap<>();
            Xml.child(header, WSMAN, "SelectorSet").ifPresent(set -> {
                for (Element s : Xml.children(set)) if (Xml.is(s, WSMAN, "Selector")) out.put(s.getAttribute("Name"), s);
            });
            return out;
        }

        /** The fault in the body, if this is one. */
        public Optional<WsmanFault> fault() {
            return body.filter(e -> Xml.is(e, SOAP, "Fault")).map(WsmanFault::read);
        }

        public Element requireBody(String ns, String local) {
            return body.filter(e -> Xml.is(e, ns, local)).orElseThrow(() -> new CimException(CimError.INVALID_PARAMETER,
                    "the body needs a " + local + " element, got " + body.map(Element::getLocalName).orElse("nothing")));
        }
    }
}
