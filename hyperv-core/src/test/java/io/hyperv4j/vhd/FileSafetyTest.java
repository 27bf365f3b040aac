package io.hyperv4j.vhd;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Locks, interrupted merges and stale temporary files, within one process. */
class FileSafetyTest {
    private static final long SIZE = 4 << 20;

    @TempDir
    Path dir;

    private Path disk(String name, int value) {
        Path p = dir.resolve(name);
        try (VirtualDisk d = VirtualDisks.create(p, DiskSpec.dynamic(VhdFormat.VHDX, SIZE).withBlockSize(1 << 20))) {
            d.write(0, new byte[] {(byte) value}, 0, 1);
        }
        return p;
    }

    @Test
    void oneWriterAtATimeReadersBeside() {
        Path p = disk("w.vhdx", 1);
        try (VirtualDisk w = VirtualDisks.open(p, OpenMode.READ_WRITE);
                VirtualDisk r = VirtualDisks.open(p, OpenMode.READ_ONLY)) {
            DiskInUseException e = assertThrows(DiskInUseException.class, () -> VirtualDisks.open(p, OpenMode.READ_WRITE));
            assertTrue(e.getMessage().contains("already open for writing"), e.getMessage());
            assertThrows(DiskInUseException.class, () -> VirtualDisks.resize(p, 2 * SIZE));
            assertEquals(SIZE, r.size());
        }
        assertEquals(2 * SIZE, VirtualDisks.resize(p, 2 * SIZE).size(), "free again once closed");
    }

    @Test
    void anInterruptedMergeIsFinishedByTheNextOpenOfTheParent() throws Exception {
        Path parent = disk("p.vhdx", 1);
        Path child = dir.resolve("c.vhdx");
        VirtualDisks.createFile(child, DiskSpec.differencing(VhdFormat.VHDX, parent));
        try (VirtualDisk c = VirtualDisks.open(child, OpenMode.READ_WRITE)) {
            c.write(SIZE - 1, new byte[] {9}, 0, 1);
        }
        // What a merge killed after journaling leaves: the journal and the marker, the parent half-written.
        new MergeJournal(child.toRealPath(), parent.toRealPath(), java.util.Map.of()).write();
        try (VirtualDisk p = VirtualDisks.open(parent, OpenMode.READ_WRITE)) {
            p.write(0, new byte[] {1}, 0, 1); // a write gives the parent a new DataWriteGuid: the child no longer links
        }
        try (VirtualDisk p = VirtualDisks.open(parent, OpenMode.READ_ONLY)) {
            byte[] b = new byte[1];
            p.read(SIZE - 1, b, 0, 1);
            assertEquals(9, b[0], "the merge was finished before the parent was read");
        }
        assertFalse(Files.exists(child));
        assertEquals(List.of("p.vhdx"), names(), "journal and marker are gone");
        assertTrue(VirtualDisks.validate(parent).ok());
    }

    @Test
    void anInterruptedMergeIsFinishedWhenTheChildIsOpened() throws Exception {
        Path parent = disk("p2.vhdx", 1);
        Path child = dir.resolve("c2.vhdx");
        VirtualDisks.createFile(child, DiskSpec.differencing(VhdFormat.VHDX, parent));
        new MergeJournal(child.toRealPath(), parent.toRealPath(), java.util.Map.of()).write();
        VhdException e = assertThrows(VhdException.class, () -> VirtualDisks.inspect(child));
        assertTrue(e.getMessage().contains("the merge has been finished"), e.getMessage());
        assertEquals(List.of("p2.vhdx"), names());
    }

    @Test
    void staleTemporaryFilesOfAKilledRunAreRemovedByTheNextRunForThatFile() throws Exception {
        Path src = disk("s.vhdx", 3);
        Path stale = dir.resolve(".d.vhd.tmp-deadbeef");
        Files.write(stale, new byte[4096]);
        VirtualDisks.convert(src, dir.resolve("d.vhd"), VhdFormat.VHD, VhdType.DYNAMIC);
        assertFalse(Files.exists(stale));
        assertEquals(List.of("d.vhd", "s.vhdx"), names());
    }

    private List<String> names() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
