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

    @Test
    void aGroupsScheduleIsSetFromTheCommandLine() {
        Path lab = dir.resolve("sched.json");
        assertEquals(0, cli.run("lab", "new", lab.toString(), "--template", "seed004-backup").code());
        cli.onLab(lab, 0, "backup", "group", "new", "g");
        cli.onLab(lab, 0, "backup", "group", "schedule", "g", "--at", "08:00,20:00", "--sync-every", "15");
        assertTrue(cli.onLab(lab, 2, "backup", "group", "schedule", "g", "--at", "25:00").err().contains("25:00"));
    }
}
