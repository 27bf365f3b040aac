package io.hyperv4j.vhd;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DiskOperationsTest {
    private static final int SIZE = 8 << 20;

    @TempDir
    Path dir;

    private static String ext(VhdFormat f) {
        return f == VhdFormat.VHDX ? ".vhdx" : f == VhdFormat.VHD ? ".vhd" : ".img";
    }

    private DiskModel dynamicWithData(Path p, VhdFormat f, long seed) {
        DiskModel m = new DiskModel(SIZE);
        try (VirtualDisk d = VirtualDisks.create(p, DiskSpec.dynamic(f, SIZE).withBlockSize(f == VhdFormat.VHDX ? 1 << 20 : 0))) {
            m.scribble(d, seed, 6);
        }
        return m;
    }

    private static void assertContent(Path p, byte[] expected) {
        try (VirtualDisk d = VirtualDisks.open(p, OpenMode.READ_ONLY)) {
            assertEquals(expected.length, d.size());
            byte[] back = new byte[expected.length];
            d.read(0, back, 0, back.length);
            assertArrayEquals(expected, back, p.toString());
        }
    }

    @Test
    void inspectReportsGetVhdProperties() {
        Path p = dir.resolve("a.vhdx");
        UUID id = UUID.randomUUID();
        VirtualDisks.createFile(p, DiskSpec.dynamic(VhdFormat.VHDX, SIZE).withBlockSize(2 << 20)
                .withSectorSizes(4096, 4096).withDiskIdentifier(id));
        DiskInfo i = VirtualDisks.inspect(p);
        assertEquals(VhdFormat.VHDX, i.vhdFormat());
        assertEquals(VhdType.DYNAMIC, i.vhdType());
        assertEquals(SIZE, i.size());
        assertEquals(2 << 20, i.blockSize());
        assertEquals(4096, i.logicalSectorSize());
        assertEquals(4096, i.physicalSectorSize());
        assertEquals(id, i.diskIdentifier());
        assertNull(i.parentPath());
        assertEquals(0, i.fragmentationPercentage());
        assertNull(i.minimumSize(), "no partition table yet");

        Path child = dir.resolve("c.vhdx");
        VirtualDisks.createFile(child, DiskSpec.differencing(VhdFormat.VHDX, p));
        DiskInfo c = VirtualDisks.inspect(child);
        assertEquals(VhdType.DIFFERENCING, c.vhdType());
        assertEquals(p.toAbsolutePath(), c.parentPath());
        assertEquals(4096, c.logicalSectorSize(), "a child inherits its parent's logical sector size");

        Path fixed = dir.resolve("f.vhd");
        VirtualDisks.createFile(fixed, DiskSpec.fixed(VhdFormat.VHD, SIZE));
        DiskInfo f = VirtualDisks.inspect(fixed);
        assertEquals(VhdType.FIXED, f.vhdType());
        assertEquals(SIZE + 512, f.fileSize());
        assertEquals(0, f.blockSize());
        assertNull(f.fragmentationPercentage());
    }

    @Test
    void minimumSizeIsTheEndOfTheLastPartition() {
        Path p = dir.resolve("m.vhdx");
        try (VirtualDisk d = VirtualDisks.create(p, DiskSpec.dynamic(VhdFormat.VHDX, SIZE))) {
            byte[] mbr = new byte[512];
            mbr[446 + 4] = 0x07;
            java.nio.ByteBuffer.wrap(mbr).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(446 + 8, 2048).putInt(446 + 12, 4096)
                    .putShort(510, (short) 0xAA55);
            d.write(0, mbr, 0, 512);
        }
        assertEquals((2048L + 4096) * 512, VirtualDisks.inspect(p).minimumSize());
    }

    @Test
    void fragmentationCountsBlocksStoredOutOfOrder() {
        Path p = dir.resolve("frag.vhdx");
        try (VirtualDisk d = VirtualDisks.create(p, DiskSpec.dynamic(VhdFormat.VHDX, SIZE).withBlockSize(1 << 20))) {
            for (int b : new int[] {5, 1, 6, 2}) {
                d.write((long) b << 20, new byte[] {1}, 0, 1);
            }
        }
        // Virtual order 1,2,5,6 is stored at 2nd,4th,1st,3rd position: every block but none follows its predecessor.
        assertEquals(75, VirtualDisks.inspect(p).fragmentationPercentage());
        VirtualDisks.compact(p);
        assertEquals(0, VirtualDisks.inspect(p).fragmentationPercentage(), "compaction rewrites in order");
    }

    @ParameterizedTest
    @EnumSource(value = VhdFormat.class)
    void convertBetweenEveryFormatAndTypeKeepsContent(VhdFormat from) {
        Path src = dir.resolve("src" + ext(from));
        DiskModel m;
        if (from == VhdFormat.RAW) {
            m = new DiskModel(SIZE);
            new Random(1).nextBytes(m.bytes);
            java.util.Arrays.fill(m.bytes, 0, 3 << 20, (byte) 0);
            m.toRawFile(src);
        } else {
            m = dynamicWithData(src, from, 1);
        }
        int n = 0;
        for (VhdFormat to : VhdFormat.values()) {
            for (VhdType type : new VhdType[] {VhdType.FIXED, VhdType.DYNAMIC}) {
                if (to == VhdFormat.RAW && type == VhdType.DYNAMIC) {
                    continue;
                }
                Path out = dir.resolve("out" + n++ + ext(to));
                DiskInfo info = VirtualDisks.convert(src, out, to, type);
                assertEquals(to, info.vhdFormat());
                assertEquals(to == VhdFormat.RAW ? VhdType.FIXED : type, info.vhdType());
                if (type == VhdType.DYNAMIC) {
                    assertEquals(0, info.fragmentationPercentage(), "parallel copy still allocates in order");
                }
                assertContent(out, m.bytes);
            }
        }
    }

    @Test
    void convertingToDynamicLeavesZeroBlocksUnallocated() {
        Path raw = dir.resolve("z.img");
        byte[] data = new byte[SIZE];
        new Random(2).nextBytes(data);
        java.util.Arrays.fill(data, 0, SIZE - (1 << 20), (byte) 0);
        try {
            Files.write(raw, data);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Path out = dir.resolve("z.vhdx");
        VirtualDisks.convert(raw, out, new DiskSpec(VhdFormat.VHDX, VhdType.DYNAMIC, 0, 1 << 20, 0, 0, null, null));
        try (VirtualDisk d = VirtualDisks.open(out, OpenMode.READ_ONLY)) {
            for (int b = 0; b < 7; b++) {
                assertEquals(Allocation.NOT_PRESENT, d.allocation(b));
            }
            assertEquals(Allocation.DATA, d.allocation(7));
        }
    }

    @ParameterizedTest
    @EnumSource(value = VhdFormat.class)
    void resizeGrowsAndShrinksWhereTheFormatAllows(VhdFormat f) {
        Path p = dir.resolve("r" + ext(f));
        DiskModel m;
        if (f == VhdFormat.RAW) {
            m = new DiskModel(SIZE);
            new Random(4).nextBytes(m.bytes);
            m.toRawFile(p);
        } else {
            m = dynamicWithData(p, f, 4);
        }
        long grown = 3L << 30;
        assertEquals(grown, VirtualDisks.resize(p, grown).size());
        try (VirtualDisk d = VirtualDisks.open(p, OpenMode.READ_WRITE)) {
            byte[] back = new byte[SIZE];
            d.read(0, back, 0, SIZE);
            assertArrayEquals(m.bytes, back);
            byte[] tail = new byte[4096];
            d.read(grown - 4096, tail, 0, 4096);
            assertArrayEquals(new byte[4096], tail);
            d.write(grown - 1, new byte[] {9}, 0, 1);
        }
        long shrunk = SIZE / 2 + 512;
        if (f == VhdFormat.VHD) {
            VhdException e = assertThrows(VhdException.class, () -> VirtualDisks.resize(p, shrunk));
            assertTrue(e.getMessage().contains("cannot shrink"), e.getMessage());
            return;
        }
        assertEquals(shrunk, VirtualDisks.resize(p, shrunk).size());
        assertContent(p, java.util.Arrays.copyOf(m.bytes, (int) shrunk));
        VirtualDisks.resize(p, SIZE);
        byte[] expected = java.util.Arrays.copyOf(java.util.Arrays.copyOf(m.bytes, (int) shrunk), SIZE);
        assertContent(p, expected);
        assertTrue(VirtualDisks.validate(p).ok(), VirtualDisks.validate(p).problems().toString());
    }

    @ParameterizedTest
    @EnumSource(value = VhdFormat.class, names = {"VHD", "VHDX"})
    void compactReclaimsZeroBlocksAndKeepsIdentity(VhdFormat f) throws IOException {
        Path p = dir.resolve("c" + ext(f));
        DiskModel m = new DiskModel(SIZE);
        try (VirtualDisk d = VirtualDisks.create(p, DiskSpec.dynamic(f, SIZE).withBlockSize(f == VhdFormat.VHDX ? 1 << 20 : 0))) {
            m.scribble(d, 3, 4);
            d.write(0, new byte[SIZE / 2], 0, SIZE / 2); // zero the first half: its blocks stay allocated
            System.arraycopy(new byte[SIZE / 2], 0, m.bytes, 0, SIZE / 2);
        }
        Path child = dir.resolve("child" + ext(f));
        VirtualDisks.createFile(child, DiskSpec.differencing(f, p));
        DiskInfo before = VirtualDisks.inspect(p);
        DiskInfo after = VirtualDisks.compact(p);
        assertTrue(after.fileSize() < before.fileSize(), before.fileSize() + " -> " + after.fileSize());
        assertEquals(before.diskIdentifier(), after.diskIdentifier());
        assertContent(p, m.bytes);
        assertContent(child, m.bytes); // the child still links to the compacted parent
    }

    @ParameterizedTest
    @EnumSource(value = VhdFormat.class, names = {"VHD", "VHDX"})
    void differencingChainsReadThroughAndMergeDown(VhdFormat f) {
        Path base = dir.resolve("base" + ext(f));
        DiskModel m = dynamicWithData(base, f, 10);
        Path mid = dir.resolve("mid" + ext(f));
        Path top = dir.resolve("top" + ext(f));
        try (VirtualDisk d = VirtualDisks.create(mid, DiskSpec.differencing(f, base))) {
            m.scribble(d, 11, 5);
        }
        byte[] midState = m.bytes.clone();
        try (VirtualDisk d = VirtualDisks.create(top, DiskSpec.differencing(f, mid))) {
            m.scribble(d, 12, 5);
            assertEquals(mid.toAbsolutePath(), d.info().parentPath());
        }
        assertContent(top, m.bytes);
        assertContent(mid, midState);

        List<ByteRange> changed = VirtualDisks.changedBlocks(mid, top);
        assertFalse(changed.isEmpty());
        for (int i = 0; i < SIZE; i++) {
            if (midState[i] != m.bytes[i]) {
                final long at = i;
                assertTrue(changed.stream().anyMatch(r -> r.offset() <= at && at < r.end()), "change at " + i + " missed");
            }
        }
        assertEquals(VirtualDisks.changedBlocks(mid, top), ChangeTrackerCompare.byContent(mid, top, dir),
                "stored-sector tracking and content comparison agree");

        assertEquals(real(mid), VirtualDisks.merge(top));
        assertFalse(Files.exists(top));
        assertContent(mid, m.bytes);
        VirtualDisks.merge(mid);
        assertContent(base, m.bytes);
        assertEquals(VhdType.DYNAMIC, VirtualDisks.inspect(base).vhdType());
    }

    @ParameterizedTest
    @EnumSource(value = VhdFormat.class, names = {"VHD", "VHDX"})
    void setParentRepointsAChildAtAMovedParent(VhdFormat f) throws IOException {
        Path base = dir.resolve("base" + ext(f));
        DiskModel m = dynamicWithData(base, f, 20);
        Path child = dir.resolve("child" + ext(f));
        try (VirtualDisk d = VirtualDisks.create(child, DiskSpec.differencing(f, base))) {
            m.scribble(d, 21, 3);
        }
        Path sub = Files.createDirectories(dir.resolve("moved"));
        Path moved = Files.move(base, sub.resolve("renamed-parent" + ext(f)));
        VhdException missing = assertThrows(VhdException.class, () -> VirtualDisks.inspect(child));
        assertTrue(missing.getMessage().contains("parent not found"), missing.getMessage());
        VirtualDisks.setParent(child, moved);
        assertEquals(moved.toRealPath(), VirtualDisks.inspect(child).parentPath());
        assertContent(child, m.bytes);
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @EnumSource(value = VhdFormat.class, names = {"VHD", "VHDX"})
    void hugeSparseDisksNeedNoMemoryProportionalToTheirSize(VhdFormat f) {
        long huge = f == VhdFormat.VHDX ? 2L << 40 : 2040L << 30;
        Path p = dir.resolve("huge" + ext(f));
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long used = rt.totalMemory() - rt.freeMemory();
        try (VirtualDisk d = VirtualDisks.create(p, DiskSpec.dynamic(f, huge).withBlockSize(f == VhdFormat.VHDX ? 1 << 20 : 0))) {
            d.write(huge - 3, new byte[] {7, 8, 9}, 0, 3);
            d.write(huge / 2, new byte[] {5}, 0, 1);
        }
        try (VirtualDisk d = VirtualDisks.open(p, OpenMode.READ_ONLY)) {
            byte[] b = new byte[3];
            d.read(huge - 3, b, 0, 3);
            assertArrayEquals(new byte[] {7, 8, 9}, b);
            DiskInfo info = d.info(); // walks the whole BAT through the page cache
            assertEquals(huge, info.size());
            assertEquals(50, info.fragmentationPercentage());
            System.gc(); // what the open disk retains, not the garbage its walk left (which depends on JIT inlining)
            long grown = (rt.totalMemory() - rt.freeMemory()) - used;
            assertTrue(grown < 96L << 20, "heap grew by " + grown + " bytes");
        }
    }

    @Test
    void validateFindsNothingWrongInAHealthyChain() {
        Path base = dir.resolve("v.vhdx");
        dynamicWithData(base, VhdFormat.VHDX, 30);
        ValidationReport r = VirtualDisks.validate(base);
        assertTrue(r.ok());
        assertEquals(List.of(), r.problems());
    }

    @Test
    void changedBlocksBetweenUnrelatedCopiesComparesContent() throws IOException {
        Path a = dir.resolve("a.vhdx");
        dynamicWithData(a, VhdFormat.VHDX, 40);
        Path b = dir.resolve("b.vhdx");
        Files.copy(a, b);
        try (VirtualDisk d = VirtualDisks.open(b, OpenMode.READ_WRITE)) {
            d.write(5_000_000, new byte[] {1, 2, 3}, 0, 3);
        }
        List<ByteRange> changed = VirtualDisks.changedBlocks(a, b);
        long granule = 64 * 1024;
        assertEquals(List.of(new ByteRange(5_000_000 / granule * granule, granule)), changed);
    }
}
