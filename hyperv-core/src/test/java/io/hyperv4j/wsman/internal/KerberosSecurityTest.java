package io.hyperv4j.wsman.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.spi.Credentials;
import io.hyperv4j.wsman.ServedLab;
import io.hyperv4j.wsman.TestKdc;
import io.hyperv4j.wsman.WsmanTransport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.security.auth.Subject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kerberos contexts made through the real KDC ({@link TestKdc}) in this JVM: the sealed layout is the IOV
 * one (header = token header with RRC, the rotated trailer and the confounder; data = the encrypted
 * plaintext alone), messages unseal both ways in order, and the client refuses a server that does not
 * authenticate itself: no AP-REP in the 200, or one that does not verify (through a proxy that strips or
 * alters it).
 */
class KerberosSecurityTest {
    private static final Duration T = Duration.ofSeconds(20);

    private record Pair(KerberosSecurity client, KerberosSecurity server) {}

    private static Kerberos.Initiated initiate() throws Exception {
        TestKdc.dir();
        Subject ops = Kerberos.login("ops@" + TestKdc.REALM, TestKdc.opsPassword());
        return Kerberos.initiate(ops, "localhost");
    }

    private static Kerberos.Accepted accept(byte[] token) {
        Path keytab = TestKdc.dir().resolve("http.keytab");
        return Kerberos.accept(Kerberos.service(keytab, "HTTP/localhost@" + TestKdc.REALM), token).orElseThrow();
    }

    private static Pair pair() throws Exception {
        Kerberos.Initiated i = initiate();
        Kerberos.Accepted a = accept(i.token());
        assertEquals("ops@" + TestKdc.REALM, a.client());
        return new Pair(new KerberosSecurity(i.complete(a.reply()), KerberosSecurity.SPNEGO_PROTOCOL),
                new KerberosSecurity(a.context(), KerberosSecurity.SPNEGO_PROTOCOL));
    }

    @Test
    void theSealedLayoutIsTheIovOneWithTheTrailerRotatedIntoTheHeader() throws Exception {
        Pair p = pair();
        byte[] plain = "<s:Envelope>a WS-Management message</s:Envelope>".getBytes(StandardCharsets.UTF_8);
        MessageSecurity.Sealed s = p.client().wrap(plain);
        byte[] h = s.signature();
        assertEquals(0x05, h[0]);
        assertEquals(0x04, h[1]);
        assertEquals(0x02, h[2] & 0x02, "Sealed flag");
        int ec = (h[4] & 0xff) << 8 | h[5] & 0xff;
        int rrc = (h[6] & 0xff) << 8 | h[7] & 0xff;
        // aes256-cts-hmac-sha1-96: the filler, the 16-byte header copy and the 12-byte checksum move; the confounder follows.
        assertEquals(ec + 16 + 12, rrc);
        assertEquals(16 + rrc + 16, h.length);
        assertEquals(plain.length, s.data().length, "the data part is the encrypted plaintext alone");
        assertFalse(Arrays.equals(plain, s.data()));
        assertArrayEquals(plain, p.server().unwrap(s));
    }

    @Test
    void messagesUnsealBothWaysInOrderAndNotTwice() throws Exception {
        Pair p = pair();
        for (int n = 0; n < 3; n++) {
            byte[] request = ("request " + n).getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(request, p.server().unwrap(p.client().wrap(request)));
            byte[] reply = ("reply " + n).getBytes(StandardCharsets.UTF_8);
            MessageSecurity.Sealed sealed = p.server().wrap(reply);
            assertArrayEquals(reply, p.client().unwrap(sealed));
            assertThrows(SecurityException.class, () -> p.client().unwrap(sealed), "replayed");
        }
        MessageSecurity.Sealed own = p.client().wrap(new byte[] {1});
        assertThrows(SecurityException.class, () -> p.client().unwrap(own), "a message reflected back to its sender");
    }

