package io.hyperv4j.vhd;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.vhd.io.FileStorage;
import io.hyperv4j.vhd.vhdx.VhdxDisk;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged files: each gives a clear error naming the fault, promptly, with no out-of-memory and no
 * change to the file.
 */
class BadInputTest {
    private static final int SIZE = 4 << 20;
    private static final long BAT = 3 << 20; // where this engine puts the VHDX BAT
    private static final long METADATA = 2 << 20;

    @TempDir
    Path dir;

    private Path vhdx(String name) {
        Path p = dir.resolve(name);
        try (VirtualDisk d = VirtualDisks.create(p, DiskSpec.dynamic(VhdFormat.VHDX, SIZE).withBlockSize(1 << 20))) {
            d.write(0, new byte[] {1, 2, 3}, 0, 3);
        }
        return p;
    }

    private Path vhd(String name) {
        Path p = dir.resolve(name);
        try (VirtualDisk d = VirtualDisks.create(p, DiskSpec.dynamic(VhdFormat.VHD, SIZE))) {
            d.write(0, new byte[] {1, 2, 3}, 0, 3);
        }
        return p;
    }

    /** A differencing VHDX over {@code parent} holding two bytes of its own in block 1 (a partially present block). */
    private Path childWithData(Path parent, String name) {
        Path child = dir.resolve(name);
        VirtualDisks.createFile(child, DiskSpec.differencing(VhdFormat.VHDX, parent));
        try (VirtualDisk d = VirtualDisks.open(child, OpenMode.READ_WRITE)) {
            d.write((1 << 20) + 7, new byte[] {4, 5}, 0, 2);
        }
        return child;
    }

