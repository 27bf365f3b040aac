package io.hyperv4j.wsman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.v2.V2;
import io.hyperv4j.wsman.internal.Soap;
import io.hyperv4j.wsman.internal.Wsman;
import io.hyperv4j.wsman.internal.Xml;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * The XML our client sends and our server answers, held against the examples of [MS-WSMV] section 4.1:
 * 4.1.1 (Retrieving a CIM Instance: Get request and response), 4.1.2 (Enumeration of Instances:
 * Enumerate, then Pull with the context until EndOfSequence) and 4.1.4 (Invoking a Method: the
 * {@code METHOD_INPUT} body in the class's URI namespace, the {@code .../METHODResponse} action and the
 * {@code METHOD_OUTPUT} body). Both directions are recorded on the wire by a pass-through proxy.
 */
class MsWsmvExamplesTest {
    private static final String ANONYMOUS = "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous";
    @TempDir
    Path dir;
    private ServedLab served;
    private HttpServer proxy;
    private final List<Soap.Message[]> exchanges = new CopyOnWriteArrayList<>();
    private CimSession session;

    @BeforeEach
    void open() throws Exception {
        served = ServedLab.serve(Lab.standalone(), false, dir);
        HttpClient forward = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        URI target = URI.create("http://127.0.0.1:" + served.server.port() + "/wsman");
        proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        proxy.createContext("/wsman", ex -> {
            try (ex) {
                byte[] request = ex.getRequestBody().readAllBytes();
                HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(request));
                for (String h : List.of("Authorization", "Content-Type")) {
                    String v = ex.getRequestHeaders().getFirst(h);
                    if (v != null) b.header(h, v);
                }
                HttpResponse<byte[]> r = forward.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 401) exchanges.add(new Soap.Message[] {Soap.Message.of(Xml.parse(request)), Soap.Message.of(Xml.parse(r.body()))});
                r.headers().firstValue("Content-Type").ifPresent(v -> ex.getResponseHeaders().set("Content-Type", v));
                ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
                ex.getResponseBody().write(r.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        proxy.start();
        session = new WsmanTransport().open(URI.create("wsman://127.0.0.1:" + proxy.getAddress().getPort() + "?auth=basic"),
                Optional.of(ServedLab.credentials()), Duration.ofSeconds(30));
    }

    @AfterEach
    void close() {
        session.close();
        proxy.stop(0);
        served.close();
    }

    private Soap.Message[] last(String action) {
        for (int i = exchanges.size() - 1; i >= 0; i--) if (exchanges.get(i)[0].action().equals(action)) return exchanges.get(i);
        throw new AssertionError("no " + action + " on the wire");
    }

    private static Element header(Soap.Message m, String ns, String local) {
        return Xml.child(m.header(), ns, local).orElseThrow(() -> new AssertionError("no " + local + " header"));
    }

    /** The request headers every example in 4.1 shows, with s:mustUnderstand where the examples put it. */
    private static void assertRequestHeaders(Soap.Message m, String action, String resourceUri) {
        assertFalse(Xml.text(header(m, Wsman.ADDRESSING, "To")).isBlank());
        assertMustUnderstand(header(m, Wsman.WSMAN, "ResourceURI"), resourceUri);
        Element address = Xml.child(header(m, Wsman.ADDRESSING, "ReplyTo"), Wsman.ADDRESSING, "Address").orElseThrow();
        assertMustUnderstand(address, ANONYMOUS);
        assertMustUnderstand(header(m, Wsman.ADDRESSING, "Action"), action);
        assertTrue(Xml.text(header(m, Wsman.WSMAN, "MaxEnvelopeSize")).matches("[0-9]+"));
        assertEquals("true", header(m, Wsman.WSMAN, "MaxEnvelopeSize").getAttributeNS(Wsman.SOAP, "mustUnderstand"));
        assertTrue(Xml.text(header(m, Wsman.ADDRESSING, "MessageID")).matches("uuid:[0-9a-fA-F-]{36}"));
        assertTrue(Xml.text(header(m, Wsman.WSMAN, "OperationTimeout")).matches("PT[0-9]+(\\.[0-9]+)?S"));
    }

    /** The response headers of the examples: the action, a MessageID, To anonymous and RelatesTo the request. */
    private static void assertResponseHeaders(Soap.Message[] x, String action) {
        Soap.Message r = x[1];
        assertEquals(action, r.action());
        assertTrue(r.messageId().orElseThrow().startsWith("uuid:"));
        assertEquals(ANONYMOUS, Xml.text(header(r, Wsman.ADDRESSING, "To")));
        assertEquals(x[0].messageId().orElseThrow(), Xml.text(header(r, Wsman.ADDRESSING, "RelatesTo")));
    }

    private static void assertMustUnderstand(Element e, String text) {
        assertEquals(text, Xml.text(e), e.getLocalName());
        assertEquals("true", e.getAttributeNS(Wsman.SOAP, "mustUnderstand"), e.getLocalName() + " s:mustUnderstand");
    }

    private String vm(String name) {
        return served.lab.write(Duration.ofSeconds(10), txn -> served.lab.createVm(txn, served.lab.host(Lab.DEFAULT_HOST), name)).id();
    }

    /** 4.1.1: Get names the instance by selectors in the header, the body is empty; the reply's body is the instance in its class URI. */
    @Test
    void getIsShapedAsMsWsmv411() {
        String id = vm("shaped");
        session.get(ObjectPath.of(V2.NAMESPACE, "Msvm_ComputerSystem", Map.of("CreationClassName", "Msvm_ComputerSystem", "Name", id)));
        Soap.Message[] x = last(Wsman.GET);
        String uri = Wsman.resourceUri(V2.NAMESPACE, "Msvm_ComputerSystem");
        assertRequestHeaders(x[0], Wsman.GET, uri);
        assertEquals(id, Xml.text(x[0].selectors().get("Name")));
        assertTrue(x[0].body().isEmpty(), "<s:Body/>");
        assertResponseHeaders(x, Wsman.GET + "Response");
        Element instance = x[1].body().orElseThrow();
        assertEquals(uri, instance.getNamespaceURI());
        assertEquals("Msvm_ComputerSystem", instance.getLocalName());
        assertEquals(id, Xml.text(Xml.child(instance, uri, "Name").orElseThrow()));
    }

    /** 4.1.2: Enumerate returns a context; Pull with it returns Items, the last one EndOfSequence. */
    @Test
    void enumerateAndPullAreShapedAsMsWsmv412() {
        for (int i = 0; i < 120; i++) vm("many-" + i); // more than one batch, so a Pull follows
        List<CimInstance> all = session.query(V2.NAMESPACE, "SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'");
        assertEquals(120, all.size());
        Soap.Message[] e = last(Wsman.ENUMERATE);
        assertRequestHeaders(e[0], Wsman.ENUMERATE, Wsman.resourceUri(V2.NAMESPACE, "*"));
        Element enumerate = e[0].requireBody(Wsman.ENUMERATION, "Enumerate");
        assertEquals(Wsman.WQL, Xml.child(enumerate, Wsman.WSMAN, "Filter").orElseThrow().getAttribute("Dialect"));
        assertResponseHeaders(e, Wsman.ENUMERATE + "Response");
        String context = Xml.text(Xml.child(e[1].requireBody(Wsman.ENUMERATION, "EnumerateResponse"), Wsman.ENUMERATION, "EnumerationContext").orElseThrow());
        Soap.Message[] p = last(Wsman.PULL);
        assertRequestHeaders(p[0], Wsman.PULL, Wsman.resourceUri(V2.NAMESPACE, "*"));
        Element pull = p[0].requireBody(Wsman.ENUMERATION, "Pull");
        assertEquals(context, Xml.text(Xml.child(pull, Wsman.ENUMERATION, "EnumerationContext").orElseThrow()), "the context of the previous response");
        assertTrue(Xml.text(Xml.child(pull, Wsman.ENUMERATION, "MaxElements").orElseThrow()).matches("[0-9]+"));
        assertResponseHeaders(p, Wsman.PULL + "Response");
        Element pr = p[1].requireBody(Wsman.ENUMERATION, "PullResponse");
        assertTrue(Xml.child(pr, Wsman.ENUMERATION, "Items").isPresent());
        assertTrue(Xml.child(pr, Wsman.ENUMERATION, "EndOfSequence").isPresent(), "the last Pull ends the sequence");
    }

    /** 4.1.4: the action is the class URI plus the method; METHOD_INPUT and METHOD_OUTPUT live in the class URI's namespace. */
    @Test
    void invokeIsShapedAsMsWsmv414() {
        String id = vm("invoked");
        String uri = Wsman.resourceUri(V2.NAMESPACE, "Msvm_ComputerSystem");
        ObjectPath path = ObjectPath.of(V2.NAMESPACE, "Msvm_ComputerSystem", Map.of("CreationClassName", "Msvm_ComputerSystem", "Name", id));
        session.invoke(path, "RequestStateChange", Map.of("RequestedState", CimValue.uint16(2)));
        Soap.Message[] x = last(uri + "/RequestStateChange");
        assertRequestHeaders(x[0], uri + "/RequestStateChange", uri);
        Element input = x[0].requireBody(uri, "RequestStateChange_INPUT");
        assertEquals("2", Xml.text(Xml.child(input, uri, "RequestedState").orElseThrow()));
        assertResponseHeaders(x, uri + "/RequestStateChangeResponse");
        Element output = x[1].requireBody(uri, "RequestStateChange_OUTPUT");
        assertEquals("4096", Xml.text(Xml.child(output, uri, "ReturnValue").orElseThrow()));
    }
}
