package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11: `vm console` types, moves and clicks on a running VM of a lab file, and refuses an off VM and bad input. */
class VmConsoleCliTest {
    private final CliRunner cli = new CliRunner(Map.of());

    @TempDir
    Path dir;

    @Test
    void typesMovesAndClicks() {
        String lab = dir.resolve("lab.json").toString();
        ok(cli.run("lab", "new", lab));
        ok(cli.run("--lab", lab, "vm", "new", "desk"));
        CliRunner.Result off = cli.run("--lab", lab, "vm", "console", "desk", "--type", "x");
        assertNotEquals(0, off.code());
        assertTrue(off.toString().contains("while it runs"), off.toString());
        ok(cli.run("--lab", lab, "vm", "start", "desk"));
        JsonNode j = ok(cli.run("--lab", lab, "--json", "vm", "console", "desk", "--type", "dir", "--key", "13", "--ctrl-alt-del",
                "--move", "10,700", "--click", "1")).json();
        assertEquals(10, j.get("MouseX").asInt());
        assertEquals(700, j.get("MouseY").asInt());
        CliRunner.Result offScreen = cli.run("--lab", lab, "vm", "console", "desk", "--move", "5000,1");
        assertNotEquals(0, offScreen.code());
        assertEquals(2, cli.run("--lab", lab, "vm", "console", "desk", "--move", "5").code(), "a usage error");
    }

    private static CliRunner.Result ok(CliRunner.Result r) {
        assertEquals(0, r.code(), r.toString());
        return r;
    }
}
