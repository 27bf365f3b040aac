package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hyperv counter} on a fresh in-memory lab (virtual clock: sampling takes no real time). */
class CounterNounTest {
    final CliRunner cli = new CliRunner(Map.of());

    @Test
    void getPrintsGetCounterShapedJsonLines() throws Exception {
        CliRunner.Result r = cli.run("--json", "counter", "get", "\\Memory\\Available MBytes,\\Processor(_Total)\\% Processor Time",
                "--samples", "2", "--interval", "2s");
        assertEquals(0, r.code(), r.toString());
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length, r.toString());
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        JsonNode second = new ObjectMapper().readTree(lines[1]);
        assertTrue(first.has("Timestamp"));
        JsonNode s = first.get("CounterSamples").get(0);
        assertEquals("\\\\hv01\\memory\\available mbytes", s.get("Path").asText());
        assertTrue(s.get("CookedValue").asDouble() > 0);
        assertEquals(65792, s.get("CounterType").asInt());
        assertEquals(0, s.get("Status").asInt());
        assertEquals("_total", first.get("CounterSamples").get(1).get("InstanceName").asText());
        assertTrue(first.get("CounterSamples").get(1).get("CookedValue").asDouble() > 0);
        assertNotEquals(first.get("Timestamp").asText(), second.get("Timestamp").asText());
    }

    @Test
    void getPrintsText() {
        CliRunner.Result r = cli.run("counter", "get", "\\Memory\\Pages/sec");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("\\\\hv01\\memory\\pages/sec :"), r.out());
    }

    @Test
    void listShowsSetsAndASetsCountersAndInstances() {
        CliRunner.Result r = cli.run("counter", "list");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Hyper-V Hypervisor Logical Processor"));
        CliRunner.Result set = cli.run("--json", "counter", "list", "--set", "Hyper-V Hypervisor Logical Processor");
        assertEquals(0, set.code(), set.toString());
        assertEquals("Win32_PerfRawData_HvStats_HyperVHypervisorLogicalProcessor", set.json().get("WmiClass").asText());
        assertTrue(set.json().get("Instances").get("HV01").toString().contains("_Total"));
        CliRunner.Result unknown = cli.run("counter", "list", "--set", "Memroy");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("did you mean Memory"), unknown.err());
    }

    @Test
    void exportAndReportWriteFiles(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("c.csv");
        CliRunner.Result r = cli.run("counter", "export", "\\Memory\\*", "--samples", "3", "--out", csv.toString());
        assertEquals(0, r.code(), r.toString());
        String text = Files.readString(csv);
        assertTrue(text.startsWith("\"(PDH-CSV 4.0) ("), text);
        assertEquals(4, text.split("\r\n").length);
        Path prom = dir.resolve("m.prom");
        assertEquals(0, cli.run("counter", "export", "\\Memory\\Pages/sec", "--format", "prometheus", "--samples", "2", "--out", prom.toString()).code());
        assertTrue(Files.readString(prom).contains("hyperv_memory_pages_per_sec{host=\"HV01\""));
        Path svg = dir.resolve("r.svg");
        r = cli.run("counter", "report", "\\Hyper-V Hypervisor Logical Processor(_Total)\\% Total Run Time", "\\Memory\\Available MBytes",
                "--samples", "10", "--out", svg.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(Files.readString(svg).startsWith("<?xml"));
    }

    @Test
    void badInputIsAUsageErrorOrAFailureWithTheReason() {
        CliRunner.Result r = cli.run("counter", "get", "Memory\\Pages/sec");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("malformed counter path"), r.err());
        r = cli.run("counter", "get", "\\Memory\\Pages/sec", "--interval", "0s");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("--interval must be positive"), r.err());
        r = cli.run("counter", "get", "\\Memory\\Pages/sec", "--interval", "soon");
        assertEquals(2, r.code());
        r = cli.run("counter", "get", "\\Nope\\Pages/sec");
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("unknown counter set 'Nope'"), r.err());
        r = cli.run("counter", "export", "\\Memory\\Pages/sec", "--format", "xml", "--out", "x");
        assertEquals(2, r.code());
        assertEquals(2, cli.run("counter", "report", "\\Memory\\Pages/sec").code());
    }

    @Test
    void anUnwritableOutFileIsAFailureNamingTheFileAndLeavesNothingBehind(@TempDir Path dir) throws Exception {
        Path notADir = Files.writeString(dir.resolve("plain-file"), "x");
        Path out = notADir.resolve("c.csv");
        CliRunner.Result r = cli.run("counter", "export", "\\Memory\\Pages/sec", "--samples", "2", "--out", out.toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("cannot write " + out), r.err());
        assertEquals("x", Files.readString(notADir));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }
}
