package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A lab file made from a template, and the tool run on it ({@code --lab FILE ...}), each command asserting its exit code. */
record LabCli(CliRunner cli, Path file) {

    static LabCli fromTemplate(Path dir, String template) {
        CliRunner cli = new CliRunner(Map.of());
        Path file = dir.resolve("dc.json");
        CliRunner.Result r = cli.run("lab", "new", file.toString(), "--template", template);
        assertEquals(0, r.code(), r.toString());
        return new LabCli(cli, file);
    }

    CliRunner.Result run(int expected, String... args) {
        List<String> full = new ArrayList<>(List.of("--lab", file.toString()));
        full.addAll(List.of(args));
        CliRunner.Result r = cli.run(full.toArray(String[]::new));
        assertEquals(expected, r.code(), r.toString());
        return r;
    }

    /** Tests on a fresh seed000-cluster lab file: {@code run(exit, args)} runs the tool on it. */
    abstract static class OnSeed000 {
        @org.junit.jupiter.api.io.TempDir
        Path dir;
        LabCli lab;
        final CliRunner cli = new CliRunner(Map.of());

        @org.junit.jupiter.api.BeforeEach
        void seed000() {
            lab = fromTemplate(dir, "seed000-cluster");
        }

        CliRunner.Result run(int expected, String... args) {
            return lab.run(expected, args);
        }
    }
}
