package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11: vm security sets a key protector and a TPM in one run, and a later run on the same lab file reads them back. */
class VmSecurityCliTest {
    private final CliRunner cli = new CliRunner(Map.of());

    @TempDir
    Path dir;

    @Test
    void aTpmNeedsAKeyProtectorAndStaysAcrossRuns() throws Exception {
        String lab = dir.resolve("lab.json").toString();
        Path key = Files.write(dir.resolve("key.bin"), new byte[] {1, 2, 3, 4, 5});
        ok(cli.run("lab", "new", lab));
        ok(cli.run("--lab", lab, "vm", "new", "tpm", "--generation", "2"));
        CliRunner.Result refused = cli.run("--lab", lab, "vm", "security", "tpm", "--tpm", "on");
        assertTrue(refused.code() != 0 && refused.err().contains("Incompatible"), "no key protector yet: " + refused);
        ok(cli.run("--lab", lab, "vm", "security", "tpm", "--key-protector", key.toString(), "--tpm", "on"));
        JsonNode now = ok(cli.run("--lab", lab, "--json", "vm", "security", "tpm")).json();
        assertEquals(true, now.get("TpmEnabled").asBoolean(), now.toString());
        assertEquals(5, now.get("KeyProtectorBytes").asInt());
        CliRunner.Result bad = cli.run("--lab", lab, "vm", "security", "tpm", "--tpm", "maybe");
        assertTrue(bad.code() != 0 && bad.err().contains("--tpm takes on or off"), bad.toString());
    }

    private static CliRunner.Result ok(CliRunner.Result r) {
        assertEquals(0, r.code(), r.toString());
        return r;
    }
}
