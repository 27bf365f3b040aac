package io.hyperv4j.wsman.internal;

import static io.hyperv4j.wsman.internal.Wsman.*;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.spi.Redaction;
import org.w3c.dom.Element;

/**
 * A WS-Management fault: sender or receiver, the subcode (DSP0226 section 14, e.g. {@code w:InvalidSelectors}),
 * the WMI error code in the detail, and the message.
 */
public record WsmanFault(boolean sender, String subcode, long code, String message) {

    public static WsmanFault sender(String subcode, CimError error, String message) {
        return new WsmanFault(true, subcode, error.hresult(), message);
    }

    /** The fault a WMI error becomes, with the subcode WinRM uses for its kind. */
    public static WsmanFault of(CimException e) {
        if (e instanceof Raised r) return r.fault();
        CimError err = e.error();
        String subcode = switch (err) {
            case NOT_FOUND -> "w:InvalidSelectors";
            case ACCESS_DENIED -> "w:AccessDenied";
            case INVALID_QUERY, INVALID_QUERY_TYPE -> "w:CannotProcessFilter";
            case INVALID_CLASS, INVALID_NAMESPACE -> "a:DestinationUnreachable";
            case TIMED_OUT -> "w:TimedOut";
            case NOT_SUPPORTED -> "w:UnsupportedFeature";
            default -> "w:InternalError";
        };
        boolean sender = err != CimError.FAILED && err != CimError.PROVIDER_FAILURE && err != CimError.TIMED_OUT;
        long code = e.hresult() != 0 ? e.hresult() : err.hresult();
        return new WsmanFault(sender, subcode, code, Redaction.shorten(e.getMessage()));
    }

    /** The exception the client throws: the WMI error of the detail, as the JNA/COM transport would. */
    public CimException exception() {
        return new Raised(this);
    }

    /** A fault as an exception: a {@link CimException} with the WMI error, keeping the fault for the server to send back. */
    private static final class Raised extends CimException {
        private final transient WsmanFault fault;

        Raised(WsmanFault fault) {
            super(CimError.fromHresult(fault.code()), fault.code(), fault.message() + " (WS-Management fault " + fault.subcode() + ")", null);
            this.fault = fault;
        }

        WsmanFault fault() {
            return fault;
        }
    }

    static WsmanFault read(Element fault) {
        String sub = Xml.find(fault, SOAP, "Subcode").flatMap(s -> Xml.child(s, SOAP, "Value")).map(Xml::text).orElse("");
        boolean sender = Xml.find(fault, SOAP, "Value").map(Xml::text).orElse("").endsWith("Sender");
        String reason = Xml.find(fault, SOAP, "Text").map(Xml::text).orElse("");
        long code = CimError.FAILED.hresult();
        var detail = Xml.find(fault, FAULT_DETAIL, "WSManFault");
        if (detail.isPresent()) {
            code = wmiCode(fault).orElse(parseCode(detail.get().getAttribute("Code")));
            reason = Xml.child(detail.get(), FAULT_DETAIL, "Message").map(Xml::text).filter(s -> !s.isEmpty()).orElse(reason);
        } else if (sub.endsWith("TimedOut")) {
            code = CimError.TIMED_OUT.hresult();
        } else if (sub.endsWith("AccessDenied")) {
            code = CimError.ACCESS_DENIED.hresult();
        }
        return new WsmanFault(sender, sub, code, reason);
    }

    /**
     * A WMI (WBEM_E_*, 0x8004xxxx) code anywhere in the detail: Windows may nest the provider's
     * WSManFault inside a ProviderFault under an outer WinRM code.
     */
    private static java.util.Optional<Long> wmiCode(Element fault) {
        var all = fault.getElementsByTagNameNS(FAULT_DETAIL, "WSManFault");
        for (int i = all.getLength() - 1; i >= 0; i--) {
            long c = parseCode(((Element) all.item(i)).getAttribute("Code"));
            if ((c & 0xFFFF0000L) == 0x80040000L) return java.util.Optional.of(c);
        }
        return java.util.Optional.empty();
    }

    private static long parseCode(String text) {
        try {
            return Long.parseLong(text.trim()) & 0xFFFFFFFFL;
        } catch (NumberFormatException e) {
            return CimError.FAILED.hresult();
        }
    }
}
