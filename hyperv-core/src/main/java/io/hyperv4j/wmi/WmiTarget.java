package io.hyperv4j.wmi;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Where a WMI session connects: {@code wmi://localhost}, {@code wmi://.}, {@code wmi://hv01.example.com}
 * or {@code wmi://[fe80::1]}, optionally with {@code ?authority=kerberos:DOMAIN\HOST} (URL-encoded)
 * and {@code &locale=MS_409}. The namespace is chosen per call, so the URI names none.
 * <p>DCOM finds the WMI endpoint itself (through the endpoint mapper on TCP 135), so a port is
 * refused, and so is a password in the URI: credentials travel separately. A user name in the URI
 * ({@code wmi://CORP%5Cops@hv01}) is allowed as a hint, but the session needs Credentials for it.
 *
 * @param host the host name as given (lower-cased), or "." for the local host
 * @param local whether the target is this machine (WMI then refuses explicit credentials)
 * @param authority the ConnectServer authority ({@code ntlmdomain:X} or {@code kerberos:X\Y}), or null
 * @param locale the ConnectServer locale ({@code MS_xxx}), or null
 * @param user the user named in the URI, or null
 */
record WmiTarget(String host, boolean local, String authority, String locale, String user) {

    public static final String SCHEME = "wmi";
    private static final Set<String> LOCAL_NAMES = Set.of("localhost", ".", "127.0.0.1", "::1", "[::1]");

    public static boolean supports(URI uri) {
        return uri != null && SCHEME.equalsIgnoreCase(uri.getScheme());
    }

    /** Parses a wmi: URI; errors name what is wrong (WBEM_E_INVALID_PARAMETER). */
    public static WmiTarget parse(URI uri) {
        if (!supports(uri)) throw bad(uri, "the scheme must be 'wmi'");
        if (uri.isOpaque()) throw bad(uri, "write it as wmi://host");
        String user = null;
        if (io.hyperv4j.spi.Redaction.hasPassword(uri))
            throw bad(uri, "a password does not belong in the URI; pass Credentials separately");
        if (uri.getRawUserInfo() != null) user = decode(uri.getRawUserInfo());
        if (uri.getPort() != -1)
            throw bad(uri, "a port cannot be chosen: DCOM finds WMI through the endpoint mapper (TCP 135)");
        String host = uri.getHost();
        if (host == null) {
            // java.net.URI leaves host null for names it does not accept as host names, such as "."
            String auth = uri.getRawAuthority();
            if (".".equals(auth)) host = ".";
            else throw bad(uri, auth == null ? "it names no host (use wmi://localhost for this machine)" : "it names no valid host");
        }
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/"))
            throw bad(uri, "it has a path; the namespace is chosen per call, not in the URI");
        if (uri.getRawFragment() != null) throw bad(uri, "it has a fragment");
        String authority = null;
        String locale = null;
        String q = uri.getRawQuery();
        if (q != null && !q.isEmpty()) {
            for (String pair : q.split("&")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) throw bad(uri, "a query part is not name=value");
                String name = decode(pair.substring(0, eq));
                String value = decode(pair.substring(eq + 1));
                switch (name.toLowerCase(Locale.ROOT)) {
                    case "authority" -> authority = checkAuthority(uri, value);
                    case "locale" -> {
                        if (!value.matches("(?i)MS_[0-9a-f]{3,4}")) throw bad(uri, "locale must look like MS_409");
                        locale = value;
                    }
                    default -> throw bad(uri, "unknown query parameter (known: authority, locale)");
                }
            }
        }
        String h = host.toLowerCase(Locale.ROOT);
        return new WmiTarget(h, LOCAL_NAMES.contains(h), authority, locale, user);
    }

    private static String checkAuthority(URI uri, String value) {
        String v = value.trim();
        String lower = v.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("ntlmdomain:") || lower.startsWith("kerberos:")) || v.indexOf(':') == v.length() - 1)
            throw bad(uri, "authority must be ntlmdomain:DOMAIN or kerberos:DOMAIN\\HOST");
        return v;
    }

    /** The ConnectServer resource for a namespace: {@code \\host\namespace} (backslashes; "." for local). */
    public String resource(String namespace) {
        String ns = WmiPaths.normalizeNamespace(namespace);
        String server = local ? "." : host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return "\\\\" + server + "\\" + ns;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static CimException bad(URI uri, String why) {
        return new CimException(CimError.INVALID_PARAMETER, "invalid WMI URI '" + redact(uri) + "': " + why);
    }

    /** The URI as messages may show it (see {@link io.hyperv4j.spi.Redaction}). */
    static String redact(URI uri) {
        return io.hyperv4j.spi.Redaction.uri(uri);
    }

    @Override
    public String toString() {
        return "wmi://" + (user == null ? "" : user + "@") + host + (authority == null ? "" : "?authority=" + authority);
    }
}
