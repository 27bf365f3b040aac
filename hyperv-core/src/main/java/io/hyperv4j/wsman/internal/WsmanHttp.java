package io.hyperv4j.wsman.internal;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.spi.Redaction;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.security.auth.Subject;
import javax.security.auth.login.LoginException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WS-Management endpoint: POSTs envelopes at most {@value #MAX_IN_FLIGHT} at once (the bound on
 * the connection pool), each bounded by its own timeout, and retries a request only when the caller
 * says it is safe to repeat. With {@link Auth#BASIC} over java.net.http; with {@link Auth#NTLM} and
 * {@link Auth#KERBEROS} over connections authenticated once that seal every message over HTTP
 * ({@link ConnectionCarrier}).
 *
 * <p>For Basic the password is kept as a {@code char[]} (wiped by {@link #close}); the Authorization
 * header is built for each request and the bytes it was built from are wiped at once. For NTLM only
 * the password's NT hash is kept.
 */
public final class WsmanHttp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WsmanHttp.class);
    static final int MAX_IN_FLIGHT = 8;
    private static final int MAX_REPLY = Soap.MAX_ENVELOPE * 64;
    private static final int ATTEMPTS = 3;
    private static final Duration RETRY_PAUSE = Duration.ofMillis(200);

    private final URI endpoint;
    private final String shown;
    private final Semaphore slots = new Semaphore(MAX_IN_FLIGHT, true);
    private final String user;
    private final Carrier carrier;

    /** How requests are authenticated. */
    public enum Auth {
        /** HTTP Basic on every request (over HTTPS, or over HTTP where the server allows it). */
        BASIC,
        /** NTLMv2 per connection, every message sealed (over HTTP, as WinRM requires by default). */
        NTLM,
        /** A client certificate presented in the TLS handshake (HTTPS, WS-Management's mutual profile). */
        CERTIFICATE,
        /**
         * Kerberos (SPNEGO under the Negotiate scheme) per connection, tickets from the KDC ({@link Kerberos}),
         * the server's mutual authentication required, every message sealed over HTTP.
         */
        KERBEROS
    }

    /** The Authorization value of WS-Management's HTTPS mutual-authentication profile ([DSP0226] C.3.5). */
    public static final String MUTUAL = "http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/https/mutual";

    /** How a request reaches the server and its reply comes back (the body already unsealed). */
    interface Carrier extends AutoCloseable {
        HttpConnection.Reply post(byte[] envelope, Duration timeout) throws IOException;

        @Override
        void close();
    }

    public WsmanHttp(URI endpoint, SSLContext tls, Auth auth, String user, char[] password, Duration connectTimeout) {
        this.endpoint = endpoint;
        this.shown = Redaction.uri(endpoint);
        this.user = user;
        this.carrier = switch (auth) {
            case NTLM -> new ConnectionCarrier(endpoint, tls, connectTimeout, MAX_REPLY, new NtlmHandshake(user, password));
            case KERBEROS -> new ConnectionCarrier(endpoint, tls, connectTimeout, MAX_REPLY, new KerberosHandshake(kerberosLogin(endpoint, user, password), endpoint.getHost()));
            case BASIC -> new BasicCarrier(endpoint, tls, basicHeader(user, password), connectTimeout);
            case CERTIFICATE -> new BasicCarrier(endpoint, tls, () -> MUTUAL, connectTimeout);
        };
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * Sends one envelope and returns the parsed reply (a fault is thrown as its WMI error).
     *
     * @param idempotent whether the request may be sent again after a connection failure
     */
    public Soap.Message send(String envelope, Duration timeout, boolean idempotent, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                return sendOnce(envelope, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())), what);
            } catch (RetryableIo e) {
                boolean again = idempotent && attempt < ATTEMPTS && System.nanoTime() + RETRY_PAUSE.toNanos() < deadline;
                if (!again) throw new CimException(CimError.TRANSPORT_FAILURE, what + " on " + shown + " failed: " + e.getMessage()
                        + (idempotent ? "" : " (not retried: the request may have run)"), e.getCause());
                LOG.debug("{} on {} failed ({}), retrying", what, shown, e.getMessage());
                sleep(RETRY_PAUSE);
            }
        }
    }

    private Soap.Message sendOnce(String envelope, Duration timeout, String what) throws RetryableIo {
        HttpConnection.Reply r;
        try {
            if (!slots.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS))
                throw new CimException(CimError.TIMED_OUT, what + " on " + shown + ": no free connection within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CimException(CimError.CALL_CANCELLED, what + " on " + shown + " interrupted", e);
        }
        try {
            r = carrier.post(envelope.getBytes(StandardCharsets.UTF_8), timeout);
        } catch (HttpTimeoutException e) {
            throw new CimException(CimError.TIMED_OUT, what + " on " + shown + ": no answer within " + timeout, e);
        } catch (IOException e) {
            throw new RetryableIo(String.valueOf(e.getMessage()), e);
        } finally {
            slots.release();
        }
        if (r.statusCode() == 401)
            throw new CimException(CimError.ACCESS_DENIED, what + " on " + shown + ": the server refused the credentials of "
                    + (user == null ? "the current identity" : Redaction.user(user)) + " (HTTP 401)");
        if (r.body().length > MAX_REPLY)
            throw new CimException(CimError.TRANSPORT_FAILURE, what + " on " + shown + ": the reply is too large (" + r.body().length + " bytes)");
        if (r.statusCode() != 200 && r.statusCode() != 500)
            throw new CimException(CimError.TRANSPORT_FAILURE, what + " on " + shown + ": HTTP " + r.statusCode());
        Soap.Message m;
        try {
            m = Soap.Message.of(Xml.parse(r.body()));
        } catch (IllegalArgumentException e) {
            throw new CimException(CimError.TRANSPORT_FAILURE, what + " on " + shown + ": the reply is not a SOAP envelope: " + e.getMessage(), e);
        }
        var fault = m.fault();
        if (fault.isPresent()) throw fault.get().exception();
        return m;
    }

    /** Makes the Authorization value of each request; closing wipes what it keeps. */
    private interface Authorizer extends AutoCloseable {
        String header() throws IOException;

        @Override
        default void close() {}
    }

    /** Basic: the password kept as a {@code char[]}, the header built per request from bytes wiped at once. */
    private static Authorizer basicHeader(String user, char[] password) {
        char[] kept = password.clone();
        return new Authorizer() {
            @Override
            public String header() {
                byte[] token = basicToken(user, kept);
                try {
                    return "Basic " + new String(token, StandardCharsets.US_ASCII);
                } finally {
                    Arrays.fill(token, (byte) 0);
                }
            }

            @Override
            public void close() {
                Arrays.fill(kept, '\0');
            }
        };
    }

    /** Kerberos: logs in once, with the password or (when there is none) from the ticket cache. */
    private static Subject kerberosLogin(URI endpoint, String user, char[] password) {
        String principal = Kerberos.principal(user);
        try {
            return Kerberos.login(principal, password);
        } catch (LoginException e) {
            throw new CimException(CimError.ACCESS_DENIED, "Kerberos login of " + (principal == null ? "the ticket cache" : Redaction.user(principal))
                    + " for " + Redaction.uri(endpoint) + " failed: " + e.getMessage(), e);
        }
    }

    /** Requests over java.net.http's pool, each with the authorizer's header. */
    private static final class BasicCarrier implements Carrier {
        private final HttpClient client;
        private final ExecutorService executor;
        private final Authorizer authorizer;
        private final URI endpoint;

        BasicCarrier(URI endpoint, SSLContext tls, Authorizer authorizer, Duration connectTimeout) {
            this.endpoint = endpoint;
            this.authorizer = authorizer;
            this.executor = Executors.newFixedThreadPool(MAX_IN_FLIGHT, r -> {
                Thread t = new Thread(r, "hyperv4j-wsman-http");
                t.setDaemon(true);
                return t;
            });
            HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                    .connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER);
            if (tls != null) b.sslContext(tls);
            this.client = b.build();
        }

        @Override
        public HttpConnection.Reply post(byte[] envelope, Duration timeout) throws IOException {
            HttpRequest.Builder rb = HttpRequest.newBuilder(endpoint).timeout(timeout)
                    .header("Content-Type", "application/soap+xml;charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(envelope));
            rb.header("Authorization", authorizer.header());
            try {
                HttpResponse<byte[]> r = client.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
                return new HttpConnection.Reply(r.statusCode(), Map.of(), r.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CimException(CimError.CALL_CANCELLED, "interrupted", e);
            }
        }

        @Override
        public void close() {
            authorizer.close();
            executor.shutdownNow();
        }
    }

    /** The Base64 of {@code user:password} (RFC 7617) as bytes, for the caller to wipe; every intermediate copy is wiped. */
    public static byte[] basicToken(String user, char[] password) {
        byte[] u = (user + ":").getBytes(StandardCharsets.UTF_8);
        var pw = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] raw = new byte[u.length + pw.remaining()];
        System.arraycopy(u, 0, raw, 0, u.length);
        pw.get(raw, u.length, pw.remaining());
        Arrays.fill(pw.array(), (byte) 0);
        try {
            return Base64.getEncoder().encode(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CimException(CimError.CALL_CANCELLED, "interrupted", e);
        }
    }

    @Override
    public void close() {
        carrier.close();
    }

    /** A failure before any reply: the request may be sent again if it is idempotent. */
    private static final class RetryableIo extends Exception {
        RetryableIo(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
