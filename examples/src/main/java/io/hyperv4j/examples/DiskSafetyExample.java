package io.hyperv4j.examples;

import io.hyperv4j.vhd.DiskInUseException;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.OpenMode;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vhd.VhdFormatException;
import io.hyperv4j.vhd.VirtualDisk;
import io.hyperv4j.vhd.VirtualDisks;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How the engine guards disk files: a disk open for writing is locked (a second writer is refused,
 * as another process would be), a merge leaves the parent holding the child's data, and a file
 * whose headers put the log over the file identifier is refused before anything is written.
 */
public final class DiskSafetyExample {
    private DiskSafetyExample() {}

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("hv4j-safety");
        try {
            Path base = dir.resolve("base.vhdx");
            Path child = dir.resolve("child.vhdx");
            VirtualDisks.createFile(base, DiskSpec.dynamic(VhdFormat.VHDX, 64L << 20));
            VirtualDisks.createFile(child, DiskSpec.differencing(VhdFormat.VHDX, base));

            try (VirtualDisk writer = VirtualDisks.open(child, OpenMode.READ_WRITE)) {
                writer.write(0, "hello".getBytes(), 0, 5);
                VirtualDisks.open(child, OpenMode.READ_WRITE).close();
            } catch (DiskInUseException e) {
                System.out.println("Second writer refused: " + e.getMessage());
            }

            // Journaled: killed at any point, the next open of either file finishes it.
            VirtualDisks.merge(child);
            try (VirtualDisk d = VirtualDisks.open(base, OpenMode.READ_ONLY)) {
                byte[] b = new byte[5];
                d.read(0, b, 0, 5);
                System.out.println("Merged: base reads '" + new String(b) + "', child removed: " + !Files.exists(child));
            }

            // A hostile header: LogOffset 0 (over the file identifier), checksums made valid again.
            try (RandomAccessFile f = new RandomAccessFile(base.toFile(), "rw")) {
                for (long header : new long[] {64 << 10, 128 << 10}) {
                    f.seek(header + 72);
                    f.write(new byte[8]);
                    byte[] h = new byte[4096];
                    f.seek(header);
                    f.readFully(h);
                    java.util.Arrays.fill(h, 4, 8, (byte) 0);
                    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
                    crc.update(h);
                    int c = (int) crc.getValue();
                    f.seek(header + 4);
                    f.write(new byte[] {(byte) c, (byte) (c >>> 8), (byte) (c >>> 16), (byte) (c >>> 24)});
                }
            }
            try {
                VirtualDisks.resize(base, 128L << 20);
            } catch (VhdFormatException e) {
                System.out.println("Hostile file refused, unchanged: " + e.getMessage());
            }
        } finally {
            try (var files = Files.walk(dir)) { // the example's scratch folder goes with it
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }
}
