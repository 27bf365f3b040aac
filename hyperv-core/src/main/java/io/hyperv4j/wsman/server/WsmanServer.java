package io.hyperv4j.wsman.server;

import static io.hyperv4j.wsman.internal.Wsman.*;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.Subscription;
import io.hyperv4j.wsman.internal.CimCodec;
import io.hyperv4j.wsman.internal.EncryptedMultipart;
import io.hyperv4j.wsman.internal.MessageSecurity;
import io.hyperv4j.wsman.internal.Soap;
import io.hyperv4j.wsman.internal.WsmanFault;
import io.hyperv4j.wsman.internal.Xml;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * Serves one {@link CimSession} (a simulated host's, or any other) over WS-Management as WinRM serves
 * WMI: WS-Transfer Get and Put, WS-Enumeration Enumerate/Pull/Release (WQL and association filters,
 * optimized enumeration, objects with their EPRs), method invocation, and WS-Eventing subscriptions
 * in pull mode. Listens on loopback only, at {@code /wsman}, optionally over TLS, authenticating with
 * HTTP Basic, a client certificate (over TLS; by fingerprint or by issuer and subject), NTLMv2 (Negotiate;
 * channel-bound over TLS) or Kerberos, whose context then seals every message on the connection in
 * WinRM's encrypted multipart format; over plain HTTP an NTLM or Kerberos connection must seal (as
 * WinRM's default AllowUnencrypted=false), and a message that does not unseal (tampered, replayed)
 * gets HTTP 400 and ends the context.
 *
 * <p>Every refusal is a WS-Management SOAP fault carrying the WMI error code. Input is bounded before
 * it is parsed (at most {@link Soap#MAX_ENVELOPE} bytes), a DOCTYPE is refused, unknown actions get
 * {@code a:ActionNotSupported}; nothing is changed by a refused request.
 */
public final class WsmanServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WsmanServer.class);
    /** Open enumerations and subscriptions at once; more are refused rather than exhausting memory. */
    static final int MAX_CONTEXTS = 1024;
    private static final int DEFAULT_MAX_ELEMENTS = 32_000;
    /** What WinRM's encrypted framing adds to an envelope: the parts' headers and the signature. */
    private static final int SEALING_OVERHEAD = 4096;

    private final CimSession session;
    private final HttpServer http;
    private final ExecutorService workers;
    private final ConnectionAuth auth;
    private final boolean tls;
    private final Map<String, Context> contexts = new ConcurrentHashMap<>();

    private WsmanServer(CimSession session, HttpServer http, String user, char[] password, Collection<String> clientCertificates,
            Collection<ClientCertificateMapping> mappings, KerberosService kerberos, int threads) {
        this.tls = http instanceof HttpsServer;
        this.auth = new ConnectionAuth(session.host(), user, password, clientCertificates, mappings, kerberos);
        this.session = session;
        this.http = http;
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "hyperv4j-wsman-server");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(workers);
        http.createContext("/wsman", this::handle);
        http.start();
    }

    /**
     * Starts serving {@code session} on the loopback interface.
     *
     * @param session  what to serve (the server does not close it)
     * @param port     the port, 0 for any free one
     * @param tls      the TLS context, or null for plain HTTP
     * @param user     the user Basic and NTLM authentication accept
     * @param password the password (copied into an encoded form; wipe yours afterwards)
     * @return the running server
     */
    public static WsmanServer start(CimSession session, int port, SSLContext tls, String user, char[] password) {
        return start(session, port, tls, user, password, List.of());
    }

    /**
     * Starts serving {@code session} on the loopback interface, also accepting client certificates.
     *
     * @param session            what to serve (the server does not close it)
     * @param port               the port, 0 for any free one
     * @param tls                the TLS context (one that trusts the client certificates, as
     *                           {@link SelfSignedTls#trustingClients} makes), or null for plain HTTP
     * @param user               the user Basic and NTLM authentication accept, and client certificates map to
     * @param password           the password (copied into an encoded form; wipe yours afterwards)
     * @param clientCertificates SHA-256 fingerprints of the client certificates that authenticate as {@code user}
     * @return the running server
     */
    public static WsmanServer start(CimSession session, int port, SSLContext tls, String user, char[] password, Collection<String> clientCertificates) {
        return start(session, port, tls, user, password, clientCertificates, null);
    }

    /**
     * Starts serving {@code session} on the loopback interface, also accepting client certificates and
     * Kerberos tickets (SPNEGO or raw Kerberos under Negotiate or Kerberos, per connection, answered with the
     * mutual-authentication token; over HTTP the connection's messages must then be sealed).
     *
     * @param session            what to serve (the server does not close it)
     * @param port               the port, 0 for any free one
     * @param tls                the TLS context, or null for plain HTTP
     * @param user               the user Basic and NTLM authentication accept, and certificates and Kerberos principals map to
     * @param password           the password (copied into an encoded form; wipe yours afterwards)
     * @param clientCertificates SHA-256 fingerprints of the client certificates that authenticate as {@code user}
     * @param kerberos           the Kerberos service whose tickets are accepted, or null for none
     * @return the running server
     */
    public static WsmanServer start(CimSession session, int port, SSLContext tls, String user, char[] password, Collection<String> clientCertificates,
            KerberosService kerberos) {
        return start(session, port, tls, user, password, clientCertificates, List.of(), kerberos);
    }

    /**
     * Starts serving {@code session} on the loopback interface, accepting client certificates by
     * fingerprint and by WinRM-style mapping (issuer thumbprint and subject), and Kerberos tickets.
     *
     * @param session            what to serve (the server does not close it)
     * @param port               the port, 0 for any free one
     * @param tls                the TLS context (one that trusts the clients' certificates or their issuers,
     *                           as {@link SelfSignedTls#trustingClients} and {@link SelfSignedTls#trustingIssuers} make), or null for plain HTTP
     * @param user               the user Basic and NTLM authentication accept, and certificates and Kerberos principals map to
     * @param password           the password (copied into an encoded form; wipe yours afterwards)
     * @param clientCertificates SHA-256 fingerprints of the client certificates that authenticate as {@code user}
     * @param mappings           issuer-and-subject mappings of client certificates to {@code user}
     * @param kerberos           the Kerberos service whose tickets are accepted, or null for none
     * @return the running server
     */
    public static WsmanServer start(CimSession session, int port, SSLContext tls, String user, char[] password, Collection<String> clientCertificates,
            Collection<ClientCertificateMapping> mappings, KerberosService kerberos) {
        // The JDK's server writes headers and body apart; with Nagle on, each reply waits out the client's
        // delayed ACK (~40 ms). Its only switch is this property, read once; set it unless the user did.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
        boolean certificates = !clientCertificates.isEmpty() || !mappings.isEmpty();
        if (certificates && tls == null)
            throw new CimException(CimError.INVALID_PARAMETER, "client certificates need TLS");
        try {
            InetSocketAddress at = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            HttpServer http;
            if (tls == null) {
                http = HttpServer.create(at, 64);
            } else {
                HttpsServer https = HttpsServer.create(at, 64);
                https.setHttpsConfigurator(new HttpsConfigurator(tls) {
                    @Override
                    public void configure(HttpsParameters p) {
                        SSLParameters sp = tls.getDefaultSSLParameters();
                        sp.setWantClientAuth(certificates);
                        p.setSSLParameters(sp);
                    }
                });
                http = https;
            }
            return new WsmanServer(session, http, user, password, clientCertificates, mappings, kerberos, 16);
        } catch (IOException e) {
            throw new CimException(CimError.TRANSPORT_FAILURE, "cannot listen on loopback port " + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * The port it listens on.
     *
     * @return the bound loopback port
     */
    public int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        http.stop(0);
        workers.shutdownNow();
        contexts.values().forEach(Context::close);
        contexts.clear();
        auth.close();
    }

    // ---- HTTP ----

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"POST".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "POST");
                ex.sendResponseHeaders(405, -1);
                return;
            }
            ConnectionAuth.Decision d = auth.decide(ex.getRemoteAddress(), ex.getRequestHeaders().getFirst("Authorization"), clientChain(ex),
                    serverCertificate(ex));
            if (d instanceof ConnectionAuth.Decision.Challenge c) {
                ex.getRequestBody().readNBytes(Soap.MAX_ENVELOPE + SEALING_OVERHEAD);
                c.wwwAuthenticate().forEach(v -> ex.getResponseHeaders().add("WWW-Authenticate", v));
                ex.sendResponseHeaders(401, -1);
                return;
            }
            ConnectionAuth.Decision.Proceed proceed = (ConnectionAuth.Decision.Proceed) d;
            MessageSecurity security = proceed.security();
            if (proceed.wwwAuthenticate() != null) ex.getResponseHeaders().add("WWW-Authenticate", proceed.wwwAuthenticate());
            boolean encrypted = EncryptedMultipart.isEncrypted(ex.getRequestHeaders().getFirst("Content-Type"));
            String reply;
            int status = 200;
            String messageId = null;
            try {
                byte[] body = readBounded(ex, encrypted);
                if (security != null && body.length == 0 && !encrypted) {
                    ex.sendResponseHeaders(200, -1); // the handshake's own request: authenticated, nothing to do
                    return;
                }
                if (encrypted != (security != null && !tls)) {
                    // Sealing is required for NTLM over HTTP (WinRM's AllowUnencrypted=false) and meaningless elsewhere.
                    if (security != null) auth.forget(ex.getRemoteAddress());
                    ex.sendResponseHeaders(400, -1);
                    return;
                }
                if (encrypted) body = unseal(ex, security, body);
                if (body == null) return;
                Soap.Message m = Soap.Message.of(Xml.parse(body));
                messageId = m.messageId().orElse(null);
                reply = dispatch(m);
            } catch (IllegalArgumentException e) {
                status = 500;
                reply = Soap.fault(WsmanFault.sender("w:SchemaValidationError", CimError.INVALID_PARAMETER, e.getMessage()), messageId, session.host());
            } catch (CimException e) {
                status = 500;
                reply = Soap.fault(WsmanFault.of(e), messageId, session.host());
            } catch (RuntimeException e) {
                LOG.warn("WS-Management request failed", e);
                status = 500;
                reply = Soap.fault(new WsmanFault(false, "w:InternalError", CimError.FAILED.hresult(), "internal error: " + e), messageId, session.host());
            }
            byte[] out = reply.getBytes(StandardCharsets.UTF_8);
            if (encrypted && security != null) {
                out = EncryptedMultipart.encode(security, out);
                ex.getResponseHeaders().set("Content-Type", EncryptedMultipart.contentType(security.protocol()));
            } else {
                ex.getResponseHeaders().set("Content-Type", "application/soap+xml;charset=UTF-8");
            }
            ex.sendResponseHeaders(status, out.length);
            ex.getResponseBody().write(out);
        }
    }

    /** The certificate this server presented on the exchange's TLS connection, or null over plain HTTP. */
    private static X509Certificate serverCertificate(HttpExchange ex) {
        if (!(ex instanceof HttpsExchange https)) return null;
        var chain = https.getSSLSession().getLocalCertificates();
        return chain != null && chain.length > 0 && chain[0] instanceof X509Certificate c ? c : null;
    }

    /**
     * Requires NTLM over TLS to carry a channel binding for the connection (WinRM's CbtHardeningLevel
     * Strict). Without it (Relaxed, WinRM's default) a client that sends no binding is accepted; a binding
     * that does not match the connection is refused either way.
     *
     * @param required whether a binding is required
     * @return this server
     */
    public WsmanServer requireChannelBinding(boolean required) {
        auth.requireChannelBinding(required);
        return this;
    }

    /** The certificate chain the TLS client presented (its own first), empty for none. */
    private static List<X509Certificate> clientChain(HttpExchange ex) {
        if (!(ex instanceof HttpsExchange https)) return List.of();
        try {
            return Arrays.stream(https.getSSLSession().getPeerCertificates()).filter(X509Certificate.class::isInstance)
                    .map(X509Certificate.class::cast).toList();
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }

    /** The plaintext of a sealed body, or null after answering 400 to one that does not unseal (its context is dropped). */
    private byte[] unseal(HttpExchange ex, MessageSecurity security, byte[] body) throws IOException {
        try {
            byte[] plain = EncryptedMultipart.decode(security, body);
            if (plain.length > Soap.MAX_ENVELOPE) throw tooLarge();
            return plain;
        } catch (SecurityException | IllegalArgumentException e) {
            LOG.debug("a sealed message from {} was refused: {}", ex.getRemoteAddress(), e.getMessage());
            auth.forget(ex.getRemoteAddress());
            ex.sendResponseHeaders(400, -1);
            return null;
        }
    }

    /**
     * The body, refused with {@code w:EncodingLimit} past the envelope limit. The rest of an oversized body
     * is read and dropped (up to {@link #DISCARD_LIMIT}) before the fault goes out: a server that closes
     * while the client is still sending resets the connection, and the client sees no fault at all.
     */
    private static byte[] readBounded(HttpExchange ex, boolean encrypted) throws IOException {
        int limit = Soap.MAX_ENVELOPE + (encrypted ? SEALING_OVERHEAD : 0);
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        try (InputStream in = ex.getRequestBody()) {
            if (length != null && length.trim().matches("[0-9]{1,18}") && Long.parseLong(length.trim()) > limit) {
                discard(in);
                throw tooLarge();
            }
            byte[] b = in.readNBytes(limit + 1);
            if (b.length > limit) {
                discard(in);
                throw tooLarge();
            }
            return b;
        }
    }

    /** Beyond this an oversized body is not read to its end; the connection is closed instead. */
    private static final long DISCARD_LIMIT = 16L << 20;

    private static void discard(InputStream in) throws IOException {
        byte[] buf = new byte[64 << 10];
        long left = DISCARD_LIMIT;
        for (int n; left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0; ) left -= n;
    }

    private static CimException tooLarge() {
        return WsmanFault.sender("w:EncodingLimit", CimError.INVALID_PARAMETER,
                "the message is larger than MaxEnvelopeSize (" + Soap.MAX_ENVELOPE + " bytes)").exception();
    }

    // ---- WS-Management ----

    private String dispatch(Soap.Message m) {
        if (m.body().filter(b -> Xml.is(b, IDENTITY, "Identify")).isPresent()) return identify(m);
        String action = m.action();
        String reply = switch (action) {
            case GET -> transferGet(m);
            case PUT -> transferPut(m);
            case ENUMERATE -> enumerate(m);
            case PULL -> pull(m);
            case RELEASE -> release(m);
            case SUBSCRIBE -> subscribe(m);
            case UNSUBSCRIBE -> unsubscribe(m);
            default -> null;
        };
        if (reply != null) return Soap.response(response(action), m.messageId().orElse(null), reply);
        String uri = m.resourceUri().orElse("");
        if (!uri.isEmpty() && action.startsWith(uri + "/")) return invoke(m, uri, action.substring(uri.length() + 1));
        throw WsmanFault.sender("a:ActionNotSupported", CimError.NOT_SUPPORTED,
                "the action is not supported: " + io.hyperv4j.spi.Redaction.shorten(io.hyperv4j.spi.Redaction.printable(action))).exception();
    }

    private String identify(Soap.Message m) {
        String body = "<wsmid:IdentifyResponse xmlns:wsmid=\"" + IDENTITY + "\" xmlns:h=\"" + HYPERV4J + "\">"
                + "<wsmid:ProtocolVersion>" + WSMAN + "</wsmid:ProtocolVersion><wsmid:ProductVendor>hyperv4j</wsmid:ProductVendor>"
                + "<wsmid:ProductVersion>OS: simulated Stack: 3.0</wsmid:ProductVersion>"
                + "<h:TimeAdvancesOnlyWhileWaiting>" + session.timeAdvancesOnlyWhileWaiting() + "</h:TimeAdvancesOnlyWhileWaiting>"
                + "</wsmid:IdentifyResponse>";
        return Soap.response(IDENTITY + "/IdentifyResponse", m.messageId().orElse(null), body);
    }

    private ObjectPath target(Soap.Message m) {
        String uri = m.resourceUri().orElseThrow(() -> WsmanFault.sender("w:InvalidSelectors", CimError.INVALID_PARAMETER,
                "the request names no ResourceURI").exception());
        return CimCodec.pathOf(uri, m.selectors(), null);
    }

    private String transferGet(Soap.Message m) {
        ObjectPath path = target(m);
        StringBuilder b = new StringBuilder();
        CimCodec.writeInstance(b, path.namespace(), session.get(path));
        return b.toString();
    }

    private String transferPut(Soap.Message m) {
        ObjectPath path = target(m);
        Element body = m.body().orElseThrow(() -> new CimException(CimError.INVALID_PARAMETER, "Put needs the instance in the body"));
        if (!body.getLocalName().equalsIgnoreCase(path.className()))
            throw new CimException(CimError.INVALID_PARAMETER, "the body holds a " + body.getLocalName() + ", the ResourceURI names " + path.className());
        CimInstance changed = CimCodec.readInstance(body, null).toBuilder().path(path).build();
        session.modify(changed);
        StringBuilder b = new StringBuilder();
        CimCodec.writeInstance(b, path.namespace(), session.get(path));
        return b.toString();
    }

    private String invoke(Soap.Message m, String uri, String method) {
        ObjectPath target = target(m);
        Element input = m.requireBody(uri, method + "_INPUT");
        String ns = target.namespace();
        Map<String, CimValue> in = CimCodec.readProperties(input, ns, null,
                (name, array) -> CimCodec.parameterType(ns, target.className(), method, name));
        MethodResult r = session.invoke(target, method, in);
        StringBuilder b = new StringBuilder("<p:").append(method).append("_OUTPUT xmlns:p=\"").append(Xml.escape(uri)).append("\">");
        CimCodec.writeProperties(b, "p", ns, r.out(), 0);
        b.append("<p:ReturnValue>").append(r.returnValue()).append("</p:ReturnValue></p:").append(method).append("_OUTPUT>");
        return Soap.response(uri + "/" + method + "Response", m.messageId().orElse(null), b.toString());
    }

    private String enumerate(Soap.Message m) {
        String uri = m.resourceUri().orElseThrow(() -> new CimException(CimError.INVALID_PARAMETER, "Enumerate needs a ResourceURI"));
        String ns = namespaceOf(uri);
        String cls = classOf(uri);
        Element e = m.requireBody(ENUMERATION, "Enumerate");
        Optional<Element> filter = Xml.child(e, WSMAN, "Filter");
        List<CimInstance> found;
        if (filter.isEmpty()) {
            if (cls.equals("*")) throw WsmanFault.sender("w:CannotProcessFilter", CimError.INVALID_QUERY,
                    "enumerating a whole namespace needs a WQL filter").exception();
            found = session.query(ns, "SELECT * FROM " + cls);
        } else {
            String dialect = filter.get().getAttribute("Dialect");
            if (WQL.equals(dialect)) found = session.query(ns, Xml.text(filter.get()));
            else if (ASSOCIATION_FILTER.equals(dialect)) found = associationQuery(filter.get());
            else throw WsmanFault.sender("w:FilterDialectRequestedUnavailable", CimError.NOT_SUPPORTED,
                    "filter dialect not supported: " + io.hyperv4j.spi.Redaction.printable(dialect)).exception();
        }
        boolean withEpr = Xml.child(e, WSMAN, "EnumerationMode").map(Xml::text).filter(s -> s.equals("EnumerateObjectAndEPR")).isPresent();
        Context ctx = new Context(ns, new ArrayDeque<>(found), withEpr, null);
        StringBuilder b = new StringBuilder("<n:EnumerateResponse>");
        if (Xml.child(e, WSMAN, "OptimizeEnumeration").isPresent()) {
            int max = maxElements(Xml.child(e, WSMAN, "MaxElements"));
            String items = ctx.take(max);
            if (!ctx.queue.isEmpty()) b.append("<n:EnumerationContext>").append(register(ctx)).append("</n:EnumerationContext>");
            b.append("<w:Items>").append(items).append("</w:Items>");
            if (ctx.queue.isEmpty()) b.append("<w:EndOfSequence/>");
        } else {
            b.append("<n:EnumerationContext>").append(register(ctx)).append("</n:EnumerationContext>");
        }
        return b.append("</n:EnumerateResponse>").toString();
    }

    private List<CimInstance> associationQuery(Element filter) {
        Element kind = Xml.children(filter).stream().findFirst().orElseThrow(() -> WsmanFault.sender("w:CannotProcessFilter",
                CimError.INVALID_QUERY, "an association filter needs AssociatedInstances or AssociationInstances").exception());
        ObjectPath object = CimCodec.readEpr(Xml.child(kind, CIM_BINDING, "Object").orElseThrow(() ->
                WsmanFault.sender("w:CannotProcessFilter", CimError.INVALID_QUERY, "an association filter needs an Object").exception()), null);
        String resultClass = Xml.child(kind, CIM_BINDING, "ResultClassName").map(Xml::text).orElse(null);
        if (Xml.is(kind, CIM_BINDING, "AssociatedInstances")) {
            String assoc = Xml.child(kind, CIM_BINDING, "AssociationClassName").map(Xml::text).orElse(null);
            return session.associators(object, assoc, resultClass);
        }
        if (Xml.is(kind, CIM_BINDING, "AssociationInstances")) return session.references(object, resultClass);
        throw WsmanFault.sender("w:CannotProcessFilter", CimError.INVALID_QUERY, "unknown association filter " + kind.getLocalName()).exception();
    }

    private static int maxElements(Optional<Element> e) {
        if (e.isEmpty()) return 1;
        String t = Xml.text(e.get());
        if (!t.matches("[0-9]{1,9}") || Integer.parseInt(t) == 0)
            throw WsmanFault.sender("w:InvalidParameter", CimError.INVALID_PARAMETER, "MaxElements must be a positive number").exception();
        return Math.min(Integer.parseInt(t), DEFAULT_MAX_ELEMENTS);
    }

    private String register(Context ctx) {
        if (contexts.size() >= MAX_CONTEXTS)
            throw WsmanFault.sender("w:QuotaLimit", CimError.OUT_OF_MEMORY, "too many open enumerations (" + MAX_CONTEXTS + ")").exception();
        String id = "uuid:" + UUID.randomUUID();
        contexts.put(id, ctx);
        return id;
    }

    private Context context(Element body) {
        String id = Xml.child(body, ENUMERATION, "EnumerationContext").map(Xml::text).orElse("");
        Context ctx = contexts.get(id);
        if (ctx == null) throw WsmanFault.sender("n:InvalidEnumerationContext", CimError.INVALID_PARAMETER,
                "no such enumeration context (finished, released or never opened)").exception();
        return ctx;
    }

    private String pull(Soap.Message m) {
        Element p = m.requireBody(ENUMERATION, "Pull");
        String id = Xml.child(p, ENUMERATION, "EnumerationContext").map(Xml::text).orElse("");
        Context ctx = context(p);
        int max = maxElements(Xml.child(p, ENUMERATION, "MaxElements"));
        if (ctx.events != null) {
            Duration wait = Xml.child(p, ENUMERATION, "MaxTime").map(e -> Duration.parse(Xml.text(e))).orElse(Duration.ofSeconds(1));
            CompletableFuture<Void> arrived = ctx.events.nextArrival();
            try {
                if (!arrived.isDone()) session.await(arrived, wait);
            } catch (CimException e) {
                if (e.error() != CimError.TIMED_OUT) throw e;
                throw WsmanFault.sender("w:TimedOut", CimError.TIMED_OUT, "no event within " + wait).exception();
            }
        }
        String items = ctx.take(max);
        StringBuilder b = new StringBuilder("<n:PullResponse>");
        boolean end = ctx.events == null && ctx.queue.isEmpty();
        if (end) contexts.remove(id);
        else b.append("<n:EnumerationContext>").append(Xml.escape(id)).append("</n:EnumerationContext>");
        b.append("<n:Items>").append(items).append("</n:Items>");
        if (end) b.append("<n:EndOfSequence/>");
        return b.append("</n:PullResponse>").toString();
    }

    private String release(Soap.Message m) {
        Element r = m.requireBody(ENUMERATION, "Release");
        context(r);
        Context ctx = contexts.remove(Xml.child(r, ENUMERATION, "EnumerationContext").map(Xml::text).orElse(""));
        if (ctx != null) ctx.close();
        return "";
    }

    private String subscribe(Soap.Message m) {
        String uri = m.resourceUri().orElseThrow(() -> new CimException(CimError.INVALID_PARAMETER, "Subscribe needs a ResourceURI"));
        String ns = namespaceOf(uri);
        Element s = m.requireBody(EVENTING, "Subscribe");
        String mode = Xml.child(s, EVENTING, "Delivery").map(d -> d.getAttribute("Mode")).orElse("");
        if (!PULL_DELIVERY.equals(mode))
            throw WsmanFault.sender("e:DeliveryModeRequestedUnavailable", CimError.NOT_SUPPORTED, "only pull delivery is served").exception();
        Element filter = Xml.child(s, WSMAN, "Filter").filter(f -> WQL.equals(f.getAttribute("Dialect")))
                .orElseThrow(() -> WsmanFault.sender("w:CannotProcessFilter", CimError.INVALID_QUERY, "Subscribe needs a WQL event filter").exception());
        EventQueue events = new EventQueue();
        Context ctx = new Context(ns, events.items, false, events);
        String id = register(ctx);
        try {
            events.subscription = session.subscribe(ns, Xml.text(filter), events::add);
        } catch (RuntimeException e) {
            contexts.remove(id);
            throw e;
        }
        return "<e:SubscribeResponse><e:SubscriptionManager><a:Address>" + ANONYMOUS + "</a:Address><a:ReferenceParameters>"
                + "<w:ResourceURI>" + Xml.escape(uri) + "</w:ResourceURI><e:Identifier>" + id + "</e:Identifier></a:ReferenceParameters>"
                + "</e:SubscriptionManager><n:EnumerationContext>" + id + "</n:EnumerationContext></e:SubscribeResponse>";
    }

    private String unsubscribe(Soap.Message m) {
        String id = m.header(EVENTING, "Identifier").orElse("");
        Context ctx = contexts.remove(id);
        if (ctx == null || ctx.events == null) throw WsmanFault.sender("e:InvalidMessage", CimError.INVALID_PARAMETER,
                "no such subscription").exception();
        ctx.close();
        return "";
    }

    /** An open enumeration, or a subscription's queue of events waiting to be pulled. */
    private static final class Context {
        final String namespace;
        final Deque<CimInstance> queue;
        final boolean withEpr;
        final EventQueue events;

        Context(String namespace, Deque<CimInstance> queue, boolean withEpr, EventQueue events) {
            this.namespace = namespace;
            this.queue = queue;
            this.withEpr = withEpr;
            this.events = events;
        }

        String take(int max) {
            List<CimInstance> batch = new ArrayList<>();
            synchronized (queue) {
                while (batch.size() < max && !queue.isEmpty()) batch.add(queue.poll());
            }
            StringBuilder b = new StringBuilder();
            for (CimInstance i : batch) {
                String ns = i.path() != null && i.path().namespace() != null ? i.path().namespace() : namespace;
                if (withEpr) {
                    b.append("<w:Item>");
                    CimCodec.writeInstance(b, ns, i);
                    b.append("<a:EndpointReference>");
                    CimCodec.writeEpr(b, i.path(), ns);
                    b.append("</a:EndpointReference></w:Item>");
                } else {
                    CimCodec.writeInstance(b, ns, i);
                }
            }
            return b.toString();
        }

        void close() {
            if (events != null && events.subscription != null) events.subscription.close();
        }
    }

    /** Events delivered by the session, held until a Pull takes them; at most {@value #MAX_EVENTS}, the oldest dropped. */
    private static final class EventQueue {
        static final int MAX_EVENTS = 10_000;
        final Deque<CimInstance> items = new ArrayDeque<>();
        volatile Subscription subscription;
        private CompletableFuture<Void> arrival = new CompletableFuture<>();

        void add(CimInstance event) {
            CompletableFuture<Void> done;
            synchronized (items) {
                if (items.size() >= MAX_EVENTS) items.poll();
                items.add(event);
                done = arrival;
            }
            done.complete(null);
        }

        CompletableFuture<Void> nextArrival() {
            synchronized (items) {
                if (!items.isEmpty()) return CompletableFuture.completedFuture(null);
                if (arrival.isDone()) arrival = new CompletableFuture<>();
                return arrival;
            }
        }
    }
}
