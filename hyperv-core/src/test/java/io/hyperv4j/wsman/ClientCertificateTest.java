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
 * handshake, and still accepts Basic.
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

    @Test
    void basicStillWorksBesideCertificates() {
        URI uri = URI.create("wsmans://127.0.0.1:" + server.port() + "?certificate-sha256=" + serverPin);
        try (CimSession s = new WsmanTransport().open(uri, Optional.of(ServedLab.credentials()), Duration.ofSeconds(20))) {
            assertEquals(1, s.query(V2.NAMESPACE, "SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'").size());
        }
    }
}
