package io.hyperv4j.vhd.vhdx;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.OpenMode;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vhd.VirtualDisk;
import io.hyperv4j.vhd.VirtualDisks;
import io.hyperv4j.vhd.block.Guids;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log entry with a zero descriptor (as other writers use; this engine writes only data
 * descriptors), built byte by byte: read-only opens see its effect in memory, read-write opens
 * apply it and clear the log.
 */
class ZeroDescriptorReplayTest {
    @TempDir
    Path dir;

    @Test
    void zeroDescriptorsAreReplayed() throws IOException {
        Path p = dir.resolve("z.vhdx");
        try (VirtualDisk d = VirtualDisks.create(p, DiskSpec.dynamic(VhdFormat.VHDX, 4 << 20).withBlockSize(1 << 20))) {
            d.write(0, new byte[] {1, 2, 3}, 0, 3);
        }
        UUID logGuid = UUID.randomUUID();
        long fileSize = Files.size(p);
        byte[] entry = new byte[4096];
        ByteBuffer e = ByteBuffer.wrap(entry).order(ByteOrder.LITTLE_ENDIAN);
        e.putInt(0, VhdxLayout.LOG_ENTRY_SIGNATURE);
        e.putInt(8, 4096);
        e.putInt(12, 0);
        e.putLong(16, 7);
        e.putInt(24, 1);
        Guids.write(entry, 32, logGuid);
        e.putLong(48, fileSize);
        e.putLong(56, fileSize);
        e.putInt(64, VhdxLayout.ZERO_DESC_SIGNATURE);
        e.putLong(64 + 8, 4096); // ZeroLength
        e.putLong(64 + 16, VhdxCreator.BAT_OFFSET); // the first BAT page: block 0 becomes NOT_PRESENT
        e.putLong(64 + 24, 7);
        e.putInt(4, VhdxLayout.crc(entry, 0, 4096, 4));
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(entry), VhdxCreator.LOG_OFFSET);
            for (long at : new long[] {VhdxLayout.HEADER1_OFFSET, VhdxLayout.HEADER2_OFFSET}) {
                ByteBuffer h = ByteBuffer.allocate(4096);
                try (FileChannel r = FileChannel.open(p, StandardOpenOption.READ)) {
                    r.read(h, at);
                }
                byte[] hb = h.array();
                Guids.write(hb, 48, logGuid);
                ByteBuffer.wrap(hb).order(ByteOrder.LITTLE_ENDIAN).putInt(4, VhdxLayout.crc(hb, 0, 4096, 4));
                ch.write(ByteBuffer.wrap(hb), at);
            }
        }
        byte[] before = Files.readAllBytes(p);
        try (VirtualDisk d = VirtualDisks.open(p, OpenMode.READ_ONLY)) {
            byte[] b = new byte[3];
            d.read(0, b, 0, 3);
            assertArrayEquals(new byte[3], b, "the zeroed BAT page unmaps block 0");
        }
        assertArrayEquals(before, Files.readAllBytes(p), "read-only open leaves the file alone");
        try (VirtualDisk d = VirtualDisks.open(p, OpenMode.READ_WRITE)) {
            byte[] b = new byte[3];
            d.read(0, b, 0, 3);
            assertArrayEquals(new byte[3], b);
        }
        try (FileChannel r = FileChannel.open(p, StandardOpenOption.READ)) {
            ByteBuffer bat = ByteBuffer.allocate(8);
            r.read(bat, VhdxCreator.BAT_OFFSET);
            assertEquals(0, bat.order(ByteOrder.LITTLE_ENDIAN).getLong(0), "replayed into the file");
            // The current header (higher SequenceNumber) no longer points at a log: nothing to replay again.
            ByteBuffer h1 = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer h2 = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
            r.read(h1, VhdxLayout.HEADER1_OFFSET);
            r.read(h2, VhdxLayout.HEADER2_OFFSET);
            ByteBuffer current = h1.getLong(8) > h2.getLong(8) ? h1 : h2;
            assertEquals(Guids.ZERO, Guids.read(current.array(), 48), "log cleared after replay");
        }
        assertTrue(VirtualDisks.validate(p).ok());
    }
}
