package io.hyperv4j.scvmm.sim;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.sim.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lab made from a template keeps its VMs' files in a temporary folder until it has a file; saved,
 * they move beside the file, so the lab file names folders that outlive the process (the CLI's
 * {@code lab new --template seed000-vmm} left every such folder in /tmp before), and the temporary
 * folder is gone.
 */
class VmFolderTest {
    @Test
    void aLabSavedToItsFirstFileTakesItsVmFilesOutOfTheTemporaryFolder(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("v.json");
        String id;
        List<Long> sizes = new ArrayList<>();
        try (Lab lab = Lab.fromTemplate("seed000-vmm")) {
            id = lab.read(Duration.ofMinutes(1), () -> lab.host("host1").vms().iterator().next().id());
            List<Path> before = VmmLab.of(lab).vmFiles(id);
            Path scratch = before.get(0);
            while (!scratch.getFileName().toString().startsWith("hyperv4j-vmm-")) scratch = scratch.getParent();
            for (Path p : before) sizes.add(Files.size(p));

            lab.save(file);
            List<Path> after = VmmLab.of(lab).vmFiles(id);
            assertEquals(before.size(), after.size());
            for (int i = 0; i < after.size(); i++) {
                assertTrue(after.get(i).startsWith(dir.resolve("vmm")), after.get(i).toString());
                assertEquals(sizes.get(i), Files.size(after.get(i)), after.get(i) + " came whole");
            }
            assertFalse(Files.exists(scratch), scratch + " is removed");
            assertTrue(Files.readString(file).contains(after.get(0).getParent().toString().replace("\\", "\\\\")), "the file names the new folder");
        }
        try (Lab back = Lab.load(file)) {
            for (Path p : VmmLab.of(back).vmFiles(id)) assertTrue(p.startsWith(dir) && Files.isRegularFile(p), p.toString());
        }
    }
}
