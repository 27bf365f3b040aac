package io.hyperv4j.wsman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.v2.V2;
import io.hyperv4j.spi.Credentials;
import io.hyperv4j.wsman.internal.PinnedTrust;
import io.hyperv4j.wsman.server.ClientCertificateMapping;
import io.hyperv4j.wsman.server.SelfSignedTls;
import io.hyperv4j.wsman.server.WsmanServer;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS with a client certificate (WS-Management's mutual profile): certificates made at test time
 * by keytool; the server maps the one it was given to its user, refuses any other at the TLS
 * handshake, maps certificates by issuer thumbprint and subject as WinRM does, and still accepts Basic.
 */
class ClientCertificateTest {
    private static final char[] STORE_PASSWORD = "store secret".toCharArray();
    @TempDir
    Path dir;
    private Lab lab;
    private WsmanServer server;
    private String serverPin;

    @BeforeEach
    void serve() throws Exception {
        lab = Lab.standalone();
        lab.write(Duration.ofSeconds(10), txn -> lab.createVm(txn, lab.host(Lab.DEFAULT_HOST), "by-certificate"));
        SelfSignedTls keys = SelfSignedTls.generate(dir);
        serverPin = keys.fingerprint();
        String ops = PinnedTrust.fingerprint((X509Certificate) SelfSignedTls.keyStore(dir.resolve("ops.p12"), "CN=ops", STORE_PASSWORD).getCertificate("wsman"));
        SelfSignedTls.keyStore(dir.resolve("stranger.p12"), "CN=stranger", STORE_PASSWORD);
        server = WsmanServer.start(lab.session(Lab.DEFAULT_HOST), 0, keys.trustingClients(List.of(ops)), ServedLab.USER,
                ServedLab.credentials().password(), List.of(ops));
    }

    @AfterEach
    void stop() {
        server.close();
        lab.close();
    }

    private CimSession open(String store) {
        URI uri = URI.create("wsmans://127.0.0.1:" + server.port() + "?certificate-sha256=" + serverPin + "&client-keystore=" + dir.resolve(store));
        return new WsmanTransport().open(uri, Optional.of(new Credentials("ignored", STORE_PASSWORD, null)), Duration.ofSeconds(20));
    }

    @Test
    void theMappedCertificateAuthenticates() {
        try (CimSession s = open("ops.p12")) {
            assertEquals("by-certificate", s.query(V2.NAMESPACE, "SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'")
                    .get(0).getString("ElementName"));
        }
    }

    @Test
    void anotherCertificateIsRefusedWithoutShowingTheStorePassword() {
        CimException e = assertThrows(CimException.class, () -> open("stranger.p12").close());
        assertFalse(e.getMessage().contains("store secret"), e.getMessage());
    }

    /**
     * WinRM-style mappings: certificates a test CA issued, mapped by the CA's thumbprint and the subject
     * (CN or e-mail alternative name). A mapped one authenticates; one from the same CA for another
     * subject, or one with a mapped subject from another CA, is refused.
     */
    @Test
    void issuerAndSubjectMappingsAdmitOnlyTheMappedSubjectsOfTheMappedIssuer() throws Exception {
        TestCa ca = TestCa.create(dir, "corp", "CN=Corp Test CA", STORE_PASSWORD);
        TestCa rogue = TestCa.create(dir, "rogue", "CN=Rogue CA", STORE_PASSWORD);
        ca.issue("mapped-cn.p12", "CN=ops", null);
        ca.issue("mapped-mail.p12", "CN=Operations", "email:ops@corp.test");
        ca.issue("unmapped.p12", "CN=intern", null);
        rogue.issue("wrong-issuer.p12", "CN=ops", null);
        server.close();
        SelfSignedTls keys = SelfSignedTls.generate(dir);
        serverPin = keys.fingerprint();
        String thumbprint = ClientCertificateMapping.thumbprint(ca.certificate());
        server = WsmanServer.start(lab.session(Lab.DEFAULT_HOST), 0, keys.trustingIssuers(List.of(ca.certificate(), rogue.certificate())), ServedLab.USER,
                ServedLab.credentials().password(), List.of(),
                List.of(new ClientCertificateMapping(thumbprint, "ops"), new ClientCertificateMapping(thumbprint, "ops@corp.test")), null);
        for (String mapped : List.of("mapped-cn.p12", "mapped-mail.p12")) {
            try (CimSession s = open(mapped)) {
                assertEquals(1, s.query(V2.NAMESPACE, "SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'").size(), mapped);
            }
        }
        for (String refused : List.of("unmapped.p12", "wrong-issuer.p12")) {
            CimException e = assertThrows(CimException.class, () -> open(refused).close(), refused);
            assertEquals(io.hyperv4j.cim.CimError.ACCESS_DENIED, e.error(), refused + ": " + e.getMessage());
        }
    }

    @Test
    void aMappingNeedsAThumbprintAndASubject() {
        assertThrows(CimException.class, () -> new ClientCertificateMapping("not-hex", "ops"));
        assertThrows(CimException.class, () -> new ClientCertificateMapping("ab".repeat(20), " "));
        assertEquals("AB".repeat(20), new ClientCertificateMapping("ab:".repeat(19) + "ab", "ops").issuerThumbprint());
    }

    @Test
    void basicStillWorksBesideCertificates() {
        URI uri = URI.create("wsmans://127.0.0.1:" + server.port() + "?certificate-sha256=" + serverPin);
        try (CimSession s = new WsmanTransport().open(uri, Optional.of(ServedLab.credentials()), Duration.ofSeconds(20))) {
            assertEquals(1, s.query(V2.NAMESPACE, "SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'").size());
        }
    }
}
