package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command that only reads a lab leaves its file as it was (no write, sync and rename for a
 * read), and one that changes it still saves: every save renames a new file into place, so the
 * file's identity tells the two apart.
 */
class ReadOnlyLabCommandTest {
    private final CliRunner cli = new CliRunner(Map.of());

    @TempDir
    Path dir;

    @Test
    void readsLeaveTheFileAndChangesSaveIt() throws Exception {
        Path lab = dir.resolve("lab.json");
        assertEquals(0, cli.run("lab", "new", lab.toString()).code());
        cli.onLab(lab, 0, "vm", "new", "web");
        Object saved = identity(lab);
        String text = Files.readString(lab);
        cli.onLab(lab, 0, "vm", "list");
        cli.onLab(lab, 0, "--json", "vm", "get", "web");
        assertEquals(saved, identity(lab), "vm list and vm get only read");
        assertEquals(text, Files.readString(lab));
        cli.onLab(lab, 0, "vm", "start", "web");
        assertNotEquals(saved, identity(lab), "vm start changed the lab: saved");
        assertEquals("Running", cli.onLab(lab, 0, "--json", "vm", "get", "web").json().path("State").asText());
    }

    private static Object identity(Path file) throws java.io.IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return java.util.List.of(a.fileKey(), a.lastModifiedTime(), a.size());
    }
}
