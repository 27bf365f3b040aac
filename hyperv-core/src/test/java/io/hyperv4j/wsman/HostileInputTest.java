package io.hyperv4j.wsman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.spi.Credentials;
import io.hyperv4j.wsman.internal.Wsman;
import io.hyperv4j.wsman.internal.WsmanHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the server does with bad input from the network: each request is refused with the documented
 * WS-Management fault (or 401), and the lab is left exactly as it was.
 */
class HostileInputTest {
    @TempDir
    Path dir;
    private ServedLab served;
    private HttpClient http;
    private String labBefore;

    @BeforeEach
    void open() {
        served = ServedLab.serve(Lab.standalone(), false, dir);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        served.lab.write(Duration.ofSeconds(10), txn -> served.lab.createVm(txn, served.lab.host(Lab.DEFAULT_HOST), "untouched"));
        labBefore = state();
    }

    @AfterEach
    void close() {
        assertEquals(labBefore, state(), "nothing changed in the lab");
        served.close();
    }

    private String state() {
        return served.lab.session(Lab.DEFAULT_HOST).query("root\\virtualization\\v2", "SELECT * FROM Msvm_ComputerSystem").toString();
    }

    private HttpResponse<String> post(byte[] body, boolean authenticated) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + served.server.port() + "/wsman"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/soap+xml;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authenticated) {
            Credentials c = ServedLab.credentials();
            char[] pw = c.password();
            b.header("Authorization", "Basic " + new String(WsmanHttp.basicToken(c.user(), pw), StandardCharsets.US_ASCII));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertFault(HttpResponse<String> r, String subcode, CimError error) {
        assertEquals(500, r.statusCode(), r.body());
        assertTrue(r.body().contains("<s:Value>" + subcode + "</s:Value>"), r.body());
        assertTrue(r.body().contains("Code=\"" + error.hresult() + "\""), "the WMI error in the fault detail: " + r.body());
    }

    private static String envelope(String action, String body) {
        return "<s:Envelope xmlns:s=\"" + Wsman.SOAP + "\" xmlns:a=\"" + Wsman.ADDRESSING + "\" xmlns:w=\"" + Wsman.WSMAN + "\">"
                + "<s:Header><a:Action>" + action + "</a:Action><a:MessageID>uuid:1</a:MessageID>"
                + "<w:ResourceURI>" + Wsman.resourceUri("root\\virtualization\\v2", "Msvm_ComputerSystem") + "</w:ResourceURI></s:Header>"
                + "<s:Body>" + body + "</s:Body></s:Envelope>";
    }

    @Test
    void malformedXmlIsASchemaValidationFault() throws Exception {
        assertFault(post("<s:Envelope xmlns:s=\"x\"><unclosed>".getBytes(StandardCharsets.UTF_8), true),
                "w:SchemaValidationError", CimError.INVALID_PARAMETER);
    }

    @Test
    void entityExpansionIsRefusedBeforeAnyEntityIsExpanded() throws Exception {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [<!ENTITY a \"aaaaaaaaaa\">");
        for (int i = 1; i < 10; i++) dtd.append("<!ENTITY a").append(i).append(" \"").append(("&a" + (i - 1 == 0 ? "" : i - 1) + ";").repeat(10)).append("\">");
        dtd.append("]>");
        HttpResponse<String> r = post((dtd + envelope(Wsman.GET, "&a9;")).getBytes(StandardCharsets.UTF_8), true);
        assertFault(r, "w:SchemaValidationError", CimError.INVALID_PARAMETER);
        assertTrue(r.body().contains("DOCTYPE"), r.body());
        assertTrue(r.body().length() < 5_000, "nothing was expanded into the reply");
    }

    @Test
    void anOversizedMessageIsAnEncodingLimitFault() throws Exception {
        byte[] big = envelope(Wsman.GET, "<x>" + "y".repeat(600_000) + "</x>").getBytes(StandardCharsets.UTF_8);
        assertFault(post(big, true), "w:EncodingLimit", CimError.INVALID_PARAMETER);
    }

    @Test
    void anUnknownActionIsActionNotSupported() throws Exception {
        assertFault(post(envelope("http://example.com/DoSomethingElse", "").getBytes(StandardCharsets.UTF_8), true),
                "a:ActionNotSupported", CimError.NOT_SUPPORTED);
    }

    @Test
    void aMethodOnAMissingInstanceIsRefusedAndChangesNothing() throws Exception {
        String uri = Wsman.resourceUri("root\\virtualization\\v2", "Msvm_ComputerSystem");
        String env = envelope(uri + "/RequestStateChange", "<p:RequestStateChange_INPUT xmlns:p=\"" + uri + "\"><p:RequestedState>2</p:RequestedState></p:RequestStateChange_INPUT>")
                .replace("</s:Header>", "<w:SelectorSet><w:Selector Name=\"Name\">nope</w:Selector><w:Selector Name=\"CreationClassName\">Msvm_ComputerSystem</w:Selector></w:SelectorSet></s:Header>");
        assertFault(post(env.getBytes(StandardCharsets.UTF_8), true), "w:InvalidSelectors", CimError.NOT_FOUND);
    }

    @Test
    void anUnknownEnumerationContextIsInvalidEnumerationContext() throws Exception {
        String env = envelope(Wsman.PULL, "<n:Pull xmlns:n=\"" + Wsman.ENUMERATION + "\"><n:EnumerationContext>uuid:made-up</n:EnumerationContext></n:Pull>");
        assertFault(post(env.getBytes(StandardCharsets.UTF_8), true), "n:InvalidEnumerationContext", CimError.INVALID_PARAMETER);
    }

    @Test
    void noOrWrongCredentialsAre401WithoutABody() throws Exception {
        HttpResponse<String> r = post(envelope(Wsman.GET, "").getBytes(StandardCharsets.UTF_8), false);
        assertEquals(401, r.statusCode());
        assertEquals(List.of("Negotiate", "Basic realm=\"WSMAN\""), r.headers().allValues("WWW-Authenticate"), "NTLM (Negotiate) and Basic offered");
        for (String auth : List.of("ntlm", "basic")) {
            CimException e = assertThrows(CimException.class, () -> new WsmanTransport().open(URI.create(served.uri() + "?auth=" + auth),
                    Optional.of(new Credentials(ServedLab.USER, "wrong-secret".toCharArray(), null)), Duration.ofSeconds(10)));
            assertEquals(CimError.ACCESS_DENIED, e.error(), auth);
            assertFalse(e.getMessage().contains("wrong-secret"));
        }
    }
}
