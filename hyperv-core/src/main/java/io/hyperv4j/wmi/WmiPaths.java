package io.hyperv4j.wmi;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.ObjectPath;
import java.util.Locale;
import java.util.regex.Pattern;

/** Namespace names, object paths and WQL text as WMI's COM API wants them. */
final class WmiPaths {
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_]+(\\\\[A-Za-z0-9_]+)*");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private WmiPaths() {}

    /**
     * {@code root/virtualization/v2}, {@code \\root\virtualization\v2} or {@code root\virtualization\v2}
     * as {@code root\virtualization\v2}; rejects anything else (WBEM_E_INVALID_NAMESPACE).
     */
    public static String normalizeNamespace(String namespace) {
        if (namespace == null || namespace.isBlank())
            throw new CimException(CimError.INVALID_NAMESPACE, "no namespace given (e.g. root\\virtualization\\v2)");
        String ns = namespace.trim().replace('/', '\\');
        while (ns.startsWith("\\")) ns = ns.substring(1);
        while (ns.endsWith("\\")) ns = ns.substring(0, ns.length() - 1);
        if (!NAMESPACE.matcher(ns).matches())
            throw new CimException(CimError.INVALID_NAMESPACE, "'" + namespace + "' is not a namespace name (e.g. root\\virtualization\\v2)");
        return ns;
    }

    /** The key under which a session caches a namespace connection. */
    static String namespaceKey(String namespace) {
        return normalizeNamespace(namespace).toLowerCase(Locale.ROOT);
    }

    /** The namespace a path names, normalized; WBEM_E_INVALID_OBJECT_PATH when it names none. */
    public static String namespaceOf(ObjectPath path) {
        if (path.namespace() == null)
            throw new CimException(CimError.INVALID_OBJECT_PATH, "the path " + path + " names no namespace; use ObjectPath.of(namespace, ...)");
        return normalizeNamespace(path.namespace());
    }

    /**
     * The path as IWbemServices of its namespace wants it: {@code Class.Key="v",...} for an instance,
     * {@code Class} for a class (static method calls).
     */
    public static String relativePath(ObjectPath path) {
        checkIdentifier(path.className(), "class name");
        path.keys().keySet().forEach(k -> checkIdentifier(k, "key name"));
        return path.relative().toString();
    }

    /** A method or class name must be a CIM identifier (WBEM_E_INVALID_PARAMETER otherwise). */
    public static String checkIdentifier(String name, String what) {
        if (name == null || !IDENTIFIER.matcher(name).matches())
            throw new CimException(CimError.INVALID_PARAMETER, "'" + name + "' is not a valid " + what);
        return name;
    }

    /** Rejects empty queries before they reach WMI (WBEM_E_INVALID_QUERY). */
    public static String checkQuery(String wql) {
        if (wql == null || wql.isBlank()) throw new CimException(CimError.INVALID_QUERY, "empty WQL query");
        return wql.trim();
    }
}
