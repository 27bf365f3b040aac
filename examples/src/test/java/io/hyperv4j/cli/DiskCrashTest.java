package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.OpenMode;
import io.hyperv4j.vhd.ValidationReport;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vhd.VirtualDisk;
import io.hyperv4j.vhd.VirtualDisks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the CLI (a child JVM halted at a random moment of the command, as kill -9 would) during
 * {@code vhd merge}, {@code vhd resize}, {@code checkpoint remove} and {@code checkpoint apply}, 50
 * times each on small disks. Afterwards every disk and chain opens, {@code vhd test} passes, the lab
 * names only files that exist, no merge journal is left once the files were opened, and the data
 * equals one of the two states the model allows (before or after the command).
 */
class DiskCrashTest {
    private static final int RUNS = 50;
    private static final int SIZE = 8 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CliRunner cli = new CliRunner(Map.of());
    /** For checking after a run (a fresh runner: nothing cached from the setup). */
    private final CliRunner later = new CliRunner(Map.of());
    private final Random random = new Random(20261206);

    @TempDir
    Path root;

    @Test
    void killedMerge() throws Exception {
        crash("merge", dir -> {
            Path parent = dir.resolve("p.vhdx");
            Path child = dir.resolve("c.vhdx");
            write(parent, true, 1);
            VirtualDisks.createFile(child, DiskSpec.differencing(VhdFormat.VHDX, parent));
            byte[] before = content(parent);
            write(child, false, 2);
            byte[] after = content(child);
            return new Case(List.of("vhd", "merge", child.toString()), () -> {
                assertValid(parent);
                if (Files.exists(child)) {
                    assertValid(child);
                    assertArrayEquals(after, content(child), "the child still reads the merged view");
                    assertArrayEquals(before, content(parent), "the parent is untouched until the merge is journaled");
                } else {
                    assertArrayEquals(after, content(parent), "the merge finished");
                }
            });
        });
    }

    @Test
    void killedResize() throws Exception {
        crash("resize", dir -> {
            Path disk = dir.resolve("d.vhdx");
            write(disk, true, 3);
            byte[] before = content(disk);
            return new Case(List.of("vhd", "resize", disk.toString(), "--size", "24MB"), () -> {
                assertValid(disk);
                byte[] now = content(disk);
                assertTrue(now.length == SIZE || now.length == 3 * SIZE, "size is the old or the new one: " + now.length);
                assertArrayEquals(before, java.util.Arrays.copyOf(now, SIZE), "data kept");
                for (int i = SIZE; i < now.length; i++) if (now[i] != 0) fail("grown space must read zeros at " + i);
            });
        });
    }

    @Test
    void killedCheckpointRemove() throws Exception {
        crash("remove", dir -> {
            Lab lab = lab(dir, 5);
            byte[] atCheckpoint = lab.atCheckpoint;
            byte[] now = lab.now;
            return new Case(lab.command("checkpoint", "remove", "web", "--name", "one"), () -> {
                JsonNode state = lab.consistent();
                assertArrayEquals(now, content(lab.current(later)), "the VM's disk reads what it held");
                JsonNode cps = state.path("checkpoints");
                assertTrue(cps.size() <= 1);
                if (cps.size() == 1) assertArrayEquals(atCheckpoint, content(frozenFile(cps.get(0))), "the checkpoint kept its moment");
            });
        });
    }

    @Test
    void killedCheckpointApply() throws Exception {
        crash("apply", dir -> {
            Lab lab = lab(dir, 7);
            byte[] atCheckpoint = lab.atCheckpoint;
            byte[] now = lab.now;
            return new Case(lab.command("checkpoint", "apply", "web", "--name", "one"), () -> {
                JsonNode state = lab.consistent();
                byte[] drive = content(lab.current(later));
                assertTrue(java.util.Arrays.equals(drive, now) || java.util.Arrays.equals(drive, atCheckpoint),
                        "the drive holds the state before or after the apply");
                assertEquals(1, state.path("checkpoints").size(), "the checkpoint stays");
                assertArrayEquals(atCheckpoint, content(frozenFile(state.path("checkpoints").get(0))));
            });
        });
    }

    // ---------------------------------------------------------------- harness

    private record Case(List<String> command, Check check) {
    }

    private interface Setup {
        Case in(Path dir) throws Exception;
    }

    private interface Check {
        void run() throws Exception;
    }

