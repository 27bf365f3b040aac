package io.hyperv4j.wsman.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimSession;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.wsman.Pywinrm;
import io.hyperv4j.wsman.ServedLab;
import io.hyperv4j.wsman.WsmanTransport;
import io.hyperv4j.wsman.internal.ntlm.ChannelBindings;
import io.hyperv4j.wsman.internal.ntlm.NtlmAcceptor;
import io.hyperv4j.wsman.internal.ntlm.NtlmCrypto;
import io.hyperv4j.wsman.internal.ntlm.NtlmInitiator;
import io.hyperv4j.wsman.server.SelfSignedTls;
import io.hyperv4j.wsman.server.WsmanServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NTLM over HTTPS binds the authentication to the TLS connection (MsvAvChannelBindings, [MS-NLMP]
 * 2.2.2.1 with RFC 5929's tls-server-end-point): our client's binding and pywinrm's (requests_ntlm's
 * send_cbt, an independent computation) are accepted by a server that requires one; a binding made for
 * another certificate (a relayed authentication) is refused, and so is none when one is required. The
 * NTLMv2 response's timestamp is checked against the server's clock ([MS-NLMP] 3.2.5.1.2, MaxLifetime).
 */
class NtlmChannelBindingTest {
    private static final Duration T = Duration.ofSeconds(20);
    @TempDir
    Path dir;

    private record Served(Lab lab, WsmanServer server, SelfSignedTls tls) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
            lab.close();
        }
    }

    private Served serve(boolean required) {
        SelfSignedTls tls = SelfSignedTls.generate(dir);
        Lab lab = Pywinrm.lab();
        WsmanServer server = WsmanServer.start(lab.session(Lab.DEFAULT_HOST), 0, tls.context(), ServedLab.USER, ServedLab.credentials().password());
        return new Served(lab, server.requireChannelBinding(required), tls);
    }

    @Test
    void ourClientBindsNtlmToTheTlsConnection() {
        try (Served s = serve(true)) {
            URI uri = URI.create("wsmans://127.0.0.1:" + s.server().port() + "?auth=ntlm&certificate-sha256=" + s.tls().fingerprint());
            try (CimSession c = new WsmanTransport().open(uri, Optional.of(ServedLab.credentials()), T)) {
                assertEquals(2, c.query("root\\virtualization\\v2", "SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'").size());
            }
        }
    }

    @Test
    void pywinrmsChannelBindingIsAcceptedByAServerThatRequiresOne() throws Exception {
        Pywinrm.require("winrm.protocol", "python3-winrm");
        try (Served s = serve(true)) {
            Pywinrm.check(dir, s.lab(), "https://localhost:" + s.server().port() + "/wsman", ServedLab.USER, "ntlm",
                    Map.of("HYPERV4J_PASSWORD", new String(ServedLab.credentials().password()), "REQUESTS_CA_BUNDLE", s.tls().certificatePem(dir).toString()));
        }
    }

    /** A hand-made handshake over TLS whose AUTHENTICATE carries {@code binding}: the HTTP status of the request it rides on. */
    private static int handshake(Served s, byte[] binding) throws Exception {
        URI endpoint = URI.create("https://127.0.0.1:" + s.server().port() + "/wsman");
        HttpConnection c = new HttpConnection(endpoint, PinnedTrust.context(s.tls().fingerprint(), null), T, 1 << 24);
        try {
            NtlmInitiator i = new NtlmInitiator();
            HttpConnection.Reply r = c.post(Map.of("Authorization", "Negotiate " + Base64.getEncoder().encodeToString(i.negotiate())), new byte[0], T);
            byte[] challenge = ConnectionCarrier.negotiateToken(r);
            var a = i.authenticate(challenge, ServedLab.USER, "", NtlmCrypto.ntHash(ServedLab.credentials().password()), binding);
            String identify = "<s:Envelope xmlns:s=\"" + Wsman.SOAP + "\"><s:Header/><s:Body><wsmid:Identify xmlns:wsmid=\"" + Wsman.IDENTITY
                    + "\"/></s:Body></s:Envelope>";
            return c.post(Map.of("Authorization", "Negotiate " + Base64.getEncoder().encodeToString(a.message()),
                    "Content-Type", "application/soap+xml;charset=UTF-8"), identify.getBytes(java.nio.charset.StandardCharsets.UTF_8), T).statusCode();
        } finally {
            c.close();
        }
    }

    private X509Certificate certificate(SelfSignedTls tls) {
        javax.net.ssl.X509KeyManager km = (javax.net.ssl.X509KeyManager) tls.keys()[0];
        return km.getCertificateChain(km.getServerAliases("EC", null)[0])[0];
    }

    @Test
    void aBindingForAnotherCertificateIsRefusedEvenWhenNoneIsRequired() throws Exception {
        try (Served s = serve(false)) {
            assertEquals(200, handshake(s, ChannelBindings.tlsServerEndPoint(certificate(s.tls()))), "the right binding");
            assertEquals(200, handshake(s, null), "none, and none required (Relaxed)");
            Path other = Files.createDirectory(dir.resolve("other"));
            byte[] relayed = ChannelBindings.tlsServerEndPoint(certificate(SelfSignedTls.generate(other)));
            assertEquals(401, handshake(s, relayed), "a binding for another server's certificate");
        }
    }

    @Test
    void noBindingIsRefusedWhenOneIsRequired() throws Exception {
        try (Served s = serve(true)) {
            assertEquals(401, handshake(s, null));
            assertEquals(200, handshake(s, ChannelBindings.tlsServerEndPoint(certificate(s.tls()))));
        }
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-12-06T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aResponseOlderThanMaxLifetimeIsRefused() {
        char[] pw = "Password".toCharArray();
        MovableClock clock = new MovableClock();
        for (Duration late : List.of(Duration.ofHours(1), Duration.ofHours(37))) {
            NtlmAcceptor acceptor = new NtlmAcceptor("server", clock);
            NtlmInitiator initiator = new NtlmInitiator();
            byte[] challenge = acceptor.challenge(initiator.negotiate());
            byte[] authenticate = initiator.authenticate(challenge, "User", "", NtlmCrypto.ntHash(pw)).message();
            clock.now = clock.now.plus(late);
            if (late.compareTo(NtlmAcceptor.MAX_LIFETIME) < 0) {
                assertTrue(acceptor.accept(authenticate, u -> Optional.of(NtlmCrypto.ntHash(pw))) != null);
            } else {
                SecurityException e = assertThrows(SecurityException.class, () -> acceptor.accept(authenticate, u -> Optional.of(NtlmCrypto.ntHash(pw))));
                assertTrue(e.getMessage().contains("stale"), e.getMessage());
                assertFalse(e.getMessage().contains("Password"));
            }
        }
    }
}
