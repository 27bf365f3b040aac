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
        assertEquals("web", on.get(0).get("VMName").asText());
        assertEquals(2048, on.get(0).get("AverageMemoryUsage").asLong(), on.toString());
        assertTrue(on.get(0).has("AverageProcessorUsage") && on.get(0).has("AggregatedNormalizedIOCount"), "Measure-VM's report properties: " + on);
        assertEquals(12, on.get(0).get("Metrics").size(), "every metric read");
        JsonNode memory = on.get(0).get("Metrics").findParents("Metric").stream()
                .filter(m -> m.get("Metric").asText().equals("Aggregated Average Memory Utilization")).findFirst().orElseThrow();
        assertEquals("Megabytes", memory.get("Units").asText());
        String table = ok(cli.run("--lab", lab, "vm", "measure", "web")).out();
        assertTrue(table.startsWith("VMName") && table.contains("AvgCPU(MHz)") && table.contains("NetworkOutbound(M)")
                && table.contains("AggregatedNormalizedIOCount"), "Measure-VM's table and list: " + table);
        JsonNode reset = ok(cli.run("--lab", lab, "--json", "vm", "measure", "web", "--reset")).json();
        assertEquals(0, reset.get(0).get("MeteringDuration").asLong(), "the interval restarts");
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
