package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperv4j.sim.LabLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several {@code hyperv} processes on one lab at once (issue 12, finding 9 and the multi-process
 * acceptance item): every change survives, a reset is never undone by a command that loaded the lab
 * before it, and a command that cannot get the lab says why.
 */
class LabProcessesTest {
    private static final int WRITERS = 5;
    @TempDir
    Path dir;

    record Outcome(int code, String out, String err) {}

    /** Starts {@code hyperv ARGS} as a child JVM with this test's class path. */
    private static Process start(Map<String, String> env, String... args) throws IOException {
        List<String> command = ChildJvm.command(Main.class);
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command);
        b.environment().putAll(env);
        b.environment().remove(CommandContext.LAB_VARIABLE);
        return b.start();
    }

    private static Outcome finish(Process p) throws Exception {
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("a hyperv process did not finish");
        }
        return new Outcome(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static Set<String> vmNames(Path lab) {
        JsonNode list = new CliRunner(Map.of()).run("--lab", lab.toString(), "--json", "vm", "list").json();
        Set<String> names = new HashSet<>();
        list.forEach(v -> names.add(v.get("Name").asText()));
        return names;
    }

    @Test
    void concurrentWritersAndAResetLoseNothingAndNeverUndoTheReset() throws Exception {
        Path lab = dir.resolve("lab.json");
        CliRunner cli = new CliRunner(Map.of());
        assertEquals(0, cli.run("lab", "new", lab.toString()).code());
        assertEquals(0, cli.run("--lab", lab.toString(), "vm", "new", "before-reset").code());

        List<Process> writers = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) writers.add(start(Map.of(), "--lab", lab.toString(), "vm", "new", "vm" + i));
        Process reset = start(Map.of(), "lab", "new", lab.toString(), "--force");
        Set<String> created = new HashSet<>();
        for (int i = 0; i < WRITERS; i++) {
            Outcome o = finish(writers.get(i));
            assertEquals(0, o.code(), "vm" + i + ": " + o.err());
            created.add("vm" + i);
        }
        Outcome r = finish(reset);
        assertEquals(0, r.code(), r.err());

        Set<String> after = vmNames(lab);
        assertFalse(after.contains("before-reset"), "a command that loaded the lab before the reset saved it back: " + after);
        assertTrue(created.containsAll(after), after.toString());
    }

    @Test
    void writersInSeveralProcessesAllKeepTheirChange() throws Exception {
        Path lab = dir.resolve("lab.json");
        assertEquals(0, new CliRunner(Map.of()).run("lab", "new", lab.toString()).code());
        List<Process> writers = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) writers.add(start(Map.of(), "--lab", lab.toString(), "vm", "new", "vm" + i));
        for (Process p : writers) {
            Outcome o = finish(p);
            assertEquals(0, o.code(), o.err());
        }
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < WRITERS; i++) expected.add("vm" + i);
        assertEquals(expected, vmNames(lab), "no update lost");
    }

    @Test
    void aCommandThatCannotGetTheLabSaysWhyAndChangesNothing() throws Exception {
        Path lab = dir.resolve("lab.json");
        assertEquals(0, new CliRunner(Map.of()).run("lab", "new", lab.toString()).code());
        byte[] before = Files.readAllBytes(lab);
        try (LabLock held = LabLock.acquire(lab, Duration.ofSeconds(5))) {
            Outcome vmNew = finish(start(Map.of(LabTarget.WAIT_VARIABLE, "1"), "--lab", lab.toString(), "vm", "new", "late"));
            Outcome reset = finish(start(Map.of(LabTarget.WAIT_VARIABLE, "1"), "lab", "new", lab.toString(), "--force"));
            for (Outcome o : List.of(vmNew, reset)) {
                assertEquals(Cli.FAILED, o.code(), o.err());
                assertTrue(o.err().contains("lab " + lab + " is in use by another command or session (waited 1 s)"), o.err());
            }
        }
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(lab)), "the refused commands changed nothing");
    }
}
