package io.hyperv4j.wsman.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyperv4j.wsman.ServedLab;
import io.hyperv4j.wsman.TestKdc;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import javax.security.auth.Subject;
import org.junit.jupiter.api.Test;

/**
 * {@link SealedMessageTest} with Kerberos (a ticket from the real KDC, {@link TestKdc}): the connection is
 * authenticated by an empty POST whose 200 carries the server's AP-REP, then every message is sealed with
 * the Kerberos context. Also: a plaintext request carrying a fresh ticket of its own is refused over HTTP
 * (a client cannot skip sealing by authenticating every request).
 */
class KerberosSealedMessageTest extends SealedMessageTest {
    @Override
    ServedLab.Security security() {
        return ServedLab.Security.KERBEROS;
    }

    private static Subject ops() throws Exception {
        TestKdc.dir();
        return Kerberos.login("ops@" + TestKdc.REALM, TestKdc.opsPassword());
    }

    @Override
    Session handshake() throws Exception {
        HttpConnection c = new HttpConnection(endpoint, null, T, 1 << 24);
        Kerberos.Initiated i = Kerberos.initiate(ops(), "localhost");
        HttpConnection.Reply r = c.post(Map.of("Authorization", "Negotiate " + Base64.getEncoder().encodeToString(i.token())), new byte[0], T);
        assertEquals(200, r.statusCode());
        return new Session(c, new KerberosSecurity(i.complete(ConnectionCarrier.negotiateToken(r)), KerberosSecurity.SPNEGO_PROTOCOL), null);
    }

    @Test
    void plaintextWithAFreshTicketIsRefusedOverHttp() throws Exception {
        HttpConnection c = new HttpConnection(endpoint, null, T, 1 << 24);
        Kerberos.Initiated i = Kerberos.initiate(ops(), "localhost");
        HttpConnection.Reply r = c.post(Map.of("Content-Type", "application/soap+xml;charset=UTF-8",
                "Authorization", "Negotiate " + Base64.getEncoder().encodeToString(i.token())), start().getBytes(StandardCharsets.UTF_8), T);
        assertEquals(400, r.statusCode());
        assertEquals(3, state(), "still off");
        c.close();
    }
}
