package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11: vm measure --enable, then Measure-VM in later runs on the same lab file, --reset and --disable. */
class VmMeasureCliTest {
    private final CliRunner cli = new CliRunner(Map.of());

    @TempDir
    Path dir;

    @Test
    void meteringEnabledInOneRunIsMeasuredInTheNext() {
        String lab = dir.resolve("lab.json").toString();
        ok(cli.run("lab", "new", lab));
        ok(cli.run("--lab", lab, "vm", "new", "web", "--memory", "2GB"));
        JsonNode off = ok(cli.run("--lab", lab, "--json", "vm", "measure", "web")).json();
        assertEquals(0, off.size(), "not collected before --enable");
        ok(cli.run("--lab", lab, "vm", "measure", "web", "--enable"));
        ok(cli.run("--lab", lab, "vm", "start", "web"));
        JsonNode on = ok(cli.run("--lab", lab, "--json", "vm", "measure", "web")).json();
        assertEquals(1, on.size(), on.toString());
        assertEquals("Aggregated Average Memory Utilization", on.get(0).get("Metric").asText());
        assertEquals(2048, on.get(0).get("Value").asLong());
        assertEquals("Megabytes", on.get(0).get("Units").asText());
        JsonNode reset = ok(cli.run("--lab", lab, "--json", "vm", "measure", "web", "--reset")).json();
        assertEquals(0, reset.get(0).get("Seconds").asLong(), "the interval restarts");
        JsonNode disabled = ok(cli.run("--lab", lab, "--json", "vm", "measure", "web", "--disable")).json();
        assertEquals(0, disabled.size());
        CliRunner.Result missing = cli.run("--lab", lab, "vm", "measure", "nowhere");
        assertTrue(missing.code() != 0, missing.toString());
    }

    private static CliRunner.Result ok(CliRunner.Result r) {
        assertEquals(0, r.code(), r.toString());
        return r;
    }
}
