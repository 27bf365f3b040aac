package io.hyperv4j.wsman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.v2.V2;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server checked by a client this project did not write: Debian's python3-winrm, through its raw
 * {@code Protocol.send_message} over HTTP, as {@code lab serve} without --tls: with Basic, and with
 * NTLMv2 and every message sealed in WinRM's encrypted multipart format (requests_ntlm and ntlm_auth
 * do the NTLM). It enumerates the VMs with a WQL filter, gets one, and starts it; the lab must show
 * the start. Fails (not skips) under CI=true when python3-winrm is missing ({@code .ci/run} installs it).
 *
 * <p>ntlm_auth computes the NT hash with {@code hashlib.new('md4')}, which Debian's OpenSSL 3 keeps in
 * its legacy provider; the script runs with an OPENSSL_CONF that loads that provider.
 */
class PywinrmInteropTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    @TempDir
    Path dir;

    private static boolean pywinrmPresent() throws Exception {
        if (!Files.isExecutable(PYTHON)) return false;
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import winrm.protocol").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @ParameterizedTest
    @ValueSource(strings = {"basic", "ntlm"})
    void pywinrmEnumeratesGetsAndStartsAVm(String transport) throws Exception {
        if (!pywinrmPresent()) {
            if ("true".equals(System.getenv("CI"))) fail("python3-winrm is missing (apt-get install python3-winrm; .ci/run does)");
            Assumptions.abort("python3-winrm is not installed (apt-get install python3-winrm): the independent WS-Management check did not run");
        }
        Path script = dir.resolve("pywinrm_check.py");
        try (InputStream in = getClass().getResourceAsStream("pywinrm_check.py")) {
            Files.write(script, in.readAllBytes());
        }
        Lab lab = Lab.standalone();
        lab.write(Duration.ofSeconds(10), txn -> lab.createVm(txn, lab.host(Lab.DEFAULT_HOST), "py-one"));
        lab.write(Duration.ofSeconds(10), txn -> lab.createVm(txn, lab.host(Lab.DEFAULT_HOST), "py-two"));
        try (ServedLab served = ServedLab.serve(lab, false, dir)) {
            ProcessBuilder pb = new ProcessBuilder(PYTHON.toString(), script.toString(),
                    "http://127.0.0.1:" + served.server.port() + "/wsman", ServedLab.USER, transport).redirectError(dir.resolve("stderr.txt").toFile());
            char[] pw = ServedLab.credentials().password();
            pb.environment().put("HYPERV4J_PASSWORD", new String(pw));
            pb.environment().put("OPENSSL_CONF", Pywinrm.opensslLegacyConfig(dir).toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the script finished");
            assertEquals(0, p.exitValue(), out + Files.readString(dir.resolve("stderr.txt")));
            JsonNode r = new ObjectMapper().readTree(out);
            assertEquals(List.of("py-one", "py-two"), List.of(r.get("enumerated").get(0).asText(), r.get("enumerated").get(1).asText()));
            assertEquals(r.get("name").asText(), r.get("got").get("Name").asText());
            assertEquals("3", r.get("got").get("EnabledState").asText(), "off before the start");
            assertEquals("4096", r.get("returnValue").asText(), "a job was started");
            assertTrue(r.get("jobResourceUri").asText().endsWith("/Msvm_ConcreteJob"), r.toString());
            CimSession s = lab.session(Lab.DEFAULT_HOST);
            CimInstance vm = s.query(V2.NAMESPACE, "SELECT * FROM Msvm_ComputerSystem WHERE Name = '" + r.get("name").asText() + "'").get(0);
            assertEquals(32770, vm.getLong("EnabledState"), "the lab shows the VM starting");
            if (transport.equals("ntlm")) assertTrue(r.get("encrypted").asBoolean(), "pywinrm sealed its messages");
        }
    }
}
