package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11: `vm dvd` inserts and ejects an ISO on a lab file, with Get-VMDvdDrive's property names. */
class VmDvdCliTest {
    private final CliRunner cli = new CliRunner(Map.of());

    @TempDir
    Path dir;

    @Test
    void insertsAndEjectsAcrossRuns() throws Exception {
        String lab = dir.resolve("lab.json").toString();
        Path iso = Files.writeString(dir.resolve("setup.iso"), "CD001");
        Path other = Files.writeString(dir.resolve("tools.iso"), "CD001");
        ok(cli.run("lab", "new", lab));
        ok(cli.run("--lab", lab, "vm", "new", "legacy", "--generation", "1"));
        assertEquals("None", ok(cli.run("--lab", lab, "--json", "vm", "dvd", "legacy")).json().get("DvdMediaType").asText());
        ok(cli.run("--lab", lab, "vm", "dvd", "legacy", "--insert", iso.toString()));
        JsonNode shown = ok(cli.run("--lab", lab, "--json", "vm", "dvd", "legacy")).json();
        assertEquals("ISO", shown.get("DvdMediaType").asText());
        assertEquals(iso.toString(), shown.get("Path").asText());
        CliRunner.Result full = cli.run("--lab", lab, "vm", "dvd", "legacy", "--insert", other.toString());
        assertNotEquals(0, full.code());
        assertTrue(full.toString().contains("already holds"), full.toString());
        assertEquals(iso.toString(), ok(cli.run("--lab", lab, "--json", "vm", "dvd", "legacy")).json().get("Path").asText());
        assertEquals("None", ok(cli.run("--lab", lab, "--json", "vm", "dvd", "legacy", "--eject")).json().get("DvdMediaType").asText());
        assertNotEquals(0, cli.run("--lab", lab, "vm", "dvd", "legacy", "--insert", dir.resolve("missing.iso").toString()).code());
        assertNotEquals(0, cli.run("--lab", lab, "vm", "dvd", "legacy", "--eject").code());
    }

    @Test
    void generationTwoAddsAndRemovesADrive() throws Exception {
        String lab = dir.resolve("lab.json").toString();
        Path iso = Files.writeString(dir.resolve("setup.iso"), "CD001");
        ok(cli.run("lab", "new", lab));
        ok(cli.run("--lab", lab, "vm", "new", "uefi", "--generation", "2"));
        assertNotEquals(0, cli.run("--lab", lab, "vm", "dvd", "uefi").code(), "New-VM gives generation 2 no DVD drive");
        JsonNode added = ok(cli.run("--lab", lab, "--json", "vm", "dvd", "uefi", "--add", "--insert", iso.toString())).json();
        assertEquals(iso.toString(), added.get("Path").asText());
        assertEquals("ISO", ok(cli.run("--lab", lab, "--json", "vm", "dvd", "uefi")).json().get("DvdMediaType").asText());
        ok(cli.run("--lab", lab, "vm", "dvd", "uefi", "--remove"));
        assertNotEquals(0, cli.run("--lab", lab, "vm", "dvd", "uefi").code(), "the drive is gone");
    }

    private static CliRunner.Result ok(CliRunner.Result r) {
        assertEquals(0, r.code(), r.toString());
        return r;
    }
}
