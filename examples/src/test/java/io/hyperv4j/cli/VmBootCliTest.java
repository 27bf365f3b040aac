package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11: `vm boot` reorders a generation 2 VM's boot sources and a generation 1 VM's BIOS order, on a lab file. */
class VmBootCliTest {
    private final CliRunner cli = new CliRunner(Map.of());

    @TempDir
    Path dir;

    @Test
    void reordersFirmwareAndBiosBootOrderAcrossRuns() throws Exception {
        String lab = dir.resolve("lab.json").toString();
        Path disk = dir.resolve("os.vhdx");
        ok(cli.run("lab", "new", lab));
        ok(cli.run("vhd", "new", disk.toString(), "--size", "16MB"));
        ok(cli.run("--lab", lab, "vm", "new", "web"));
        ok(cli.run("--lab", lab, "vm", "disk", "add", "web", "--path", disk.toString()));
        JsonNode before = ok(cli.run("--lab", lab, "--json", "vm", "boot", "web")).json().get("BootOrder");
        assertEquals("Drive", before.get(0).get("BootType").asText());
        assertEquals(disk.toString(), before.get(0).get("OtherLocation").asText());
        assertEquals("Network", before.get(1).get("BootType").asText());
        JsonNode after = ok(cli.run("--lab", lab, "--json", "vm", "boot", "web", "--order", "2,1")).json().get("BootOrder");
        assertEquals(before.get(1), after.get(0));
        assertEquals(before.get(0), after.get(1));
        assertEquals(after, ok(cli.run("--lab", lab, "--json", "vm", "boot", "web")).json().get("BootOrder"), "kept in the lab file");
        assertNotEquals(0, cli.run("--lab", lab, "vm", "boot", "web", "--order", "3").code());

        ok(cli.run("--lab", lab, "vm", "new", "legacy", "--generation", "1"));
        JsonNode bios = ok(cli.run("--lab", lab, "--json", "vm", "boot", "legacy", "--order", "IDE,CD,LegacyNetworkAdapter,Floppy")).json();
        assertEquals("[\"IDE\",\"CD\",\"LegacyNetworkAdapter\",\"Floppy\"]", bios.get("StartupOrder").toString());
    }

    private static CliRunner.Result ok(CliRunner.Result r) {
        assertEquals(0, r.code(), r.toString());
        return r;
    }
}
