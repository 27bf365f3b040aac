package io.hyperv4j.wsman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.v2.V2;
import io.hyperv4j.spi.Credentials;
import io.hyperv4j.wsman.server.KerberosService;
import io.hyperv4j.wsman.server.SelfSignedTls;
import io.hyperv4j.wsman.server.WsmanServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kerberos end to end through a real MIT KDC on loopback ({@code .ci/kdc}, started by {@code .ci/run}; the
 * directory is {@code HYPERV4J_KDC}, default {@code /tmp/hyperv4j-kdc}): the client logs in as
 * {@code ops@HYPERV4J.TEST} with its password, gets a ticket for {@code HTTP/localhost} and sends it
 * under Negotiate; the server accepts it with the service's keytab and maps the principal to its user.
 * Under {@code CI=true} a missing KDC fails the test; elsewhere it skips.
 */
class KerberosTest {
    private static final String REALM = TestKdc.REALM;
    private static Path kdc;
    private static char[] opsPassword;
    private Lab lab;
    private WsmanServer server;

    @BeforeAll
    static void kdc() throws IOException {
        kdc = TestKdc.dir();
        opsPassword = TestKdc.opsPassword();
    }

    @BeforeEach
    void serve() {
        lab = Lab.standalone();
        lab.write(Duration.ofSeconds(10), txn -> lab.createVm(txn, lab.host(Lab.DEFAULT_HOST), "by-kerberos"));
        server = WsmanServer.start(lab.session(Lab.DEFAULT_HOST), 0, null, ServedLab.USER, ServedLab.credentials().password(), List.of(),
                new KerberosService(kdc.resolve("http.keytab"), "HTTP/localhost@" + REALM));
    }

    @AfterEach
    void stop() {
        server.close();
        lab.close();
    }

    private CimSession open(Credentials c) {
        URI uri = URI.create("wsman://localhost:" + server.port() + "?auth=kerberos");
        return new WsmanTransport().open(uri, Optional.of(c), Duration.ofSeconds(30));
    }

    private static List<String> vmNames(CimSession s) {
        return s.query(V2.NAMESPACE, "SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'").stream().map(i -> i.getString("ElementName")).toList();
    }

    @Test
    void aTicketFromTheKdcAuthenticatesEveryRequest() {
        try (CimSession s = open(new Credentials("ops@" + REALM, opsPassword.clone(), null))) {
            assertEquals(List.of("by-kerberos"), vmNames(s));
            assertEquals(List.of("by-kerberos"), vmNames(s));
        }
    }

    @Test
    void theRealmMayComeAsTheDomain() {
        try (CimSession s = open(new Credentials("ops", opsPassword.clone(), REALM))) {
            assertEquals(List.of("by-kerberos"), vmNames(s));
        }
    }

    @Test
    void aWrongPasswordIsRefusedByTheKdcWithoutShowingIt() {
        CimException e = assertThrows(CimException.class, () -> open(new Credentials("ops@" + REALM, "not-the-password".toCharArray(), null)).close());
        assertEquals(CimError.ACCESS_DENIED, e.error());
        assertFalse(e.getMessage().contains("not-the-password"), e.getMessage());
    }

    @Test
    void pywinrmsKerberosTransportAuthenticatesWithATicketFromTheCacheOverHttps(@TempDir Path dir) throws Exception {
        Pywinrm.require("requests_kerberos", "python3-requests-kerberos");
        pywinrm(dir, "kerberos", true);
    }

    /**
     * Sealing checked against an independent implementation: MIT's GSS-API IOV wrap and unwrap (through
     * python3-gssapi) in pywinrm's Kerberos encryption, both directions; the script also requires the
     * server's mutual-authentication token.
     */
    @Test
    void pywinrmSealsWithMitsIovWrapAndTheServerUnsealsAndSealsBack(@TempDir Path dir) throws Exception {
        Pywinrm.require("requests_kerberos", "python3-requests-kerberos");
        Pywinrm.require("gssapi", "python3-gssapi");
        var r = pywinrm(dir, "kerberos-sealed", false);
        assertTrue(r.get("encrypted").asBoolean(), r.toString());
        assertTrue(r.get("mutuallyAuthenticated").asBoolean(), r.toString());
    }

    private com.fasterxml.jackson.databind.JsonNode pywinrm(Path dir, String transport, boolean https) throws Exception {
        Path cache = dir.resolve("ccache");
        Map<String, String> env = Map.of("KRB5_CONFIG", kdc.resolve("krb5.conf").toString(), "KRB5CCNAME", "FILE:" + cache);
        ProcessBuilder kinit = new ProcessBuilder("kinit", "ops@" + REALM).redirectErrorStream(true);
        kinit.environment().putAll(env);
        Process p = kinit.start();
        try (var in = p.getOutputStream()) {
            in.write((new String(opsPassword) + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, said);
        Lab pyLab = Pywinrm.lab();
        SelfSignedTls tls = https ? SelfSignedTls.generate(dir) : null;
        WsmanServer served = WsmanServer.start(pyLab.session(Lab.DEFAULT_HOST), 0, tls == null ? null : tls.context(), ServedLab.USER, ServedLab.credentials().password(), List.of(),
                TestKdc.service());
        try (pyLab; served) {
            Map<String, String> all = new HashMap<>(env);
            all.put("HYPERV4J_PASSWORD", "unused: the ticket comes from the cache");
            if (tls != null) all.put("REQUESTS_CA_BUNDLE", tls.certificatePem(dir).toString());
            return Pywinrm.check(dir, pyLab, (https ? "https" : "http") + "://localhost:" + served.port() + "/wsman", "ops@" + REALM, transport, all);
        }
    }

    @Test
    void aPrincipalThatIsNotTheServedUserIsRefused() {
        server.close();
        server = WsmanServer.start(lab.session(Lab.DEFAULT_HOST), 0, null, "administrator", ServedLab.credentials().password(), List.of(),
                new KerberosService(kdc.resolve("http.keytab"), "HTTP/localhost@" + REALM));
        CimException e = assertThrows(CimException.class, () -> open(new Credentials("ops@" + REALM, opsPassword.clone(), null)).close());
        assertEquals(CimError.ACCESS_DENIED, e.error());
    }

    @Test
    void aServiceWithoutTheKeysRefusesTheTicket() throws IOException {
        // Another keytab holding no key for HTTP/localhost: the ticket cannot be decrypted, so HTTP 401.
        Path empty = Files.createTempFile("hyperv4j-empty", ".keytab");
        Files.write(empty, new byte[] {5, 2});
        server.close();
        server = WsmanServer.start(lab.session(Lab.DEFAULT_HOST), 0, null, ServedLab.USER, ServedLab.credentials().password(), List.of(),
                new KerberosService(empty, "HTTP/localhost@" + REALM));
        try {
            CimException e = assertThrows(CimException.class, () -> open(new Credentials("ops@" + REALM, opsPassword.clone(), null)).close());
            assertEquals(CimError.ACCESS_DENIED, e.error());
        } finally {
            Files.delete(empty);
        }
    }
}
