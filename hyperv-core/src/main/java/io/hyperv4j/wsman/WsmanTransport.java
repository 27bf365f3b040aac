package io.hyperv4j.wsman;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.spi.CimTransport;
import io.hyperv4j.spi.Credentials;
import io.hyperv4j.spi.Redaction;
import io.hyperv4j.wsman.internal.PinnedTrust;
import io.hyperv4j.wsman.internal.WsmanHttp;
import io.hyperv4j.wsman.internal.WsmanSession;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * WS-Management (WinRM) as a {@link CimTransport}: {@code wsman://host[:port]} over HTTP (default
 * port 5985), {@code wsmans://host[:port]} over HTTPS (5986), from any operating system, with the
 * given {@link Credentials}. Over HTTP the default is NTLMv2 with every message sealed in WinRM's
 * encrypted format (what a Windows host accepts by default); {@code ?auth=basic} sends Basic instead
 * (only where the server allows unencrypted traffic). Over HTTPS the default is Basic ({@code ?auth=ntlm}
 * sends NTLMv2 bound to the TLS channel);
 * the certificate is validated against the JDK's trust store and the host name by default, and
 * {@code ?certificate-sha256=HEX} pins one certificate instead (for a host with a self-signed one).
 * {@code wsmans://host?client-keystore=PATH} authenticates with the client certificate in that PKCS12
 * store instead of Basic (WS-Management's HTTPS mutual profile; the credentials' password opens the
 * store). {@code ?auth=kerberos} (HTTP or HTTPS) authenticates each connection with a Kerberos ticket for
 * {@code HTTP/host} under the Negotiate scheme, after a login with the credentials ({@code user@REALM} or
 * REALM&#92;user) or, without credentials, from the ticket cache; the server must prove itself (mutual
 * authentication) and over HTTP every message is sealed with the Kerberos context.
 */
public final class WsmanTransport implements CimTransport {
    /** WinRM's default HTTP port. */
    public static final int HTTP_PORT = 5985;
    /** WinRM's default HTTPS port. */
    public static final int HTTPS_PORT = 5986;
    private static final String PARAMETERS = "certificate-sha256, auth, client-keystore";

    @Override
    public String name() {
        return "wsman";
    }

    @Override
    public boolean supports(URI uri) {
        String s = uri.getScheme();
        return s != null && (s.equalsIgnoreCase("wsman") || s.equalsIgnoreCase("wsmans"));
    }

    @Override
    public CimSession open(URI uri, Optional<Credentials> credentials, Duration timeout) {
        String shown = Redaction.uri(uri);
        if (Redaction.hasPassword(uri))
            throw new CimException(CimError.INVALID_PARAMETER, "a password in the address is refused (" + shown + "); pass Credentials");
        if (uri.getHost() == null)
            throw new CimException(CimError.INVALID_PARAMETER, "no host in " + shown + "; write wsman://HOST[:PORT] or wsmans://HOST[:PORT]");
        if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/") && !uri.getPath().equals("/wsman"))
            throw new CimException(CimError.INVALID_PARAMETER, "the address names no path but /wsman: " + shown);
        boolean tls = uri.getScheme().equalsIgnoreCase("wsmans");
        Map<String, String> query = query(uri);
        Optional<String> pin = Optional.ofNullable(query.get("certificate-sha256"));
        if (pin.isPresent() && !tls) throw new CimException(CimError.INVALID_PARAMETER, "a certificate pin needs wsmans:// (" + shown + ")");
        WsmanHttp.Auth auth = auth(query.get("auth"), tls, shown);
        String host = uri.getHost();
        URI endpoint = endpoint(uri, tls);
        Optional<String> clientStore = Optional.ofNullable(query.get("client-keystore"));
        if (clientStore.isPresent() && !tls) throw new CimException(CimError.INVALID_PARAMETER, "a client certificate needs wsmans:// (" + shown + ")");
        if (clientStore.isPresent()) auth = WsmanHttp.Auth.CERTIFICATE;
        KeyManager[] keys = clientStore.map(path -> clientKeys(path, credentials.orElse(null), shown)).orElse(null);
        SSLContext ssl = !tls ? null : pin.map(p -> PinnedTrust.context(p, keys)).orElseGet(() -> defaultTls(keys));
        if (credentials.isEmpty() && auth == WsmanHttp.Auth.KERBEROS) return session(new WsmanHttp(endpoint, ssl, auth, null, null, timeout), uri.getHost(), timeout);
        Credentials c = credentials.orElseThrow(() -> new CimException(CimError.ACCESS_DENIED,
                "WS-Management to " + shown + " needs credentials (HYPERV4J_USER / HYPERV4J_PASSWORD in the CLI)"));
        String user = c.domain() == null || c.domain().isEmpty() ? c.user() : c.domain() + "\\" + c.user();
        char[] password = c.password();
        WsmanHttp http;
        try {
            http = new WsmanHttp(endpoint, ssl, auth, user, password, timeout);
        } finally {
            Arrays.fill(password, '\0');
        }
        return session(http, host, timeout);
    }

    private static CimSession session(WsmanHttp http, String host, Duration timeout) {
        try {
            return new WsmanSession(http, host, timeout);
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
    }

    private static URI endpoint(URI uri, boolean tls) {
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? HTTPS_PORT : HTTP_PORT;
        String host = uri.getHost();
        return URI.create((tls ? "https" : "http") + "://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port + "/wsman");
    }

    private static SSLContext defaultTls(KeyManager[] keys) {
        try {
            if (keys == null) return SSLContext.getDefault();
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(keys, null, null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new CimException(CimError.FAILED, "TLS is not available: " + e.getMessage(), e);
        }
    }

    /** The key pair of a PKCS12 store, opened with the credentials' password (wiped at once). */
    private static KeyManager[] clientKeys(String path, Credentials c, String shown) {
        if (c == null) throw new CimException(CimError.ACCESS_DENIED, "a client key store needs its password as the credentials' password (" + shown + ")");
        char[] password = c.password();
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            return kmf.getKeyManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new CimException(CimError.ACCESS_DENIED, "cannot open the client key store " + path + ": " + e.getClass().getSimpleName(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static WsmanHttp.Auth auth(String given, boolean tls, String shown) {
        if (given == null) return tls ? WsmanHttp.Auth.BASIC : WsmanHttp.Auth.NTLM;
        return switch (given.toLowerCase(Locale.ROOT)) {
            case "basic" -> WsmanHttp.Auth.BASIC;
            case "ntlm" -> WsmanHttp.Auth.NTLM;
            case "kerberos" -> WsmanHttp.Auth.KERBEROS;
            default -> throw new CimException(CimError.INVALID_PARAMETER, "unknown auth in " + shown + "; write auth=ntlm, auth=basic or auth=kerberos");
        };
    }

    /** The query's parameters; only {@value #PARAMETERS} are known. */
    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        String q = uri.getRawQuery();
        if (q == null || q.isEmpty()) return out;
        for (String part : q.split("&")) {
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            if (!k.equals("certificate-sha256") && !k.equals("auth") && !k.equals("client-keystore"))
                throw new CimException(CimError.INVALID_PARAMETER, "unknown parameter in " + Redaction.uri(uri) + "; the known ones are " + PARAMETERS);
            out.put(k, URLDecoder.decode(eq < 0 ? "" : part.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
