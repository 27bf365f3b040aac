package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11: `vm startup` sets the automatic actions and boot order on a lab file, with Get-VM's property names. */
class VmStartupCliTest {
    private final CliRunner cli = new CliRunner(Map.of());

    @TempDir
    Path dir;

    @Test
    void setsAndShowsStartStopAndBootOrderAcrossRuns() throws Exception {
        String lab = dir.resolve("lab.json").toString();
        ok(cli.run("lab", "new", lab));
        ok(cli.run("--lab", lab, "vm", "new", "legacy", "--generation", "1"));
        ok(cli.run("--lab", lab, "vm", "startup", "legacy", "--start-action", "Start", "--start-delay", "90s",
                "--stop-action", "ShutDown", "--boot-order", "IDE,CD,LegacyNetworkAdapter,Floppy"));
        JsonNode shown = ok(cli.run("--lab", lab, "--json", "vm", "startup", "legacy")).json();
        assertEquals("Start", shown.get("AutomaticStartAction").asText());
        assertEquals(90, shown.get("AutomaticStartDelay").asInt());
        assertEquals("ShutDown", shown.get("AutomaticStopAction").asText());
        assertEquals("[\"IDE\",\"CD\",\"LegacyNetworkAdapter\",\"Floppy\"]", shown.get("StartupOrder").toString());
        assertNotEquals(0, cli.run("--lab", lab, "vm", "startup", "legacy", "--stop-action", "Sometimes").code());
    }

    private static CliRunner.Result ok(CliRunner.Result r) {
        assertEquals(0, r.code(), r.toString());
        return r;
    }
}
