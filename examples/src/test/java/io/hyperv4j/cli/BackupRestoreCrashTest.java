package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperv4j.vhd.OpenMode;
import io.hyperv4j.vhd.ValidationReport;
import io.hyperv4j.vhd.VirtualDisk;
import io.hyperv4j.vhd.VirtualDisks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the CLI (a child JVM halted at a random moment, as kill -9 would) during {@code backup restore
 * GUEST1 --to original} on seed 004's lab. Afterwards the lab loads, names only files that exist,
 * every disk validates, and GUEST1's disk holds either what it held before the restore or the
 * recovery point's bytes, never a mix.
 */
class BackupRestoreCrashTest {
    private static final int RUNS = 16;
    private final CliRunner cli = new CliRunner(Map.of());
    private final Random random = new Random(20261206);

    @TempDir
    Path root;

    private record Case(Path lab, byte[] before, byte[] point) {
    }

    @Test
    void aKilledRestoreToTheOriginalLocationLeavesTheOldDiskOrTheRestoredOne() throws Exception {
        Case calibration = setUp(root.resolve("calibration"));
        Child first = child(-1, calibration.lab());
        assertEquals(0, first.code(), first.output());
        long took = Long.parseLong(first.output().replaceAll("(?s).*took-micros (\\d+).*", "$1"));
        assertArrayEquals(calibration.point(), content(current(calibration.lab())), "an uninterrupted restore gives the point's bytes");

        int killed = 0;
        for (int i = 0; i < RUNS; i++) {
            Case c = setUp(root.resolve("run-" + i));
            long delay = (long) (random.nextDouble() * took * 1.1);
            Child r = child(delay, c.lab());
            if (r.code() == 137) killed++;
            else assertEquals(0, r.code(), "run " + i + ": " + r.output());
            byte[] now = content(current(c.lab()));
            assertTrue(Arrays.equals(now, c.before()) || Arrays.equals(now, c.point()),
                    "run " + i + " killed after " + delay + " µs: the disk is the old one or the restored one");
            try (Stream<Path> s = Files.walk(c.lab().getParent())) {
                for (Path p : s.filter(p -> p.getFileName().toString().matches("[^.].*\\.a?vhdx")).toList()) {
                    ValidationReport v = VirtualDisks.validate(p);
                    assertTrue(v.ok(), "run " + i + ": " + p + ": " + v);
                }
            }
        }
        assertTrue(killed >= RUNS / 3, "most runs must be killed mid-command: " + killed + " of " + RUNS);
    }

    /** Seed 004's lab with a replica of GUEST1, whose disk then changed. */
    private Case setUp(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path lab = dir.resolve("lab.json");
        assertEquals(0, cli.run("lab", "new", lab.toString(), "--template", "seed004-backup").code());
        cli.onLab(lab, 0, "backup", "group", "new", "g");
        cli.onLab(lab, 0, "backup", "group", "add", "g", "GUEST1");
        Path disk = current(lab);
        write(disk, 1);
        cli.onLab(lab, 0, "backup", "run", "GUEST1", "--type", "full");
        byte[] point = content(disk);
        write(current(lab), 2);
        return new Case(lab, content(current(lab)), point);
    }

    private Path current(Path lab) {
        JsonNode disks = cli.onLab(lab, 0, "--json", "vm", "disk", "list", "GUEST1").json();
        Path p = Path.of(disks.get(0).get("Path").asText());
        assertTrue(Files.exists(p), "the lab names " + p);
        return p;
    }

    private record Child(int code, String output) {
    }

    private static Child child(long delayMicros, Path lab) throws Exception {
        List<String> cmd = ChildJvm.command(CrashingCli.class, "-Xmx256m");
        cmd.add(Long.toString(delayMicros));
        cmd.addAll(List.of("--lab", lab.toString(), "backup", "restore", "GUEST1", "--point", "RP0001", "--to", "original"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child finished");
        return new Child(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static void write(Path disk, int seed) {
        Random r = new Random(seed);
        try (VirtualDisk d = VirtualDisks.open(disk, OpenMode.READ_WRITE)) {
            for (int i = 0; i < 8; i++) {
                byte[] b = new byte[1 + r.nextInt(300_000)];
                r.nextBytes(b);
                d.write(r.nextInt((int) d.size() - b.length), b, 0, b.length);
            }
            d.flush();
        }
    }

    private static byte[] content(Path disk) {
        try (VirtualDisk d = VirtualDisks.open(disk, OpenMode.READ_ONLY)) {
            byte[] b = new byte[(int) d.size()];
            d.read(0, b, 0, b.length);
            return b;
        }
    }
}
