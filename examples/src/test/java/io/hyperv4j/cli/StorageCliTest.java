package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage noun against seed 000's SAN pair: a SAN transfer's mapping steps, command by command, through the lab file. */
class StorageCliTest {
    @TempDir
    Path dir;
    final CliRunner cli = new CliRunner(Map.of());

    private CliRunner.Result run(Path lab, int expected, String... args) {
        return cli.onLab(lab, expected, args);
    }

    private static JsonNode named(JsonNode list, String field, String value) {
        for (JsonNode n : list) if (n.get(field).asText().equals(value)) return n;
        throw new AssertionError(value + " not in " + list);
    }

    @Test
    void mapUnmapRescanAndPairsThroughTheCli() {
        Path lab = dir.resolve("san.json");
        assertEquals(0, cli.run("lab", "new", lab.toString(), "--template", "seed000-san").code());

        JsonNode arrays = run(lab, 0, "--json", "storage", "array", "list").json();
        assertEquals("AMS2300", arrays.get(0).get("FriendlyName").asText());
        JsonNode luns = run(lab, 0, "--json", "storage", "lun", "list").json();
        assertEquals("Fixed", named(luns, "Name", "LU1").get("ProvisioningType").asText());
        assertEquals("Thin", named(luns, "Name", "LU3").get("ProvisioningType").asText());
        JsonNode pools = run(lab, 0, "--json", "storage", "pool", "list").json();
        assertEquals("Thin", named(pools, "FriendlyName", "DP Pool 000").get("ProvisioningTypeDefault").asText());

        assertEquals(2, run(lab, 0, "--json", "storage", "disk", "list", "--on", "host1").json().size(), "boot disk and LU1");
        JsonNode sets = run(lab, 0, "--json", "storage", "lun", "unmap", "LU1", "--on", "host1").json();
        assertEquals(0, named(sets, "FriendlyName", "host1").get("VirtualDiskNames").size());
        sets = run(lab, 0, "--json", "storage", "lun", "map", "LU1", "--on", "host2").json();
        assertEquals("LU1", named(sets, "FriendlyName", "host2").get("VirtualDiskNames").get(0).asText());
        assertEquals(1, run(lab, 0, "--json", "storage", "disk", "list", "--on", "host2").json().size(), "not before the rescan");
        JsonNode disks = run(lab, 0, "--json", "storage", "disk", "rescan", "--on", "host2").json();
        assertEquals(2, disks.size());
        assertEquals("Online", disks.get(1).get("OperationalStatus").asText());

        assertTrue(run(lab, 2, "storage", "lun", "map", "LU1", "--on", "host9").err().contains("host9"));
        assertTrue(run(lab, 1, "storage", "lun", "map", "LU1", "--on", "host2", "--initiator", "nonsense").err().contains("53000"));

        JsonNode pairs = run(lab, 0, "--json", "storage", "pair", "list").json();
        assertEquals("Copying", pairs.get(0).get("State").asText());
        assertTrue(run(lab, 1, "storage", "pair", "split", "LU1-backup").err().contains("split needs PAIRED"));
    }
}
