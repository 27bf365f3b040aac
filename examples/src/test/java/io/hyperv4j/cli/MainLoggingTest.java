package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool's logging as {@code ./hyperv} runs it, in a child JVM (the level from
 * {@code HYPERV4J_LOG_LEVEL}, which the launcher passes as slf4j-simple's default level): the library's
 * logs reach stderr at the level asked for, with no message of SLF4J's own (no missing binding, no
 * stand-in loggers replayed), and nothing at the default level.
 */
class MainLoggingTest {
    @TempDir
    Path dir;

    private record Outcome(int code, String err) {}

    private static Outcome hyperv(String level, String... args) throws Exception {
        List<String> command = new ArrayList<>(ChildJvm.command(Main.class, "-Dorg.slf4j.simpleLogger.defaultLogLevel=" + level));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        b.environment().remove(CommandContext.LAB_VARIABLE);
        Process p = b.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("hyperv did not finish");
        }
        return new Outcome(p.exitValue(), err);
    }

    @Test
    void theLibrarysLogsReachStderrAtTheLevelAskedForAndSlf4jSaysNothingOfItsOwn() throws Exception {
        Path lab = dir.resolve("lab.json");
        assertEquals(0, new CliRunner(Map.of()).run("lab", "new", lab.toString()).code());

        Outcome debug = hyperv("debug", "--lab", lab.toString(), "vm", "new", "logged");
        assertEquals(0, debug.code(), debug.err());
        assertTrue(debug.err().contains("DEBUG io.hyperv4j.vm.VirtualMachines - defined VM 'logged'"), debug.err());
        assertFalse(debug.err().contains("SLF4J"), debug.err());

        Outcome warn = hyperv("warn", "--lab", lab.toString(), "vm", "new", "quiet");
        assertEquals(0, warn.code(), warn.err());
        assertEquals("", warn.err());
    }
}
