package io.hyperv4j.wsman.internal;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * Requests over connections that authenticate once ({@link Handshake}: NTLMv2, Kerberos) and then carry
 * the connection's security context: over HTTP every message is sealed in WinRM's encrypted multipart
 * format, over HTTPS messages travel as they are (TLS protects them). An authenticated connection is
 * kept for reuse, one request at a time, and dropped once idle longer than {@link #MAX_IDLE} (before the
 * server's keep-alive would close it under a request) or after any failure.
 */
final class ConnectionCarrier implements WsmanHttp.Carrier {
    static final Duration MAX_IDLE = Duration.ofSeconds(20);
    private static final String SOAP = "application/soap+xml;charset=UTF-8";
    private final URI endpoint;
    private final SSLContext tls;
    private final Duration connectTimeout;
    private final int maxReply;
    private final Handshake handshake;
    private final Deque<Authenticated> idle = new ArrayDeque<>();
    private boolean closed;

    private record Authenticated(HttpConnection connection, MessageSecurity security) {}

    /** Authenticates a new connection; closing wipes the secrets it keeps. */
    interface Handshake extends AutoCloseable {
        /**
         * The connection's security context and the headers of the first request that follows (NTLM's
         * AUTHENTICATE rides on it), or the server's refusal (a 401) to hand back.
         */
        record Opened(MessageSecurity security, Map<String, String> headers, HttpConnection.Reply refused) {
            static Opened refused(HttpConnection.Reply r) {
                return new Opened(null, Map.of(), r);
            }
        }

        Opened open(HttpConnection connection, Duration timeout) throws IOException;

        @Override
        void close();
    }

    ConnectionCarrier(URI endpoint, SSLContext tls, Duration connectTimeout, int maxReply, Handshake handshake) {
        this.endpoint = endpoint;
        this.tls = tls;
        this.connectTimeout = connectTimeout;
        this.maxReply = maxReply;
        this.handshake = handshake;
    }

    @Override
    public HttpConnection.Reply post(byte[] envelope, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> headers = new LinkedHashMap<>();
        Authenticated s = reuse();
        if (s == null) {
            HttpConnection c = new HttpConnection(endpoint, tls, connectTimeout, maxReply);
            try {
                Handshake.Opened o = handshake.open(c, left(deadline));
                if (o.refused() != null) {
                    c.close();
                    return o.refused();
                }
                headers.putAll(o.headers());
                s = new Authenticated(c, o.security());
            } catch (IOException | RuntimeException e) {
                c.close();
                throw e;
            }
        }
        boolean seal = tls == null;
        headers.put("Content-Type", seal ? EncryptedMultipart.contentType(s.security().protocol()) : SOAP);
        HttpConnection.Reply r;
        try {
            r = s.connection().post(headers, seal ? EncryptedMultipart.encode(s.security(), envelope) : envelope, left(deadline));
        } catch (IOException | RuntimeException e) {
            s.connection().close();
            throw e;
        }
        if (r.statusCode() == 401 || seal && !EncryptedMultipart.isEncrypted(r.header("Content-Type"))) {
            s.connection().close();
            return r;
        }
        byte[] plain = r.body();
        if (seal) {
            try {
                plain = EncryptedMultipart.decode(s.security(), r.body());
            } catch (SecurityException | IllegalArgumentException e) {
                s.connection().close();
                throw new CimException(CimError.TRANSPORT_FAILURE, "the server's sealed reply does not unseal: " + e.getMessage(), e);
            }
        }
        if ("close".equalsIgnoreCase(r.header("Connection"))) s.connection().close();
        else release(s);
        return new HttpConnection.Reply(r.statusCode(), r.headers(), plain);
    }

    /** The token of a reply's {@code WWW-Authenticate: Negotiate TOKEN} (or NTLM, or Kerberos), or null. */
    static byte[] negotiateToken(HttpConnection.Reply r) {
        for (String v : r.headers().getOrDefault("www-authenticate", List.of())) {
            for (String offer : v.split(",")) {
                String o = offer.trim();
                int space = o.indexOf(' ');
                if (space > 0 && (o.regionMatches(true, 0, "Negotiate ", 0, 10) || o.regionMatches(true, 0, "NTLM ", 0, 5)
                        || o.regionMatches(true, 0, "Kerberos ", 0, 9))) {
                    try {
                        return Base64.getDecoder().decode(o.substring(space + 1).trim());
                    } catch (IllegalArgumentException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }

    private synchronized Authenticated reuse() {
        for (Authenticated s; (s = idle.pollLast()) != null; ) {
            if (s.connection().idle().compareTo(MAX_IDLE) < 0) return s;
            s.connection().close();
        }
        return null;
    }

    private synchronized void release(Authenticated s) {
        if (closed) s.connection().close();
        else idle.addLast(s);
    }

    static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    @Override
    public synchronized void close() {
        closed = true;
        idle.forEach(s -> s.connection().close());
        idle.clear();
        handshake.close();
    }
}