    private void crash(String name, Setup setup) throws Exception {
        Path calibration = Files.createDirectory(root.resolve(name + "-calibration"));
        Case c = setup.in(calibration);
        Child run = child(-1, c.command());
        assertEquals(0, run.code(), run.output());
        long took = Long.parseLong(run.output().replaceAll("(?s).*took-micros (\\d+).*", "$1"));
        c.check().run();
        // The cases are set up in order (same random delays every time), their children run two at a
        // time (one per core: a child is mostly JVM start-up), and each is checked once it has ended.
        List<Case> cases = new ArrayList<>();
        List<Long> delays = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            dirs.add(Files.createDirectory(root.resolve(name + "-" + i)));
            cases.add(setup.in(dirs.get(i)));
            delays.add((long) (random.nextDouble() * took * 1.2));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        int killed = 0;
        try {
            List<java.util.concurrent.Future<Child>> runs = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                List<String> command = cases.get(i).command();
                long delay = delays.get(i);
                runs.add(pool.submit(() -> child(delay, command)));
            }
            for (int i = 0; i < RUNS; i++) {
                Child r = runs.get(i).get(120, TimeUnit.SECONDS);
                long delay = delays.get(i);
                if (r.code() == 137) killed++;
                else assertEquals(0, r.code(), "run " + i + " (delay " + delay + " µs): " + r.output());
                try {
                    cases.get(i).check().run();
                    assertNoJournals(dirs.get(i));
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError(name + " run " + i + " killed after " + delay + " µs: " + e.getMessage(), e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(killed >= RUNS / 3, "most runs must be killed mid-command, not after: " + killed + " of " + RUNS);
    }

    private record Child(int code, String output) {
    }

    private static Child child(long delayMicros, List<String> command) throws IOException, InterruptedException {
        List<String> cmd = ChildJvm.command(CrashingCli.class, "-Xmx256m");
        cmd.add(Long.toString(delayMicros));
        cmd.addAll(command);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child finished");
        return new Child(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /**
     * A lab with VM web, a 8 MB VHDX with data attached, checkpoint "one", the VM off, and more
     * data written since (pattern {@code seed}).
     */
    private Lab lab(Path dir, int seed) throws Exception {
        Path labFile = dir.resolve("lab.json");
        Path disk = dir.resolve("web.vhdx");
        ok(cli.run("lab", "new", labFile.toString()));
        ok(cli.run("--lab", labFile.toString(), "vm", "new", "web"));
        write(disk, true, 4);
        ok(cli.run("--lab", labFile.toString(), "vm", "disk", "add", "web", "--path", disk.toString()));
        ok(cli.run("--lab", labFile.toString(), "checkpoint", "new", "web", "--name", "one"));
        Lab lab = new Lab(labFile, dir);
        lab.atCheckpoint = content(lab.current(cli));
        write(lab.current(cli), false, seed);
        lab.now = content(lab.current(cli));
        return lab;
    }

    private final class Lab {
        final Path file;
        final Path dir;
        byte[] atCheckpoint;
        byte[] now;

        Lab(Path file, Path dir) {
            this.file = file;
            this.dir = dir;
        }

        List<String> command(String... args) {
            List<String> c = new ArrayList<>(List.of("--lab", file.toString()));
            c.addAll(List.of(args));
            return c;
        }

        Path current(CliRunner runner) {
            JsonNode disks = ok(runner.run("--lab", file.toString(), "--json", "vm", "disk", "list", "web")).json();
            assertEquals(1, disks.size(), "the VM keeps its drive: " + disks);
            return Path.of(disks.get(0).get("Path").asText());
        }

        /**
         * Loads the lab through the CLI (which finishes what the killed run left), then checks every
         * file it names exists and every disk file in the folder validates. Returns the VM's storage
         * as saved in the lab file.
         */
        JsonNode consistent() throws IOException {
            current(later); // a load: finishes what the killed run left
            JsonNode vm = storage();
            List<String> named = new ArrayList<>();
            vm.path("drives").forEach(d -> named.add(d.path("file").asText()));
            vm.path("checkpoints").forEach(c -> c.path("drives").forEach(d -> named.add(d.path("file").asText())));
            for (String f : named) assertTrue(Files.exists(Path.of(f)), "the lab names " + f + " which must exist");
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(p -> p.toString().matches(".*/[^.][^/]*\\.a?vhdx$")).toList()) assertValid(p);
            }
            return vm;
        }

        JsonNode storage() throws IOException {
            JsonNode root = JSON.readTree(file.toFile());
            for (JsonNode n : root.findValues("vms"))
                for (JsonNode v : n) if (v.has("drives")) return v;
            throw new AssertionError("no VM storage in " + file);
        }
    }

    private static Path frozenFile(JsonNode checkpoint) {
        return Path.of(checkpoint.path("drives").get(0).path("file").asText());
    }

    private static CliRunner.Result ok(CliRunner.Result r) {
        assertEquals(0, r.code(), r.toString());
        return r;
    }

    /** Writes a pattern into blocks of a new (create) or existing disk. */
    private static void write(Path disk, boolean create, int seed) {
        Random r = new Random(seed);
        try (VirtualDisk d = create ? VirtualDisks.create(disk, DiskSpec.dynamic(VhdFormat.VHDX, SIZE).withBlockSize(1 << 20))
                : VirtualDisks.open(disk, OpenMode.READ_WRITE)) {
            for (int i = 0; i < 6; i++) {
                byte[] b = new byte[1 + r.nextInt(200_000)];
                r.nextBytes(b);
                d.write(r.nextInt(SIZE - b.length), b, 0, b.length);
            }
        }
    }

    private static byte[] content(Path disk) {
        try (VirtualDisk d = VirtualDisks.open(disk, OpenMode.READ_ONLY)) {
            byte[] b = new byte[(int) d.size()];
            d.read(0, b, 0, b.length);
            return b;
        }
    }

    private static void assertValid(Path p) {
        ValidationReport r = VirtualDisks.validate(p);
        assertTrue(r.ok(), p + ": " + r);
    }

    private static void assertNoJournals(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> left = s.filter(p -> p.getFileName().toString().matches("\\..*\\.(merge|merge-from)")).toList();
            assertEquals(List.of(), left, "merge journals left after the files were opened");
        }
    }
}
