package io.hyperv4j.wsman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.v2.V2;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** What running Debian's pywinrm needs from a test. */
public final class Pywinrm {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private Pywinrm() {}

    /**
     * Fails under CI=true, else aborts the test, unless Debian's python3 can import {@code module}.
     *
     * @param module      the Python module
     * @param debPackage  the Debian package that provides it
     * @throws Exception when python3 cannot be run
     */
    public static void require(String module, String debPackage) throws Exception {
        boolean present = false;
        if (Files.isExecutable(PYTHON)) {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import " + module).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            present = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        }
        if (present) return;
        if ("true".equals(System.getenv("CI"))) fail(debPackage + " is missing (apt-get install " + debPackage + "; .ci/run does)");
        Assumptions.abort(debPackage + " is not installed (apt-get install " + debPackage + "): the independent WS-Management check did not run");
    }

    /**
     * Labs for {@link #check}: a standalone host with two VMs, py-one and py-two.
     *
     * @return the lab
     */
    public static Lab lab() {
        Lab lab = Lab.standalone();
        lab.write(Duration.ofSeconds(10), txn -> lab.createVm(txn, lab.host(Lab.DEFAULT_HOST), "py-one"));
        lab.write(Duration.ofSeconds(10), txn -> lab.createVm(txn, lab.host(Lab.DEFAULT_HOST), "py-two"));
        return lab;
    }

    /**
     * Runs {@code pywinrm_check.py} against {@code endpoint} (serving {@link #lab()}) and checks what it
     * saw: both VMs enumerated, one got by its selectors while off, a start answered with a job, and the
     * lab showing that VM starting.
     *
     * @param dir       a scratch directory
     * @param lab       the served lab
     * @param endpoint  the server's URL
     * @param user      the user (for kerberos, the principal in the ticket cache)
     * @param transport basic, ntlm or kerberos
     * @param env       the script's extra environment (HYPERV4J_PASSWORD, KRB5CCNAME...)
     * @return the script's JSON
     * @throws Exception when the script cannot be run
     */
    public static JsonNode check(Path dir, Lab lab, String endpoint, String user, String transport, Map<String, String> env) throws Exception {
        Path script = dir.resolve("pywinrm_check.py");
        try (InputStream in = Pywinrm.class.getResourceAsStream("pywinrm_check.py")) {
            Files.write(script, in.readAllBytes());
        }
        ProcessBuilder pb = new ProcessBuilder(PYTHON.toString(), script.toString(), endpoint, user, transport).redirectError(dir.resolve("stderr.txt").toFile());
        pb.environment().putAll(env);
        pb.environment().put("OPENSSL_CONF", opensslLegacyConfig(dir).toString());
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
        CimInstance vm = lab.session(Lab.DEFAULT_HOST).query(V2.NAMESPACE, "SELECT * FROM Msvm_ComputerSystem WHERE Name = '" + r.get("name").asText() + "'").get(0);
        assertEquals(32770, vm.getLong("EnabledState"), "the lab shows the VM starting");
        return r;
    }

    /**
     * An OpenSSL configuration that loads the default and legacy providers: ntlm_auth computes the NT
     * hash with {@code hashlib.new('md4')}, which Debian's OpenSSL 3 keeps in the legacy provider.
     * Pass its path as OPENSSL_CONF.
     *
     * @param dir where to write it
     * @return the file
     * @throws IOException when it cannot be written
     */
    public static Path opensslLegacyConfig(Path dir) throws IOException {
        return Files.writeString(dir.resolve("openssl-legacy.cnf"), String.join("\n", "openssl_conf = openssl_init", "[openssl_init]",
                "providers = provider_sect", "[provider_sect]", "default = default_sect", "legacy = legacy_sect",
                "[default_sect]", "activate = 1", "[legacy_sect]", "activate = 1", ""));
    }
}
