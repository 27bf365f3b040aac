package io.hyperv4j.wsman.internal;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.wsman.internal.ntlm.NtlmCrypto;
import io.hyperv4j.wsman.internal.ntlm.NtlmInitiator;
import io.hyperv4j.wsman.internal.ntlm.NtlmSecurity;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests over connections authenticated with NTLMv2, every message sealed in WinRM's encrypted
 * multipart format. A new connection runs the handshake (NEGOTIATE, then AUTHENTICATE carrying the
 * first sealed request); afterwards it is kept for reuse, one request at a time, and dropped once idle
 * longer than {@link #MAX_IDLE} (before the server's keep-alive would close it under a request) or
 * after any failure. Only the NT hash of the password is kept, wiped on close.
 */
final class NtlmCarrier implements WsmanHttp.Carrier {
    static final Duration MAX_IDLE = Duration.ofSeconds(20);
    private final URI endpoint;
    private final Duration connectTimeout;
    private final int maxReply;
    private final String user;
    private final String domain;
    private final byte[] ntHash;
    private final Deque<Sealed> idle = new ArrayDeque<>();
    private boolean closed;

    private record Sealed(HttpConnection connection, NtlmSecurity security) {}

    NtlmCarrier(URI endpoint, Duration connectTimeout, int maxReply, String user, char[] password) {
        this.endpoint = endpoint;
        this.connectTimeout = connectTimeout;
        this.maxReply = maxReply;
        int slash = user.indexOf('\\');
        this.domain = slash < 0 ? "" : user.substring(0, slash);
        this.user = user.substring(slash + 1);
        this.ntHash = NtlmCrypto.ntHash(password);
    }

    @Override
    public HttpConnection.Reply post(byte[] envelope, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", EncryptedMultipart.contentType(NtlmSecurity.PROTOCOL));
        Sealed s = reuse();
        if (s == null) {
            HttpConnection c = new HttpConnection(endpoint, connectTimeout, maxReply);
            try {
                NtlmInitiator initiator = new NtlmInitiator();
                HttpConnection.Reply challenge = c.post(Map.of("Authorization", "Negotiate " + b64(initiator.negotiate())), new byte[0], left(deadline));
                byte[] token = token(challenge);
                if (token == null) {
                    c.close();
                    if (challenge.statusCode() == 401) return challenge;
                    throw new CimException(CimError.TRANSPORT_FAILURE, "the server did not answer NTLM's NEGOTIATE with a challenge (HTTP " + challenge.statusCode() + ")");
                }
                NtlmInitiator.Authenticated a = initiator.authenticate(token, user, domain, ntHash);
                headers.put("Authorization", "Negotiate " + b64(a.message()));
                s = new Sealed(c, a.security());
            } catch (IOException | RuntimeException e) {
                c.close();
                if (e instanceof IllegalArgumentException) throw new CimException(CimError.TRANSPORT_FAILURE, "the server's NTLM challenge is unusable: " + e.getMessage(), e);
                throw e;
            }
        }
        HttpConnection.Reply r;
        try {
            r = s.connection().post(headers, EncryptedMultipart.encode(s.security(), envelope), left(deadline));
        } catch (IOException | RuntimeException e) {
            s.connection().close();
            throw e;
        }
        if (r.statusCode() == 401 || !EncryptedMultipart.isEncrypted(r.header("Content-Type"))) {
            s.connection().close();
            return r;
        }
        byte[] plain;
        try {
            plain = EncryptedMultipart.decode(s.security(), r.body());
        } catch (SecurityException | IllegalArgumentException e) {
            s.connection().close();
            throw new CimException(CimError.TRANSPORT_FAILURE, "the server's sealed reply does not unseal: " + e.getMessage(), e);
        }
        if ("close".equalsIgnoreCase(r.header("Connection"))) s.connection().close();
        else release(s);
        return new HttpConnection.Reply(r.statusCode(), r.headers(), plain);
    }

    /** The NTLM token of a 401's {@code WWW-Authenticate: Negotiate TOKEN}, or null. */
    private static byte[] token(HttpConnection.Reply r) {
        if (r.statusCode() != 401) return null;
        for (String v : r.headers().getOrDefault("www-authenticate", List.of())) {
            for (String offer : v.split(",")) {
                String o = offer.trim();
                int space = o.indexOf(' ');
                if (space > 0 && (o.regionMatches(true, 0, "Negotiate", 0, 9) || o.regionMatches(true, 0, "NTLM", 0, 4))) {
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

    private synchronized Sealed reuse() {
        for (Sealed s; (s = idle.pollLast()) != null; ) {
            if (s.connection().idle().compareTo(MAX_IDLE) < 0) return s;
            s.connection().close();
        }
        return null;
    }

    private synchronized void release(Sealed s) {
        if (closed) s.connection().close();
        else idle.addLast(s);
    }

    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    @Override
    public synchronized void close() {
        closed = true;
        idle.forEach(s -> s.connection().close());
        idle.clear();
        Arrays.fill(ntHash, (byte) 0);
    }
}
