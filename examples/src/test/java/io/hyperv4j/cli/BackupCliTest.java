package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backup and vss nouns on seed 004's lab, command by command across processes' saves and loads. */
class BackupCliTest {
    @TempDir
    Path dir;
    final CliRunner cli = new CliRunner(Map.of());

    private CliRunner.Result run(Path lab, int expected, String... args) {
        return cli.onLab(lab, expected, args);
    }

    @Test
    void groupsBackupsPointsRestoresAndVssThroughTheCli() throws Exception {
        Path lab = dir.resolve("backup.json");
        assertEquals(0, cli.run("lab", "new", lab.toString(), "--template", "seed004-backup").code());
        run(lab, 0, "backup", "group", "new", "Exchange");
        JsonNode g = run(lab, 0, "--json", "backup", "group", "add", "Exchange", "GUEST1").json();
        assertEquals("GUEST1", g.get(0).get("Datasources").get(0).asText());
        assertEquals(5, g.get(0).get("RetentionRangeDays").asInt());
        assertEquals("[\"15:00\"]", g.get(0).get("TimesOfDay").toString());
        assertTrue(g.get(0).get("SynchronizationFrequencyMinutes").isNull());
        run(lab, 0, "backup", "group", "schedule", "Exchange", "--at", "21:00,15:00", "--sync-every", "30");
        JsonNode listed = run(lab, 0, "--json", "backup", "group", "list").json();
        assertEquals("[\"15:00\",\"21:00\"]", listed.get(0).get("TimesOfDay").toString(), "what the schedule set, after a save and load");
        assertEquals(30, listed.get(0).get("SynchronizationFrequencyMinutes").asInt());
        String text = run(lab, 0, "backup", "group", "list").out();
        assertTrue(text.contains("15:00,21:00") && text.contains("30 min") && text.contains("5 d"), text);
        run(lab, 0, "backup", "group", "schedule", "Exchange", "--at", "15:00");
        byte[] before = Files.readAllBytes(lab);
        assertTrue(run(lab, 2, "backup", "group", "schedule", "Exchange", "--retention-days", "-3").err().contains("backup group new NAME --retention-days"),
                "schedule does not take the retention range (it silently reset the schedule before)");
        assertTrue(run(lab, 2, "backup", "group", "new", "Other", "--at", "25:00").err().contains("not '25:00'"));
        assertArrayEquals(before, Files.readAllBytes(lab), "refused commands leave the lab file as it was");

        JsonNode full = run(lab, 0, "--json", "backup", "run", "GUEST1", "--type", "full").json();
        assertEquals("REPLICA", full.get(0).get("BackupType").asText());
        JsonNode incr = run(lab, 0, "--json", "backup", "run", "GUEST1", "--type", "incremental", "--via", "pair").json();
        assertEquals("HARDWARE_PAIR", incr.get(0).get("Via").asText());
        JsonNode points = run(lab, 0, "--json", "backup", "points", "GUEST1").json();
        assertEquals(2, points.size());
        assertTrue(Files.exists(Path.of(points.get(1).get("Files").get(0).asText())), "the point's files are kept beside the lab");

        Path out = Files.createDirectory(dir.resolve("out"));
        run(lab, 0, "backup", "restore", "GUEST1", "--point", points.get(1).get("Id").asText(), "--to", "folder", out.toString());
        assertTrue(Files.exists(out.resolve("GUEST1-disk0.vhdx")));
        assertTrue(run(lab, 1, "backup", "restore", "GUEST1", "--point", "RP0042", "--to", "folder", out.toString()).err().contains("RP0042"));
        assertTrue(run(lab, 1, "backup", "run", "GUEST1", "--type", "full", "--via", "pair-transportable").err().contains("UNSUPPORTED_CONTEXT")
                || run(lab, 1, "backup", "run", "GUEST1", "--type", "full", "--via", "pair-transportable").err().contains("non-transportable"));

        JsonNode providers = run(lab, 0, "--json", "vss", "providers").json();
        assertEquals("Hardware", providers.get(1).get("ProviderType").asText());
        JsonNode writers = run(lab, 0, "--json", "vss", "writers").json();
        assertEquals("Microsoft Hyper-V VSS Writer", writers.get(0).get("WriterName").asText());
        assertEquals("66841cd4-6ded-4f4b-8f17-fd23f8ddc3de", writers.get(0).get("WriterId").asText(), "the Hyper-V writer's class id");
        assertEquals("[1] Stable", writers.get(0).get("State").asText());
        assertEquals("No error", writers.get(0).get("LastError").asText());
        assertTrue(writers.get(0).get("Components").toString().contains("Backup Using Child Partition Snapshot\\\\GUEST1"), writers.toString());
        assertEquals("b5946137-7b9f-4925-af80-51abd60b20d5", providers.get(0).get("ProviderId").asText());
        assertEquals("System", providers.get(0).get("ProviderType").asText());
        assertEquals(0, run(lab, 0, "--json", "vss", "snapshots").json().size(), "no backup runs: no shadow copy");
    }
}