    @Test
    void aMessageAheadOfItsTurnIsRefused() throws Exception {
        Pair p = pair();
        p.client().wrap(new byte[] {1});
        MessageSecurity.Sealed second = p.client().wrap(new byte[] {2});
        assertThrows(SecurityException.class, () -> p.server().unwrap(second));
    }

    @Test
    void theClientRefusesAMissingOrAlteredReplyToken() throws Exception {
        SecurityException none = assertThrows(SecurityException.class, () -> initiate().complete(null));
        assertTrue(none.getMessage().contains("did not authenticate itself"), none.getMessage());
        Kerberos.Initiated i = initiate();
        byte[] reply = accept(i.token()).reply();
        reply[reply.length - 5] ^= 1;
        assertThrows(SecurityException.class, () -> i.complete(reply));
    }

    @Test
    void theTransportRefusesAServerThatOmitsOrAltersItsMutualAuthenticationToken(@TempDir Path dir) throws Exception {
        try (ServedLab served = ServedLab.serve(Lab.standalone(), Lab.DEFAULT_HOST, ServedLab.Security.KERBEROS, dir)) {
            Credentials ops = served.login();
            assertEquals(0, viaProxy(served, ops, v -> null), "a stripped token");
            assertEquals(0, viaProxy(served, ops, v -> v.substring(0, v.length() - 8) + (v.endsWith("AAAAAAAA") ? "BBBBBBBB" : "AAAAAAAA")), "an altered token");
            assertEquals(1, viaProxy(served, ops, v -> v), "the control: the token passed on as it came");
        }
    }

    /**
     * Opens a session through a proxy that rewrites the WWW-Authenticate of 200 replies and counts the
     * sessions that opened: 1 when the client accepted the server, 0 when it refused with ACCESS_DENIED.
     */
    private static int viaProxy(ServedLab served, Credentials credentials, UnaryOperator<String> rewrite) throws Exception {
        URI target = URI.create("http://localhost:" + served.server.port() + "/wsman");
        HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        // One upstream connection for the whole client connection: the server keeps the context per connection.
        HttpConnection[] upstream = new HttpConnection[1];
        proxy.createContext("/wsman", ex -> {
            try (ex) {
                if (upstream[0] == null) upstream[0] = new HttpConnection(target, null, T, 1 << 24);
                Map<String, String> headers = new java.util.LinkedHashMap<>();
                ex.getRequestHeaders().forEach((k, v) -> {
                    if (k.equalsIgnoreCase("Authorization") || k.equalsIgnoreCase("Content-Type")) headers.put(k, v.get(0));
                });
                HttpConnection.Reply r = upstream[0].post(headers, ex.getRequestBody().readAllBytes(), T);
                r.headers().forEach((k, vs) -> vs.forEach(v -> {
                    if (!k.equals("www-authenticate")) {
                        if (!k.equals("content-length") && !k.equals("connection") && !k.equals("date")) ex.getResponseHeaders().add(k, v);
                    } else if (r.statusCode() != 200) {
                        ex.getResponseHeaders().add(k, v);
                    } else {
                        String changed = rewrite.apply(v);
                        if (changed != null) ex.getResponseHeaders().add(k, changed);
                    }
                }));
                ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
                ex.getResponseBody().write(r.body());
            }
        });
        proxy.start();
        try {
            URI uri = URI.create("wsman://localhost:" + proxy.getAddress().getPort() + "?auth=kerberos");
            try (var s = new WsmanTransport().open(uri, Optional.of(credentials), T)) {
                s.query("root\\virtualization\\v2", "SELECT * FROM Msvm_ComputerSystem");
                return 1;
            } catch (CimException e) {
                assertEquals(CimError.ACCESS_DENIED, e.error(), e.getMessage());
                assertTrue(e.getMessage().contains("did not prove"), e.getMessage());
                return 0;
            }
        } finally {
            proxy.stop(0);
            if (upstream[0] != null) upstream[0].close();
        }
    }
}
