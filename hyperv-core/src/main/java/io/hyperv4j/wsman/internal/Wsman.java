package io.hyperv4j.wsman.internal;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;

/**
 * The names WS-Management uses for WMI ([MS-WSMV], DSP0226, WS-Transfer, WS-Enumeration,
 * WS-Eventing): XML namespaces, actions, dialects, and the mapping between a WMI namespace and class
 * and a resource URI ({@code http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ComputerSystem}).
 */
public final class Wsman {
    private Wsman() {}

    public static final String SOAP = "http://www.w3.org/2003/05/soap-envelope";
    public static final String ADDRESSING = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    public static final String WSMAN = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    public static final String ENUMERATION = "http://schemas.xmlsoap.org/ws/2004/09/enumeration";
    public static final String TRANSFER = "http://schemas.xmlsoap.org/ws/2004/09/transfer";
    public static final String EVENTING = "http://schemas.xmlsoap.org/ws/2004/08/eventing";
    public static final String IDENTITY = "http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd";
    public static final String CIM_BINDING = "http://schemas.dmtf.org/wbem/wsman/1/cimbinding.xsd";
    public static final String CIM_COMMON = "http://schemas.dmtf.org/wbem/wscim/1/common";
    public static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    public static final String FAULT_DETAIL = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault";
    /** This implementation's own extension elements (only in the Identify response). */
    public static final String HYPERV4J = "urn:hyperv4j:wsman";

    public static final String ANONYMOUS = ADDRESSING + "/role/anonymous";
    public static final String GET = TRANSFER + "/Get";
    public static final String PUT = TRANSFER + "/Put";
    public static final String ENUMERATE = ENUMERATION + "/Enumerate";
    public static final String PULL = ENUMERATION + "/Pull";
    public static final String RELEASE = ENUMERATION + "/Release";
    public static final String SUBSCRIBE = EVENTING + "/Subscribe";
    public static final String UNSUBSCRIBE = EVENTING + "/Unsubscribe";
    public static final String FAULT_ACTION = "http://schemas.dmtf.org/wbem/wsman/1/wsman/fault";
    public static final String WQL = "http://schemas.microsoft.com/wbem/wsman/1/WQL";
    public static final String ASSOCIATION_FILTER = "http://schemas.dmtf.org/wbem/wsman/1/cimbinding/associationFilter";
    public static final String PULL_DELIVERY = "http://schemas.dmtf.org/wbem/wsman/1/wsman/Pull";
    public static final String WMI_PREFIX = "http://schemas.microsoft.com/wbem/wsman/1/wmi/";
    /** The selector naming an instance's namespace in an endpoint reference, as WinRM writes it. */
    public static final String NAMESPACE_SELECTOR = "__cimnamespace";

    /** The response action of a request action. */
    public static String response(String action) {
        return action + "Response";
    }

    /** The resource URI of a class ({@code *} for a namespace-wide WQL enumeration). */
    public static String resourceUri(String namespace, String className) {
        return WMI_PREFIX + namespaceUri(namespace) + "/" + className;
    }

    /** {@code root\virtualization\v2} as it appears in URIs and selectors: {@code root/virtualization/v2}. */
    public static String namespaceUri(String namespace) {
        String n = namespace.replace('\\', '/');
        while (n.startsWith("/")) n = n.substring(1);
        return n;
    }

    /** The WMI namespace of a resource URI, with backslashes. */
    public static String namespaceOf(String resourceUri) {
        requireWmi(resourceUri);
        int slash = resourceUri.lastIndexOf('/');
        if (slash <= WMI_PREFIX.length()) throw badUri(resourceUri);
        return resourceUri.substring(WMI_PREFIX.length(), slash).replace('/', '\\');
    }

    /** The class of a resource URI ({@code *} for a namespace-wide one). */
    public static String classOf(String resourceUri) {
        requireWmi(resourceUri);
        String c = resourceUri.substring(resourceUri.lastIndexOf('/') + 1);
        if (c.isEmpty() || !(c.equals("*") || c.matches("[A-Za-z_][A-Za-z0-9_]*"))) throw badUri(resourceUri);
        return c;
    }

    private static void requireWmi(String resourceUri) {
        if (resourceUri == null || !resourceUri.startsWith(WMI_PREFIX)) throw badUri(resourceUri);
    }

    private static CimException badUri(String resourceUri) {
        return new CimException(CimError.INVALID_CLASS, "not a WMI resource URI (" + WMI_PREFIX + "NAMESPACE/CLASS): "
                + (resourceUri == null ? "none" : io.hyperv4j.spi.Redaction.shorten(io.hyperv4j.spi.Redaction.printable(resourceUri))));
    }
}
