package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.spi.Credentials;
import io.hyperv4j.wsman.WsmanTransport;
import io.hyperv4j.wsman.server.WsmanServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --host wsman://} on a command, and {@code lab serve} answering a WS-Management client. */
class WsmanCliTest {
    private static final String PASSWORD = "s3rve-only";
    @TempDir
    Path dir;

    @Test
    void vmListThroughWsmanShowsTheServedHostsVms() {
        try (Lab lab = Lab.standalone();
             WsmanServer server = WsmanServer.start(lab.session(Lab.DEFAULT_HOST), 0, null, "ops", PASSWORD.toCharArray())) {
            lab.write(Duration.ofSeconds(10), txn -> lab.createVm(txn, lab.host(Lab.DEFAULT_HOST), "over-wsman"));
            String host = "wsman://127.0.0.1:" + server.port();
            CliRunner.Result r = new CliRunner(Map.of("HYPERV4J_USER", "ops", "HYPERV4J_PASSWORD", PASSWORD))
                    .run("--host", host, "--json", "vm", "list");
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().contains("over-wsman"), r.toString());

            CliRunner.Result wrong = new CliRunner(Map.of("HYPERV4J_USER", "ops", "HYPERV4J_PASSWORD", "not-it-9"))
                    .run("--host", host, "vm", "list");
            assertEquals(1, wrong.code(), wrong.toString());
            assertTrue(wrong.err().contains("ACCESS_DENIED") || wrong.err().toLowerCase().contains("denied"), wrong.toString());
            assertFalse(wrong.toString().contains("not-it-9"), "the password is never shown");
        }
    }

    /** {@code lab serve FILE --port 0 --user ops EXTRA...} on a thread, and what it printed once serving. */
    private record Serving(Thread thread, JsonNode started) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join(30_000);
        }
    }

    private static Serving serve(Path file, Map<String, String> env, String... extra) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("HYPERV4J_PASSWORD", PASSWORD);
        Cli cli = Cli.withInstalledNouns(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Environment.isolated(all, Clock.systemUTC()));
        java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of("--json", "lab", "serve", file.toString(), "--port", "0", "--user", "ops"));
        argv.addAll(java.util.List.of(extra));
        Thread serving = new Thread(() -> cli.run(argv.toArray(String[]::new)));
        serving.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!out.toString(StandardCharsets.UTF_8).contains("\"uri\"") && serving.isAlive() && System.nanoTime() < deadline)
            serving.join(50);
        assertTrue(serving.isAlive(), out + " " + err);
        return new Serving(serving, new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)));
    }

    @Test
    void labServeMapsClientCertificatesByIssuerAndSubject() throws Exception {
        char[] storePassword = "store-only".toCharArray();
        io.hyperv4j.wsman.TestCa ca = io.hyperv4j.wsman.TestCa.create(dir, "corp", "CN=Corp Test CA", storePassword);
        Path mapped = ca.issue("ops.p12", "CN=ops", null);
        Path unmapped = ca.issue("intern.p12", "CN=intern", null);
        Path caFile = dir.resolve("corp-ca.crt");
        Path file = dir.resolve("certs.json");
        assertEquals(0, new CliRunner(Map.of()).run("lab", "new", file.toString()).code());
        try (Serving s = serve(file, Map.of(), "--tls", "--client-ca", caFile.toString(), "--client-subject", "ops")) {
            String uri = s.started().get("uri").asText() + "&client-keystore=";
            try (CimSession c = new WsmanTransport().open(URI.create(uri + mapped), Optional.of(new Credentials("ignored", storePassword, null)), Duration.ofSeconds(30))) {
                assertFalse(c.query("root\\virtualization\\v2", "SELECT * FROM Msvm_VirtualSystemManagementService").isEmpty());
            }
            io.hyperv4j.cim.CimException e = org.junit.jupiter.api.Assertions.assertThrows(io.hyperv4j.cim.CimException.class,
                    () -> new WsmanTransport().open(URI.create(uri + unmapped), Optional.of(new Credentials("ignored", storePassword, null)), Duration.ofSeconds(30)).close());
            assertEquals(io.hyperv4j.cim.CimError.ACCESS_DENIED, e.error(), e.getMessage());
        }
        CliRunner.Result plain = new CliRunner(Map.of("HYPERV4J_PASSWORD", PASSWORD)).run("lab", "serve", file.toString(), "--client-ca", caFile.toString(),
                "--client-subject", "ops");
        assertEquals(1, plain.code(), plain.toString());
        assertTrue(plain.err().contains("--tls"), plain.toString());
    }

    @Test
    void aVmStateChangeEventArrivesThroughWsmanFromLabServe() throws Exception {
        Path file = dir.resolve("events.json");
        assertEquals(0, new CliRunner(Map.of()).run("lab", "new", file.toString()).code());
        try (Serving s = serve(file, Map.of())) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            var changes = io.hyperv4j.examples.WsmanEventsExample.run(URI.create(s.started().get("uri").asText()),
                    new Credentials("ops", PASSWORD.toCharArray(), null), new PrintStream(printed, true, StandardCharsets.UTF_8));
            assertTrue(changes.stream().anyMatch(c -> c.current() == io.hyperv4j.vm.VmState.RUNNING && c.vmName().equals("events-demo")),
                    changes + " " + printed.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void labServeWithAKeytabServesKerberosSealed() throws Exception {
        Path kdc = io.hyperv4j.wsman.TestKdc.dir();
        Path file = dir.resolve("kerberos.json");
        assertEquals(0, new CliRunner(Map.of()).run("lab", "new", file.toString()).code());
        try (Serving s = serve(file, Map.of("KRB5_CONFIG", kdc.resolve("krb5.conf").toString()),
                "--keytab", kdc.resolve("http.keytab").toString(), "--realm", io.hyperv4j.wsman.TestKdc.REALM)) {
            assertEquals("HTTP/localhost@" + io.hyperv4j.wsman.TestKdc.REALM, s.started().get("kerberos").asText());
            String uri = s.started().get("kerberosUri").asText();
            CliRunner.Result r = new CliRunner(Map.of("HYPERV4J_USER", "ops@" + io.hyperv4j.wsman.TestKdc.REALM,
                    "HYPERV4J_PASSWORD", new String(io.hyperv4j.wsman.TestKdc.opsPassword()))).run("--host", uri, "--json", "vm", "list");
            assertEquals(0, r.code(), r.toString());
            CliRunner.Result wrong = new CliRunner(Map.of("HYPERV4J_USER", "ops@" + io.hyperv4j.wsman.TestKdc.REALM, "HYPERV4J_PASSWORD", "not-it-9"))
                    .run("--host", uri, "vm", "list");
            assertEquals(1, wrong.code(), wrong.toString());
            assertFalse(wrong.toString().contains("not-it-9"), "the password is never shown");
        }
        CliRunner.Result half = new CliRunner(Map.of("HYPERV4J_PASSWORD", PASSWORD)).run("lab", "serve", file.toString(), "--keytab", "x.keytab");
        assertEquals(1, half.code(), half.toString());
        assertTrue(half.err().contains("--realm"), half.toString());
    }

    @Test
    void labServeAnswersAClientAndSavesTheLabWhenStopped() throws Exception {
        Path file = dir.resolve("served.json");
        assertEquals(0, new CliRunner(Map.of()).run("lab", "new", file.toString()).code());
        Serving serving = serve(file, Map.of());
        JsonNode started = serving.started();
        String before = Files.readString(file);
        try (CimSession s = new WsmanTransport().open(URI.create(started.get("uri").asText()),
                Optional.of(new Credentials("ops", PASSWORD.toCharArray(), null)), Duration.ofSeconds(30))) {
            assertFalse(s.query("root\\virtualization\\v2", "SELECT * FROM Msvm_VirtualSystemManagementService").isEmpty());
            s.invoke(io.hyperv4j.sim.v2.V2.managementService(Lab.DEFAULT_HOST), "DefineSystem", Map.of("SystemSettings",
                    io.hyperv4j.cim.CimValue.object(io.hyperv4j.cim.CimInstance.builder("Msvm_VirtualSystemSettingData")
                            .put("ElementName", io.hyperv4j.cim.CimValue.string("defined-remotely")).build())));
        } finally {
            serving.close();
        }
        assertFalse(serving.thread().isAlive(), "serve stops when interrupted");
        assertFalse(before.contains("defined-remotely"));
        assertTrue(Files.readString(file).contains("defined-remotely"), "the lab was saved with the remote change");
    }
}
