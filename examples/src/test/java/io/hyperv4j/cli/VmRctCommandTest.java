package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vm rct: a recovery checkpoint, its reference point, the changes since it and its removal, across separate command runs on one lab file. */
class VmRctCommandTest {
    private final CliRunner cli = new CliRunner(Map.of());

    @TempDir
    Path dir;

    @Test
    void aReferencePointSurvivesBetweenCommandsAndAnswersChanges() throws Exception {
        String lab = dir.resolve("lab.json").toString();
        Path disk = dir.resolve("app.vhdx");
        ok(cli.run("lab", "new", lab));
        ok(cli.run("--lab", lab, "vm", "new", "app"));
        ok(cli.run("vhd", "new", disk.toString(), "--size", "16MB"));
        ok(cli.run("--lab", lab, "vm", "disk", "add", "app", "--path", disk.toString()));
        JsonNode cp = ok(cli.run("--lab", lab, "--json", "vm", "rct", "checkpoint", "app", "--consistency", "crash")).json();
        assertEquals("Recovery", cp.get("SnapshotType").asText());
        assertEquals(0, ok(cli.run("--lab", lab, "--json", "checkpoint", "list", "app")).json().size(), "not a user checkpoint");
        JsonNode rp = ok(cli.run("--lab", lab, "--json", "vm", "rct", "convert", "app", "--checkpoint", cp.get("Id").asText())).json();
        assertEquals(2, rp.get("ConsistencyLevel").asInt());
        String id = rp.get("InstanceID").asText().substring("Microsoft:".length());
        assertTrue(rp.get("ResilientChangeTrackingIdentifiers").get(0).asText().startsWith("rctX:"), rp.toString());
        assertEquals(1, ok(cli.run("--lab", lab, "--json", "vm", "rct", "points", "app")).json().size());
        JsonNode changes = ok(cli.run("--lab", lab, "--json", "vm", "rct", "changes", "app", "--since", id)).json();
        assertEquals(0, changes.get(0).get("ChangedBytes").asLong(), "the VM is off: nothing changed");
        assertEquals(16L << 20, changes.get(0).get("Size").asLong());
        ok(cli.run("--lab", lab, "vm", "rct", "remove", "app", "--point", id));
        assertEquals(0, ok(cli.run("--lab", lab, "--json", "vm", "rct", "points", "app")).json().size());
        CliRunner.Result missing = cli.run("--lab", lab, "vm", "rct", "changes", "app", "--since", id);
        assertEquals(1, missing.code(), missing.toString());
        assertEquals(2, cli.run("--lab", lab, "vm", "rct", "changes", "app").code(), "--since is required");
    }

    private static CliRunner.Result ok(CliRunner.Result r) {
        assertEquals(0, r.code(), r.toString());
        return r;
    }
}
