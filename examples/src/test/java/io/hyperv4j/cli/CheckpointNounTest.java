package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vm disk and checkpoint commands on one lab file, across separate command runs. */
class CheckpointNounTest {
    private final CliRunner cli = new CliRunner(Map.of());

    @TempDir
    Path dir;

    @Test
    void disksAndCheckpointsPersistAcrossCommandsWithPowerShellPropertyNames() throws Exception {
        String lab = dir.resolve("lab.json").toString();
        Path disk = dir.resolve("web.vhdx");
        ok(cli.run("lab", "new", lab));
        ok(cli.run("--lab", lab, "vm", "new", "web"));
        ok(cli.run("vhd", "new", disk.toString(), "--size", "16MB"));
        JsonNode added = ok(cli.run("--lab", lab, "--json", "vm", "disk", "add", "web", "--path", disk.toString())).json();
        assertEquals("SCSI", added.get("ControllerType").asText());
        assertEquals(0, added.get("ControllerLocation").asInt());

        JsonNode one = ok(cli.run("--lab", lab, "--json", "checkpoint", "new", "web", "--name", "one")).json();
        assertEquals("one", one.get("Name").asText());
        assertTrue(one.get("ParentSnapshotName").isNull());
        ok(cli.run("--lab", lab, "checkpoint", "new", "web", "--name", "two"));
        JsonNode list = ok(cli.run("--lab", lab, "--json", "checkpoint", "list", "web")).json();
        assertEquals(2, list.size());
        assertEquals("one", list.get(1).get("ParentSnapshotName").asText());
        for (String p : new String[] {"Name", "Id", "ParentSnapshotName", "CreationTime", "SnapshotType", "Path"})
            assertTrue(list.get(0).has(p), p);
        JsonNode disks = ok(cli.run("--lab", lab, "--json", "vm", "disk", "list", "web")).json();
        assertTrue(disks.get(0).get("Path").asText().endsWith(".avhdx"), disks.toString());

        ok(cli.run("--lab", lab, "checkpoint", "apply", "web", "--name", "one"));
        ok(cli.run("--lab", lab, "checkpoint", "rename", "web", "--name", "two", "--new-name", "deux"));
        ok(cli.run("--lab", lab, "checkpoint", "new", "web", "--name", "deux"));
        CliRunner.Result ambiguous = cli.run("--lab", lab, "checkpoint", "apply", "web", "--name", "deux");
        assertEquals(1, ambiguous.code(), ambiguous.toString());
        assertTrue(ambiguous.err().contains("2 checkpoints named 'deux'"), ambiguous.err());

        ok(cli.run("--lab", lab, "checkpoint", "remove", "web", "--name", "one", "--include-children"));
        assertEquals(0, ok(cli.run("--lab", lab, "--json", "checkpoint", "list", "web")).json().size());
        JsonNode after = ok(cli.run("--lab", lab, "--json", "vm", "disk", "list", "web")).json();
        assertEquals(disk.toString(), after.get(0).get("Path").asText(), "back on its own file");
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".avhdx")), "no differencing disk left");
        }
        ok(cli.run("--lab", lab, "vm", "disk", "remove", "web", "--path", disk.toString()));
        assertEquals(0, ok(cli.run("--lab", lab, "--json", "vm", "disk", "list", "web")).json().size());

        CliRunner.Result usage = cli.run("--lab", lab, "vm", "disk", "add", "web");
        assertEquals(2, usage.code(), usage.toString());
    }

    @Test
    void aFailedApplyLeavesTheLabAndFilesAsTheyWereAndStartNamesTheDiskThatDoesNotOpen() throws Exception {
        Path labFile = dir.resolve("lab.json");
        String lab = labFile.toString();
        Path disk = dir.resolve("db.vhdx");
        ok(cli.run("lab", "new", lab));
        ok(cli.run("--lab", lab, "vm", "new", "db"));
        ok(cli.run("vhd", "new", disk.toString(), "--size", "16MB"));
        ok(cli.run("--lab", lab, "vm", "disk", "add", "db", "--path", disk.toString()));
        ok(cli.run("--lab", lab, "checkpoint", "new", "db", "--name", "one"));
        String drives = ok(cli.run("--lab", lab, "--json", "vm", "disk", "list", "db")).out();
        // Break the checkpoint's frozen file: nothing can be built on it any more.
        try (var ch = java.nio.channels.FileChannel.open(disk, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.allocate(8), 0);
        }
        JsonNode labBefore = model(labFile);
        java.util.List<Path> filesBefore;
        try (var s = Files.list(dir)) {
            filesBefore = s.sorted().toList();
        }
        CliRunner.Result apply = cli.run("--lab", lab, "checkpoint", "apply", "db", "--name", "one");
        assertEquals(1, apply.code(), apply.toString());
        assertEquals(labBefore, model(labFile), "the lab's model is unchanged (its clock and random state move on)");
        try (var s = Files.list(dir)) {
            assertEquals(filesBefore, s.sorted().toList(), "no file was added or removed");
        }
        assertEquals(drives, ok(cli.run("--lab", lab, "--json", "vm", "disk", "list", "db")).out(), "the VM keeps its drive");

        CliRunner.Result start = cli.run("--lab", lab, "vm", "start", "db");
        assertEquals(1, start.code(), start.toString());
        assertTrue(start.err().contains("Failed to open attachment") && start.err().contains(".avhdx"), start.err());
        assertTrue(start.err().contains("db.vhdx"), "the broken parent is named: " + start.err());
    }

    private static JsonNode model(Path labFile) throws java.io.IOException {
        com.fasterxml.jackson.databind.node.ObjectNode n = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(labFile.toFile());
        n.remove(java.util.List.of("clock", "savedAt", "random"));
        return n;
    }

    private static CliRunner.Result ok(CliRunner.Result r) {
        assertEquals(0, r.code(), r.toString());
        return r;
    }
}
