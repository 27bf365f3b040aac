package io.hyperv4j.vhd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/** Byte-level surgery on disk files for bad-input tests, with checksum repair so deeper checks are reached. */
final class Corrupt {
    private Corrupt() {
    }

    static byte[] read(Path p, long at, int len) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(len);
            ch.read(b, at);
            return b.array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path p, long at, byte[] bytes) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes), at);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void putLe(Path p, long at, long value, int width) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value);
        write(p, at, java.util.Arrays.copyOf(b.array(), width));
    }

    static void putBe(Path p, long at, long value, int width) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putLong(0, value);
        write(p, at, java.util.Arrays.copyOfRange(b.array(), 8 - width, 8));
    }

    /** Recomputes the CRC-32C of a VHDX structure (checksum field at +4). */
    static void fixVhdxCrc(Path p, long at, int length) {
        byte[] b = read(p, at, length);
        b[4] = b[5] = b[6] = b[7] = 0;
        CRC32C c = new CRC32C();
        c.update(b);
        putLe(p, at + 4, c.getValue(), 4);
    }

    static void fixVhdxHeaders(Path p) {
        fixVhdxCrc(p, 64 * 1024, 4096);
        fixVhdxCrc(p, 128 * 1024, 4096);
        fixVhdxCrc(p, 192 * 1024, 65536);
        fixVhdxCrc(p, 256 * 1024, 65536);
    }

    /** Recomputes a VHD checksum (one's complement byte sum) of the structure at {@code at}. */
    static void fixVhdSum(Path p, long at, int length, int checksumAt) {
        byte[] b = read(p, at, length);
        int sum = 0;
        for (int i = 0; i < length; i++) {
            if (i < checksumAt || i >= checksumAt + 4) {
                sum += b[i] & 0xFF;
            }
        }
        putBe(p, at + checksumAt, ~sum & 0xFFFFFFFFL, 4);
    }

    static void fixVhdFooters(Path p) {
        try {
            long size = Files.size(p);
            fixVhdSum(p, size - 512, 512, 64);
            fixVhdSum(p, 0, 512, 64);
            fixVhdSum(p, 512, 1024, 36);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] all(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