    /** Runs {@code action} on {@code file}, expecting a format error containing every fragment. */
    private static VhdException expectFault(Path file, Executable action, String... fragments) {
        byte[] before = Corrupt.all(file);
        VhdException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(VhdException.class, action));
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message \"" + e.getMessage() + "\" should name " + f);
        }
        assertArrayEquals(before, Corrupt.all(file), "the file must not change");
        return e;
    }

    private static Executable readAll(Path p) {
        return () -> {
            try (VirtualDisk d = VirtualDisks.open(p, OpenMode.READ_ONLY)) {
                byte[] b = new byte[(int) Math.min(d.size(), 8 << 20)];
                d.read(0, b, 0, b.length);
            }
        };
    }

    @Test
    void truncatedVhdx() throws IOException {
        Path p = vhdx("t.vhdx");
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(2 << 20);
        }
        expectFault(p, () -> VirtualDisks.inspect(p), "truncated");
    }

    @Test
    void truncatedVhdxAfterItsBat() throws IOException {
        Path p = vhdx("t2.vhdx");
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(f.length() - (1 << 20)); // drops the data block
        }
        VhdFormatException e = (VhdFormatException) expectFault(p, readAll(p), "BAT", "entry 0", "beyond the end of the file");
        assertEquals(BAT, e.fileOffset());
    }

    @Test
    void badVhdxSignature() {
        Path p = vhdx("s.vhdx");
        Corrupt.write(p, 0, "vhdxfilX".getBytes());
        expectFault(p, () -> VirtualDisks.inspect(p), "file identifier", "Signature");
    }

    @Test
    void bothVhdxHeadersDamaged() {
        Path p = vhdx("h.vhdx");
        Corrupt.write(p, 64 * 1024 + 100, new byte[] {9});
        Corrupt.write(p, 128 * 1024 + 100, new byte[] {9});
        expectFault(p, () -> VirtualDisks.inspect(p), "VHDX header", "Checksum");
    }

    @Test
    void oneDamagedVhdxHeaderIsSurvivedAndReported() {
        Path p = vhdx("h1.vhdx");
        Corrupt.write(p, 64 * 1024 + 100, new byte[] {9});
        assertEquals(SIZE, VirtualDisks.inspect(p).size());
        ValidationReport r = VirtualDisks.validate(p);
        assertTrue(r.ok());
        assertTrue(r.problems().stream().anyMatch(x -> x.structure().equals("VHDX header")), r.problems().toString());
    }

    @Test
    void badRegionTableChecksums() {
        Path p = vhdx("r.vhdx");
        Corrupt.write(p, 192 * 1024 + 40, new byte[] {1});
        Corrupt.write(p, 256 * 1024 + 40, new byte[] {1});
        expectFault(p, () -> VirtualDisks.inspect(p), "region table", "Checksum");
    }

    @Test
    void overlappingRegions() {
        Path p = vhdx("o.vhdx");
        for (long rt : new long[] {192 * 1024, 256 * 1024}) {
            Corrupt.putLe(p, rt + 64, BAT, 8); // metadata region moved onto the BAT
        }
        Corrupt.fixVhdxHeaders(p);
        expectFault(p, () -> VirtualDisks.inspect(p), "region table", "overlaps");
    }

    @Test
    void batEntryBeyondTheEndOfTheFile() {
        Path p = vhdx("b.vhdx");
        Corrupt.putLe(p, BAT + 8, (1L << 40) | 6, 8); // block 1 at 1 TiB
        expectFault(p, readAll(p), "BAT", "entry 1", "beyond the end of the file");
        ValidationReport r = VirtualDisks.validate(p);
        assertFalse(r.ok());
        assertEquals(BAT + 8, r.problems().get(0).fileOffset());
    }

    /**
     * Entries with bit 63 set once passed the placement check (offset + length overflowed) and
     * reached the file channel as a negative position (HostileDiskProperties, seed -3720196760720416367).
     */
    @Test
    void batEntriesWhoseOffsetOverflowsAreRefused() {
        Path p = vhdx("huge.vhdx");
        Corrupt.putLe(p, BAT, Long.MAX_VALUE - 1, 8); // FULLY_PRESENT at 0x7ffffffffff00000
        VhdFormatException e = (VhdFormatException) expectFault(p, readAll(p), "BAT", "entry 0", "0x7ffffffffff00000",
                "beyond the end of the file");
        assertEquals(BAT, e.fileOffset());
        assertEquals(BAT, VirtualDisks.validate(p).problems().get(0).fileOffset());

        Path parent = vhdx("hp.vhdx");
        Path child = childWithData(parent, "hc.vhdx");
        Corrupt.putLe(child, BAT, Long.MAX_VALUE, 8); // PARTIALLY_PRESENT at 0x7ffffffffff00000: the failing sample
        expectFault(child, readAll(child), "BAT", "entry 0", "beyond the end of the file");
        byte[] parentBefore = Corrupt.all(parent);
        expectFault(child, () -> VirtualDisks.merge(child), "BAT", "entry 0", "beyond the end of the file");
        assertArrayEquals(parentBefore, Corrupt.all(parent), "a refused merge leaves the parent unchanged");
    }

    /** A differencing VHDX's sector bitmap entry is checked before a read or a write goes through it. */
    @Test
    void misplacedSectorBitmapsAreRefused() {
        Path child = childWithData(vhdx("sp.vhdx"), "sc.vhdx");
        // A child's payload entries are PARTIALLY_PRESENT (7): its one entry in state 6 is chunk 0's SB_PRESENT.
        ByteBuffer table = ByteBuffer.wrap(Corrupt.read(child, BAT, 1 << 20)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long index = 0;
        while ((table.getLong((int) index * 8) & 7) != 6) {
            index++;
        }
        long bitmapEntry = BAT + index * 8;
        for (long hostile : new long[] {Long.MAX_VALUE - 1, (1L << 40) | 6, METADATA | 6}) {
            Corrupt.putLe(child, bitmapEntry, hostile, 8);
            expectFault(child, readAll(child), "BAT", "entry " + index);
            expectFault(child, () -> {
                try (VirtualDisk d = VirtualDisks.open(child, OpenMode.READ_WRITE)) {
                    d.write(3 << 20, new byte[] {9}, 0, 1); // a block with no data yet: its bitmap is new
                }
            }, "BAT", "entry " + index, "refused for writing");
            ValidationReport r = VirtualDisks.validate(child);
            assertFalse(r.ok());
            assertEquals(bitmapEntry, r.problems().get(0).fileOffset(), r.toString());
        }
    }

    @Test
    void batEntriesOverlappingTheStructuresOrEachOther() {
        Path p = vhdx("bo.vhdx");
        Corrupt.putLe(p, BAT + 8, METADATA | 6, 8);
        expectFault(p, readAll(p), "BAT", "overlaps the file's structures");
        Path q = vhdx("bo2.vhdx");
        long first = java.nio.ByteBuffer.wrap(Corrupt.read(q, BAT, 8)).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        Corrupt.putLe(q, BAT + 16, first, 8); // blocks 0 and 2 share storage
        ValidationReport r = VirtualDisks.validate(q);
        assertFalse(r.ok());
        assertTrue(r.problems().toString().contains("overlap"), r.problems().toString());
    }

    @Test
    void absurdVhdxSizes() {
        Path p = vhdx("big.vhdx");
        Corrupt.putLe(p, METADATA + 64 * 1024 + 8, Long.MAX_VALUE & ~4095L, 8);
        expectFault(p, () -> VirtualDisks.inspect(p), "Virtual Disk Size");
        Path q = vhdx("blk.vhdx");
        Corrupt.putLe(q, METADATA + 64 * 1024, 3 << 20, 4);
        expectFault(q, () -> VirtualDisks.inspect(q), "BlockSize", "power of two");
        Path s = vhdx("sec.vhdx");
        Corrupt.putLe(s, METADATA + 64 * 1024 + 32, 1000, 4);
        expectFault(s, () -> VirtualDisks.inspect(s), "Logical Sector Size");
    }

    @Test
    void metadataItemOutsideItsRegion() {
        Path p = vhdx("m.vhdx");
        Corrupt.putLe(p, METADATA + 32 + 16, 0xFFFFFF00L, 4); // file parameters item offset
        expectFault(p, () -> VirtualDisks.inspect(p), "metadata table", "outside the metadata region");
    }

    @Test
    void truncatedAndDamagedVhd() throws IOException {
        Path p = vhd("t.vhd");
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(300);
        }
        expectFault(p, () -> VirtualDisks.inspect(p), "VHD footer", "truncated");

        Path q = vhd("c.vhd");
        long size = Files.size(q);
        Corrupt.write(q, size - 512, "conectiX".getBytes());
        Corrupt.write(q, 0, "conectiX".getBytes());
        expectFault(q, () -> VirtualDisks.inspect(q), "VHD footer", "Cookie");

        Path r = vhd("k.vhd");
        Corrupt.write(r, Files.size(r) - 512 + 100, new byte[] {7});
        Corrupt.write(r, 100, new byte[] {7});
        expectFault(r, () -> VirtualDisks.inspect(r), "VHD footer", "Checksum");

        Path h = vhd("h.vhd");
        Corrupt.write(h, 512 + 200, new byte[] {7});
        expectFault(h, () -> VirtualDisks.inspect(h), "VHD dynamic header", "Checksum");
    }

    @Test
    void vhdWithDamagedEndFooterFallsBackToItsCopy() {
        Path p = vhd("f.vhd");
        long at;
        try {
            at = Files.size(p) - 512;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Corrupt.write(p, at + 100, new byte[] {7});
        assertEquals(SIZE, VirtualDisks.inspect(p).size());
        assertTrue(VirtualDisks.validate(p).problems().stream().anyMatch(x -> x.structure().equals("VHD footer")));
    }

    @Test
    void absurdVhdTables() {
        Path p = vhd("e.vhd");
        Corrupt.putBe(p, 512 + 28, 0xFFFFFFFFL, 4); // MaxTableEntries
        Corrupt.fixVhdFooters(p);
        expectFault(p, () -> VirtualDisks.inspect(p), "TableOffset", "beyond the end of the file");
        Path q = vhd("bat.vhd");
        Corrupt.putBe(q, 1536, 0x7FFFFFF0L, 4); // block 0 at sector 2^31
        expectFault(q, readAll(q), "BAT", "entry 0", "beyond the end of the file");
        Path s = vhd("size.vhd");
        try {
            long end = Files.size(s) - 512;
            Corrupt.putBe(s, end + 48, 1L << 60, 8);
            Corrupt.putBe(s, 48, 1L << 60, 8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Corrupt.fixVhdFooters(s);
        expectFault(s, () -> VirtualDisks.inspect(s), "CurrentSize");
    }

    @Test
    void parentChainsThatLoop() throws IOException {
        Path base = vhdx("base.vhdx");
        Path x = dir.resolve("x.vhdx");
        VirtualDisks.createFile(x, DiskSpec.differencing(VhdFormat.VHDX, base));
        Path y = dir.resolve("y.vhdx");
        VirtualDisks.createFile(y, DiskSpec.differencing(VhdFormat.VHDX, x));
        // Point x at y behind the engine's back (setParent refuses loops).
        try (VhdxDisk d = VhdxDisk.open(FileStorage.open(x, false), true,
                c -> VirtualDisks.open(base, OpenMode.READ_ONLY), false)) {
            Map<String, String> loc = new LinkedHashMap<>(d.parentLocator());
            loc.put("relative_path", ".\\y.vhdx");
            loc.remove("absolute_win32_path");
            d.setParentLocator(loc);
        }
        expectFault(y, () -> VirtualDisks.inspect(y), "loops");
        VhdException e = assertThrows(VhdException.class, () -> VirtualDisks.setParent(base.resolveSibling("x.vhdx"), y));
        assertTrue(e.getMessage().contains("loop"), e.getMessage());
    }

    @Test
    void parentLocatorsOutsideTheAllowedPlaces() throws IOException {
        Path parent = vhdx("parent.vhdx");
        Path sub = Files.createDirectories(dir.resolve("children"));
        Path child = sub.resolve("child.vhdx");
        VirtualDisks.createFile(child, DiskSpec.differencing(VhdFormat.VHDX, parent));
        expectFault(child, () -> VirtualDisks.inspect(child), "outside the allowed places");
        DiskInfo ok = VirtualDisks.inspect(child, OpenOptions.of(OpenMode.READ_ONLY).withParentRoots(dir));
        assertEquals(parent.toRealPath(), ok.parentPath());

        Path vchild = sub.resolve("child.vhd");
        Path vparent = vhd("vparent.vhd");
        VirtualDisks.createFile(vchild, DiskSpec.differencing(VhdFormat.VHD, vparent));
        expectFault(vchild, () -> VirtualDisks.inspect(vchild), "outside the allowed places");
    }

    @Test
    void modifiedParentBreaksTheLink() {
        Path parent = vhdx("p.vhdx");
        Path child = dir.resolve("c.vhdx");
        VirtualDisks.createFile(child, DiskSpec.differencing(VhdFormat.VHDX, parent));
        try (VirtualDisk d = VirtualDisks.open(parent, OpenMode.READ_WRITE)) {
            d.write(0, new byte[] {4}, 0, 1);
        }
        expectFault(child, () -> VirtualDisks.inspect(child), "parent_linkage", "DataWriteGuid");
    }

    @Test
    void damagedLogEntriesAreIgnored() {
        Path p = vhdx("l.vhdx");
        byte[] junk = new byte[8192];
        Arrays.fill(junk, (byte) 0x5A);
        System.arraycopy("loge".getBytes(), 0, junk, 0, 4);
        Corrupt.write(p, 1 << 20, junk);
        byte[] logGuid = new byte[16];
        Arrays.fill(logGuid, (byte) 0x11);
        Corrupt.write(p, 64 * 1024 + 48, logGuid);
        Corrupt.write(p, 128 * 1024 + 48, logGuid);
        Corrupt.fixVhdxHeaders(p);
        byte[] before = Corrupt.all(p);
        assertEquals(SIZE, VirtualDisks.inspect(p).size());
        assertArrayEquals(before, Corrupt.all(p), "read-only inspection never replays into the file");
        try (VirtualDisk d = VirtualDisks.open(p, OpenMode.READ_ONLY)) {
            byte[] b = new byte[3];
            d.read(0, b, 0, 3);
            assertArrayEquals(new byte[] {1, 2, 3}, b);
        }
    }

    /** Sets both VHDX headers' field at {@code at} (relative to a header) and repairs their checksums. */
    private static void setBothHeaders(Path p, int at, long value, int width) {
        Corrupt.putLe(p, 64 * 1024 + at, value, width);
        Corrupt.putLe(p, 128 * 1024 + at, value, width);
        Corrupt.fixVhdxHeaders(p);
    }

    /** Every operation that could write: all must refuse the file and leave it byte-identical. */
    private void everyOperationRefuses(Path p, String... fragments) {
        expectFault(p, () -> VirtualDisks.inspect(p), fragments);
        expectFault(p, readAll(p), fragments);
        expectFault(p, () -> VirtualDisks.resize(p, 2L * SIZE), fragments);
        expectFault(p, () -> VirtualDisks.compact(p), fragments);
        expectFault(p, () -> {
            try (VirtualDisk d = VirtualDisks.open(p, OpenMode.READ_WRITE)) {
                d.write(2 << 20, new byte[] {9}, 0, 1);
            }
        }, fragments);
        assertFalse(VirtualDisks.validate(p).ok(), "vhd test must fail too");
    }

    @Test
    void logAtOffsetZeroIsRefusedWhateverTheLogGuid() {
        Path p = vhdx("log0.vhdx");
        setBothHeaders(p, 72, 0, 8);
        everyOperationRefuses(p, "LogOffset at offset 0x", "log at 0x0 ");
    }

    @Test
    void emptyLogIsRefused() {
        Path p = vhdx("len0.vhdx");
        setBothHeaders(p, 68, 0, 4);
        everyOperationRefuses(p, "LogLength at offset 0x", "log length 0 ");
    }

    @Test
    void logBeyondTheEndOfTheFileIsRefused() {
        Path p = vhdx("far.vhdx");
        setBothHeaders(p, 72, 1L << 40, 8);
        everyOperationRefuses(p, "LogOffset", "beyond the end of the file");
    }

    @Test
    void logOverlappingTheMetadataIsRefused() {
        Path p = vhdx("overlap.vhdx");
        setBothHeaders(p, 72, METADATA, 8);
        everyOperationRefuses(p, "overlaps the log");
    }

    /** A file whose log holds one valid entry to replay (written by a session, then made active again). */
    private Path withActiveLog(String name) {
        Path p = vhdx(name);
        try (VirtualDisk d = VirtualDisks.open(p, OpenMode.READ_WRITE)) {
            d.write(2 << 20, new byte[] {7}, 0, 1); // allocates a block: one log entry at 1 MiB
        }
        byte[] entryGuid = Corrupt.read(p, (1 << 20) + 32, 16);
        Corrupt.write(p, 64 * 1024 + 48, entryGuid);
        Corrupt.write(p, 128 * 1024 + 48, entryGuid);
        Corrupt.fixVhdxHeaders(p);
        return p;
    }

    private static void fixLogEntry(Path p) {
        long length = ByteBuffer.wrap(Corrupt.read(p, (1 << 20) + 8, 4)).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        Corrupt.fixVhdxCrc(p, 1 << 20, (int) length);
    }

    @Test
    void logEntryFlushedPastTheEndOfTheFileIsRefused() throws IOException {
        Path p = withActiveLog("flushed.vhdx");
        assertEquals(SIZE, VirtualDisks.inspect(p).size(), "the untouched entry replays");
        Corrupt.putLe(p, (1 << 20) + 48, 1L << 40, 8);
        Corrupt.putLe(p, (1 << 20) + 56, 1L << 40, 8);
        fixLogEntry(p);
        everyOperationRefuses(p, "FlushedFileOffset", "0x100030", "truncated");
        assertTrue(Files.size(p) < 64 << 20, "the file never grew");
    }

    @Test
    void logEntryGrowingTheFileWithoutBoundIsRefused() throws IOException {
        Path p = withActiveLog("last.vhdx");
        Corrupt.putLe(p, (1 << 20) + 56, 1L << 40, 8);
        fixLogEntry(p);
        everyOperationRefuses(p, "LastFileOffset", "0x100038");
        assertTrue(Files.size(p) < 64 << 20, "the file never grew");
    }

    @Test
    void vhdBatOverlappingItsHeaderIsRefused() {
        Path p = vhd("batover.vhd");
        Corrupt.putBe(p, 512 + 16, 512, 8);
        Corrupt.fixVhdFooters(p);
        expectFault(p, () -> VirtualDisks.inspect(p), "TableOffset", "overlaps the dynamic header");
    }

    @Test
    void vhdHeaderOverlappingTheFooterIsRefused() throws IOException {
        Path p = vhd("hdr.vhd");
        long footer = Files.size(p) - 512;
        Corrupt.putBe(p, footer + 16, footer - 512, 8);
        Corrupt.putBe(p, 16, footer - 512, 8);
        Corrupt.fixVhdFooters(p);
        expectFault(p, () -> VirtualDisks.inspect(p), "DataOffset");
    }

    @Test
    void vhdParentLocatorOverTheBatIsRefusedBeforeRepointingWritesThere() throws IOException {
        Path parent = vhd("lp.vhd");
        Path child = dir.resolve("lc.vhd");
        VirtualDisks.createFile(child, DiskSpec.differencing(VhdFormat.VHD, parent));
        Corrupt.putBe(child, 512 + 576 + 16, 1536, 8); // locator 0's data at the BAT
        Corrupt.fixVhdFooters(child);
        expectFault(child, () -> VirtualDisks.setParent(child, parent), "ParentLocatorEntry 0", "overlaps");
    }

    @Test
    void directoriesAndFifosAreRefusedAtOnce() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("d.vhdx"));
        VhdException e = assertThrows(VhdException.class, () -> VirtualDisks.inspect(sub));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
        Path fifo = dir.resolve("f.vhdx");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mk.waitFor());
        VhdException f = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(VhdException.class, () -> VirtualDisks.inspect(fifo)));
        assertTrue(f.getMessage().contains("not a regular file"), f.getMessage());
    }
}
