package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A refusal that tells the user what to do names the command line's verb, not the Java method. */
class BackupCliRefusalTest {
    @TempDir
    Path dir;
    final CliRunner cli = new CliRunner(Map.of());

    @Test
    void aBackupOfAnUnprotectedVmNamesTheGroupAddVerb() {
        Path lab = dir.resolve("backup.json");
        assertEquals(0, cli.run("lab", "new", lab.toString(), "--template", "seed004-backup").code());
        String err = cli.onLab(lab, 1, "backup", "run", "GUEST2", "--type", "full").err();
        assertTrue(err.contains("hyperv backup group add GROUP GUEST2"), err);
        assertFalse(err.contains("addMember"), err);
        assertTrue(dir.resolve("backup.json.disks").resolve("GUEST1.vhdx").toFile().isFile(), "the template's disks live beside the lab");
    }
}
