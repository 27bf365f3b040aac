package io.hyperv4j.vhd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/** A plain byte-array model of a disk, and helpers to drive a disk and the model together. */
final class DiskModel {
    final byte[] bytes;

    DiskModel(int size) {
        bytes = new byte[size];
    }

    void write(VirtualDisk disk, long offset, byte[] data) {
        disk.write(offset, data, 0, data.length);
        System.arraycopy(data, 0, bytes, (int) offset, data.length);
    }

    /** Random writes of random sizes, some leaving holes, some sector-unaligned. */
    void scribble(VirtualDisk disk, long seed, int count) {
        Random r = new Random(seed);
        for (int i = 0; i < count; i++) {
            int len = 1 + r.nextInt(r.nextBoolean() ? 4096 : 400_000);
            len = Math.min(len, bytes.length);
            long off = (long) r.nextInt(bytes.length - len + 1);
            byte[] data = new byte[len];
            r.nextBytes(data);
            write(disk, off, data);
        }
    }

    void assertSame(VirtualDisk disk) {
        byte[] back = new byte[bytes.length];
        disk.read(0, back, 0, back.length);
        assertArrayEquals(bytes, back, "content of " + disk.path());
    }

    Path toRawFile(Path path) {
        try {
            return Files.write(path, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
