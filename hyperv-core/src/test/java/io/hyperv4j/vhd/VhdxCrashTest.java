package io.hyperv4j.vhd;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.vhd.io.FileStorage;
import io.hyperv4j.vhd.vhdx.VhdxDisk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cuts VHDX metadata updates at every step (torn write at the cut, with and without losing the
 * unflushed writes before it), reopens the file and checks it is consistent and that whatever the
 * flushed log entry promised is there.
 */
class VhdxCrashTest {
    private static final int SIZE = 8 << 20;

    @TempDir
    Path dir;

    /** One update to cut: runs against an open disk; must end with the disk closed. */
    private void cutEverywhere(Path base, Consumer<VhdxDisk> update, Consumer<Outcome> check) throws IOException {
        int total = countSteps(base, update);
        assertTrue(total > 5, "the update takes several steps: " + total);
        for (int at = 1; at <= total; at++) {
            for (int drop = 0; drop < 4; drop++) {
                Path copy = dir.resolve("cut-" + at + "-" + drop + ".vhdx");
                Files.copy(base, copy, StandardCopyOption.REPLACE_EXISTING);
                FaultyStorage storage = new FaultyStorage(FileStorage.open(copy, false), at, drop);
                try {
                    VhdxDisk disk = VhdxDisk.open(storage, true, c -> {
                        throw new AssertionError("no parent");
                    });
                    update.accept(disk);
                } catch (VhdException e) {
                    assertTrue(storage.crashed(), "only the injected crash may fail: " + e);
                } finally {
                    storage.close();
                }
                String label = "cut at step " + at + "/" + total + " loss mode " + drop;
                try (VirtualDisk d = VirtualDisks.open(copy, OpenMode.READ_WRITE)) {
                    byte[] content = new byte[(int) Math.min(d.size(), SIZE)];
                    d.read(0, content, 0, content.length);
                    check.accept(new Outcome(label, storage.logPromised(), d.size(), content));
                } catch (VhdException e) {
                    throw new AssertionError(label + ": reopening failed: " + e.getMessage(), e);
                }
                ValidationReport report = VirtualDisks.validate(copy);
                assertTrue(report.ok(), label + ": " + report.problems());
                Files.delete(copy);
            }
        }
    }

    record Outcome(String label, boolean logPromised, long size, byte[] content) {
    }

    private int countSteps(Path base, Consumer<VhdxDisk> update) throws IOException {
        Path copy = dir.resolve("count.vhdx");
        Files.copy(base, copy, StandardCopyOption.REPLACE_EXISTING);
        FaultyStorage storage = new FaultyStorage(FileStorage.open(copy, false), Integer.MAX_VALUE, 0);
        update.accept(VhdxDisk.open(storage, true, c -> null));
        Files.delete(copy);
        return storage.steps();
    }

    private Path baseDisk(byte[] model) {
        Path base = dir.resolve("base.vhdx");
        try (VirtualDisk d = VirtualDisks.create(base, DiskSpec.dynamic(VhdFormat.VHDX, SIZE).withBlockSize(1 << 20))) {
            d.write(0, model, 0, 1 << 20);
        }
        return base;
    }

    @Test
    void allocatingWritesAreAllOrNothingAndKeptOnceLogged() throws IOException {
        byte[] before = new byte[SIZE];
        new Random(5).nextBytes(before);
        Arrays.fill(before, 1 << 20, SIZE, (byte) 0);
        Path base = baseDisk(before);
        byte[] after = before.clone();
        byte[] fresh = new byte[3 << 20];
        new Random(6).nextBytes(fresh);
        System.arraycopy(fresh, 0, after, 4 << 20, fresh.length);
        cutEverywhere(base, disk -> {
            disk.write(4 << 20, fresh, 0, fresh.length);
            disk.close();
        }, o -> {
            if (o.logPromised()) {
                assertArrayEquals(after, o.content(), o.label() + ": the logged BAT update must survive");
            } else {
                assertTrue(Arrays.equals(before, o.content()) || Arrays.equals(after, o.content()),
                        o.label() + ": content is neither before nor after");
            }
        });
    }

    @Test
    void resizeIsAtomicAcrossBatRelocation() throws IOException {
        byte[] before = new byte[SIZE];
        new Random(8).nextBytes(before);
        Arrays.fill(before, 1 << 20, SIZE, (byte) 0);
        Path base = baseDisk(before);
        long grown = 200L << 30; // the BAT no longer fits its 1 MiB region and moves
        cutEverywhere(base, disk -> {
            disk.resize(grown);
            disk.close();
        }, o -> {
            assertTrue(o.size() == SIZE || o.size() == grown, o.label() + ": size " + o.size());
            if (o.logPromised()) {
                assertEquals(grown, o.size(), o.label() + ": the logged size must survive");
            }
            assertArrayEquals(before, o.content(), o.label() + ": data must not change");
        });
    }

    @Test
    void qemuReplaysALogThisEngineLeftBehind() throws IOException {
        ExternalTools.require("qemu-img");
        byte[] before = new byte[SIZE];
        Path base = baseDisk(before);
        byte[] fresh = new byte[2 << 20];
        new Random(9).nextBytes(fresh);
        byte[] after = before.clone();
        System.arraycopy(fresh, 0, after, 2 << 20, fresh.length);
        // Find the step right after the log entry is flushed, and cut there.
        for (int at = 1; at < 100; at++) {
            Path copy = dir.resolve("q.vhdx");
            Files.copy(base, copy, StandardCopyOption.REPLACE_EXISTING);
            FaultyStorage storage = new FaultyStorage(FileStorage.open(copy, false), at, 1);
            try {
                VhdxDisk disk = VhdxDisk.open(storage, true, c -> null);
                disk.write(2 << 20, fresh, 0, fresh.length);
                disk.close();
            } catch (VhdException e) {
                // injected
            } finally {
                storage.close();
            }
            if (storage.logPromised()) {
                byte[] untouched = Files.readAllBytes(copy);
                try (VirtualDisk ro = VirtualDisks.open(copy, OpenMode.READ_ONLY)) {
                    byte[] seen = new byte[SIZE];
                    ro.read(0, seen, 0, SIZE);
                    assertArrayEquals(after, seen, "a read-only open replays the log in memory");
                }
                assertArrayEquals(untouched, Files.readAllBytes(copy), "a read-only open must not write");
                ExternalTools.Run replay = ExternalTools.run("qemu-img", "check", "-r", "all", "-f", "vhdx",
                        copy.toString());
                assertEquals(0, replay.exitCode(), replay.output());
                Path raw = Files.write(dir.resolve("after.raw"), after);
                ExternalTools.Run cmp = ExternalTools.run("qemu-img", "compare", "-f", "raw", "-F", "vhdx",
                        raw.toString(), copy.toString());
                assertEquals(0, cmp.exitCode(), "qemu must see the logged update after replaying: " + cmp.output());
                return;
            }
        }
        fail("the log entry was never flushed");
    }
}
