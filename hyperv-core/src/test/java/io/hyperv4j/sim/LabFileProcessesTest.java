package io.hyperv4j.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.ConnectOptions;
import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVException;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several JVMs writing one lab file through the library ({@code sim:file:} sessions), not the CLI:
 * the lab lock orders them, so every VM each one created is in the file afterwards, and a session
 * that cannot get the lab within its timeout is refused with "in use" and changes nothing.
 */
class LabFileProcessesTest {
    private static final int WRITERS = 4;
    private static final int VMS_EACH = 3;

    @TempDir
    Path dir;

    /** A child process: opens the lab file through {@link HyperV#connect} and creates VMs named PREFIX0, PREFIX1, ... */
    public static void main(String[] args) {
        ConnectOptions options = ConnectOptions.builder().callTimeout(Duration.ofMinutes(2)).build();
        for (int i = 0; i < VMS_EACH; i++) {
            // a session per VM, so the writers interleave instead of one holding the lab throughout
            try (HyperVHost host = HyperV.connect(URI.create(args[0]), options)) {
                host.vms().create(VmSpec.builder(args[1] + i).build());
            }
        }
    }

    private static URI uri(Path lab) {
        return URI.create("sim:" + lab.toUri());
    }

    @Test
    void sessionsInSeveralProcessesKeepEveryChange() throws Exception {
        Path lab = dir.resolve("lab.json");
        try (Lab l = Lab.fromTemplate(LabTemplates.DEFAULT)) {
            l.save(lab);
        }
        List<Process> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            ProcessBuilder b = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    LabFileProcessesTest.class.getName(), uri(lab).toString(), "w" + w + "-");
            b.redirectErrorStream(true);
            writers.add(b.start());
        }
        for (Process p : writers) {
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("a writer did not finish");
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), output);
        }
        Set<String> expected = new TreeSet<>();
        for (int w = 0; w < WRITERS; w++) for (int i = 0; i < VMS_EACH; i++) expected.add("w" + w + "-" + i);
        try (Lab l = Lab.load(lab)) {
            Set<String> names = l.hosts().stream().flatMap(h -> h.vms().stream()).map(SimVm::name)
                    .filter(n -> n.startsWith("w")).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(expected, names);
        }
    }

    @Test
    void aSessionThatCannotGetTheLabSaysItIsInUseAndChangesNothing() throws Exception {
        Path lab = dir.resolve("busy.json");
        try (Lab l = Lab.fromTemplate(LabTemplates.DEFAULT)) {
            l.save(lab);
        }
        byte[] before = Files.readAllBytes(lab);
        ConnectOptions quick = ConnectOptions.builder().callTimeout(Duration.ofMillis(300)).build();
        try (LabLock held = LabLock.acquire(lab, Duration.ofSeconds(1))) {
            HyperVException e = assertThrows(HyperVException.class, () -> HyperV.connect(uri(lab), quick));
            assertTrue(e.getMessage().contains("is in use by another command or session"), e.getMessage());
        }
        assertArrayEquals(before, Files.readAllBytes(lab));
        try (HyperVHost host = HyperV.connect(uri(lab), quick)) {
            VirtualMachine vm = host.vms().create(VmSpec.builder("after").build());
            assertEquals("after", vm.name());
            // while this session is open, the lab is this JVM's: a CLI command or another process waits
            assertThrows(HyperVException.class, () -> LabLock.acquire(lab, Duration.ZERO).close());
        }
        LabLock.acquire(lab, Duration.ZERO).close();
    }
}
