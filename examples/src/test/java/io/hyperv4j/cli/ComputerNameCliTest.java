package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --computer-name}: every one-host noun acts on the lab host it names, and says which host that was. */
class ComputerNameCliTest extends LabCli.OnSeed000 {
    private static List<String> names(JsonNode vms) {
        List<String> out = new ArrayList<>();
        vms.forEach(v -> out.add(v.get("Name").asText()));
        return out;
    }

    @Test
    void aVmMadeWithComputerNameHost2IsOnHost2AndOnlyThere() {
        JsonNode made = run(0, "--json", "vm", "new", "X", "--computer-name", "host2").json();
        assertEquals("host2", made.get("ComputerName").asText());
        JsonNode onHost2 = run(0, "--json", "--computer-name", "HOST2", "vm", "list").json();
        assertEquals(List.of("X"), names(onHost2));
        assertEquals("host2", onHost2.get(0).get("ComputerName").asText(), "spelt as the lab spells it");
        JsonNode onDefault = run(0, "--json", "vm", "list").json();
        assertEquals(List.of("SQL Server"), names(onDefault), "the default stays the first host");
        assertEquals("host1", onDefault.get(0).get("ComputerName").asText());
        assertTrue(run(0, "--computer-name", "host2", "vm", "list").out().contains("host2"), "the text names the host too");
    }

    @Test
    void anUnknownComputerNameFailsListingTheLabsHostsAndChangesNothing() {
        CliRunner.Result r = run(1, "vm", "new", "Y", "--computer-name", "nope");
        assertTrue(r.err().contains("'nope'") && r.err().contains("host1, host2"), r.err());
        assertEquals(List.of("SQL Server"), names(run(0, "--json", "vm", "list").json()));
        assertEquals(List.of(), names(run(0, "--json", "--computer-name", "host2", "vm", "list").json()));
    }

    @Test
    void computerNameWithHostIsAUsageError() {
        CliRunner.Result r = cli.run("--host", "sim:standalone", "--computer-name", "host2", "vm", "list");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("--computer-name"), r.err());
    }

    @Test
    void checkpointsDisksAndCountersActOnTheNamedHost() {
        run(0, "vm", "new", "X", "--computer-name", "host2");
        JsonNode cp = run(0, "--json", "--computer-name", "host2", "checkpoint", "new", "X", "--name", "before").json();
        assertEquals("host2", cp.get("ComputerName").asText());
        assertEquals("X", cp.get("VMName").asText());
        run(1, "checkpoint", "new", "X", "--name", "before"); // host1 has no VM X

        JsonNode disks = run(0, "--json", "--computer-name", "host2", "vm", "disk", "list", "X").json();
        assertEquals(0, disks.size());

        CliRunner.Result counters = run(0, "--json", "--computer-name", "host2", "counter", "get", "\\Memory\\Available MBytes");
        assertTrue(counters.out().contains("\\\\\\\\host2\\\\memory\\\\available mbytes"), counters.out());
        assertFalse(counters.out().contains("host1"), "a path naming no machine is sampled on the named host only: " + counters.out());
    }
}
