package io.hyperv4j.wsman.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.sim.Lab;
import io.hyperv4j.wsman.ServedLab;
import io.hyperv4j.wsman.internal.ntlm.NtlmCrypto;
import io.hyperv4j.wsman.internal.ntlm.NtlmInitiator;
import io.hyperv4j.wsman.internal.ntlm.NtlmSecurity;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sealed messages on an authenticated connection, sent by hand: a start request that arrives intact
 * runs; the same bytes replayed, the request with one bit flipped, or a plaintext request on the sealed
 * connection are refused with HTTP 400 and change nothing in the lab. Here with NTLM;
 * {@link KerberosSealedMessageTest} runs the same with Kerberos.
 */
class SealedMessageTest {
    static final Duration T = Duration.ofSeconds(20);
    @TempDir
    Path dir;
    ServedLab served;
    URI endpoint;
    String vm;

    /** How the lab is served (over HTTP). */
    ServedLab.Security security() {
        return ServedLab.Security.NTLM;
    }

    @BeforeEach
    void open() {
        served = ServedLab.serve(Lab.standalone(), Lab.DEFAULT_HOST, security(), dir);
        endpoint = URI.create("http://localhost:" + served.server.port() + "/wsman");
        vm = served.lab.write(T, txn -> served.lab.createVm(txn, served.lab.host(Lab.DEFAULT_HOST), "sealed")).id();
    }

    @AfterEach
    void close() {
        if (served != null) served.close(); // null when the set-up was aborted (no KDC here)
    }

    /** An authenticated connection, its context, and the Authorization the first sealed request carries (or null). */
    record Session(HttpConnection connection, MessageSecurity security, String authorization) {}

    Session handshake() throws Exception {
        HttpConnection c = new HttpConnection(endpoint, null, T, 1 << 24);
        NtlmInitiator i = new NtlmInitiator();
        HttpConnection.Reply r = c.post(Map.of("Authorization", "Negotiate " + Base64.getEncoder().encodeToString(i.negotiate())), new byte[0], T);
        assertEquals(401, r.statusCode());
        byte[] challenge = Base64.getDecoder().decode(r.header("WWW-Authenticate").substring("Negotiate ".length()));
        char[] pw = ServedLab.credentials().password();
        NtlmInitiator.Authenticated a = i.authenticate(challenge, ServedLab.USER, "", NtlmCrypto.ntHash(pw));
        return new Session(c, a.security(), "Negotiate " + Base64.getEncoder().encodeToString(a.message()));
    }

    String start() {
        String uri = Wsman.resourceUri("root\\virtualization\\v2", "Msvm_ComputerSystem");
        return "<s:Envelope xmlns:s=\"" + Wsman.SOAP + "\" xmlns:a=\"" + Wsman.ADDRESSING + "\" xmlns:w=\"" + Wsman.WSMAN + "\">"
                + "<s:Header><a:Action>" + uri + "/RequestStateChange</a:Action><a:MessageID>uuid:1</a:MessageID>"
                + "<w:ResourceURI>" + uri + "</w:ResourceURI><w:SelectorSet><w:Selector Name=\"Name\">" + vm + "</w:Selector>"
                + "<w:Selector Name=\"CreationClassName\">Msvm_ComputerSystem</w:Selector></w:SelectorSet></s:Header>"
                + "<s:Body><p:RequestStateChange_INPUT xmlns:p=\"" + uri + "\"><p:RequestedState>2</p:RequestedState></p:RequestStateChange_INPUT></s:Body></s:Envelope>";
    }

    long state() {
        return served.lab.session(Lab.DEFAULT_HOST).query("root\\virtualization\\v2",
                "SELECT * FROM Msvm_ComputerSystem WHERE Name = '" + vm + "'").get(0).getLong("EnabledState");
    }

    static Map<String, String> sealedHeaders(String authorization) {
        return authorization == null ? Map.of("Content-Type", EncryptedMultipart.contentType(NtlmSecurity.PROTOCOL))
                : Map.of("Content-Type", EncryptedMultipart.contentType(NtlmSecurity.PROTOCOL), "Authorization", authorization);
    }

    @Test
    void aTamperedMessageIsRefusedAndChangesNothing() throws Exception {
        Session s = handshake();
        byte[] body = EncryptedMultipart.encode(s.security(), start().getBytes(StandardCharsets.UTF_8));
        body[body.length - 40] ^= 1;
        assertEquals(400, s.connection().post(sealedHeaders(s.authorization()), body, T).statusCode());
        assertEquals(3, state(), "still off");
        s.connection().close();
    }

    @Test
    void aReplayedMessageIsRefusedAndRunsOnce() throws Exception {
        Session s = handshake();
        byte[] body = EncryptedMultipart.encode(s.security(), start().getBytes(StandardCharsets.UTF_8));
        HttpConnection.Reply ok = s.connection().post(sealedHeaders(s.authorization()), body, T);
        assertEquals(200, ok.statusCode());
        String reply = new String(EncryptedMultipart.decode(s.security(), ok.body()), StandardCharsets.UTF_8);
        assertTrue(reply.contains("<p:ReturnValue>4096</p:ReturnValue>") || reply.contains("ReturnValue>4096<"), reply);
        assertEquals(32770, state(), "starting");
        assertEquals(400, s.connection().post(sealedHeaders(null), body, T).statusCode(), "the same bytes again");
        s.connection().close();
    }

    @Test
    void plaintextOnASealedConnectionIsRefused() throws Exception {
        Session s = handshake();
        Map<String, String> headers = s.authorization() == null ? Map.of("Content-Type", "application/soap+xml;charset=UTF-8")
                : Map.of("Content-Type", "application/soap+xml;charset=UTF-8", "Authorization", s.authorization());
        HttpConnection.Reply r = s.connection().post(headers, start().getBytes(StandardCharsets.UTF_8), T);
        assertEquals(400, r.statusCode());
        assertEquals(3, state(), "still off");
        s.connection().close();
    }
}
