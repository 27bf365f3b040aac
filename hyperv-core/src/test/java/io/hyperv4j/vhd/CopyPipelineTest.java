package io.hyperv4j.vhd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.vhd.ExternalTools.Run;
import io.hyperv4j.vhd.io.FileStorage;
import io.hyperv4j.vhd.io.Storage;
import io.hyperv4j.vhd.raw.RawDisk;
import io.hyperv4j.vhd.vhdx.VhdxDisk;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The copy under convert and compact: runs of stored blocks move file to file, a block is read into a
 * buffer only up to its first non-zero window, absent blocks are not read, and a failure or a cancel
 * on either side stops both threads and leaves no target.
 */
class CopyPipelineTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    @AfterEach
    void noCopyThreadOutlivesItsCopy() {
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("vhd-copy") && t.isAlive()),
                "a vhd-copy thread is still running");
    }

    /** A source of every layout: data straddling block boundaries, a written all-zero stretch, data at the very end, the rest never written. */
    static Stream<Arguments> sources() {
        return Stream.of(Arguments.of(VhdFormat.RAW, VhdType.FIXED), Arguments.of(VhdFormat.VHD, VhdType.DYNAMIC),
                Arguments.of(VhdFormat.VHD, VhdType.FIXED), Arguments.of(VhdFormat.VHDX, VhdType.DYNAMIC),
                Arguments.of(VhdFormat.VHDX, VhdType.FIXED));
    }

    @ParameterizedTest(name = "{0} {1} to every layout")
    @MethodSource("sources")
    void sparseSourcesConvertToEveryLayoutAsQemuReadsThem(VhdFormat format, VhdType type) {
        ExternalTools.require("qemu-img");
        ExternalTools.require("vhdiinfo");
        long size = 9L * MIB + 512;
        byte[] model = new byte[(int) size];
        Path source = dir.resolve("src." + extension(format));
        long block = type == VhdType.DYNAMIC ? (format == VhdFormat.VHD ? 512 * 1024 : MIB) : 0;
        DiskSpec spec = new DiskSpec(format, type, size, block, 0, 0, null, null);
        try (VirtualDisk d = VirtualDisks.create(source, spec)) {
            write(d, model, MIB - 1000, 2 * MIB + 1777, 1);   // across two or more blocks of every layout
            write(d, model, 4L * MIB, MIB, -1);               // zeros written: stored in dynamic sources
            write(d, model, 6L * MIB + 4096, 300, 2);          // a block whose first window is zero
            write(d, model, size - 700, 700, 3);              // the last bytes
        }
        for (VhdFormat to : List.of(VhdFormat.VHDX, VhdFormat.VHD, VhdFormat.RAW)) {
            for (VhdType toType : to == VhdFormat.RAW ? List.of(VhdType.FIXED) : List.of(VhdType.DYNAMIC, VhdType.FIXED)) {
                Path out = dir.resolve("out-" + toType + "." + extension(to));
                VirtualDisks.convert(source, out, to, toType);
                String what = format + " " + type + " -> " + to + " " + toType;
                assertArrayEquals(model, java.util.Arrays.copyOf(ConvertProperties.content(out), model.length), what);
                Run cmp = ExternalTools.run("qemu-img", "compare", "-f", ExternalTools.qemuFormat(format), "-F",
                        ExternalTools.qemuFormat(to), source.toString(), out.toString());
                assertEquals(0, cmp.exitCode(), what + ": " + cmp.output());
                if (to == VhdFormat.VHDX) {
                    Run check = ExternalTools.run("qemu-img", "check", "-f", "vhdx", out.toString());
                    assertEquals(0, check.exitCode(), what + ": " + check.output());
                }
                if (to != VhdFormat.RAW) {
                    Run info = ExternalTools.run("vhdiinfo", out.toString());
                    assertEquals(0, info.exitCode(), what + ": " + info.output());
                    assertTrue(info.output().contains(toType == VhdType.FIXED ? "Fixed" : "Dynamic"), info.output());
                }
                if (toType == VhdType.DYNAMIC) {
                    ConvertProperties.assertNoZeroBlocksStored(out, model);
                }
                assertTrue(VirtualDisks.validate(out).ok(), what + ": " + VirtualDisks.validate(out));
            }
        }
    }

    @Test
    void aBlockIsReadOnlyUpToItsFirstNonZeroWindowAndTheRestMovesFileToFile() throws IOException {
        byte[] model = new byte[8 * MIB];
        Random r = new Random(5);
        fill(r, model, 0, 2 * MIB);                    // blocks 0 and 1: data from the first byte
        fill(r, model, 3 * MIB + 100_000, MIB - 100_000); // block 3: 100,000 zero bytes, then data
        Path raw = Files.write(dir.resolve("src.img"), model); // blocks 2, 4-7: zeros
        Path out = dir.resolve("out.vhdx");
        VirtualDisks.createFile(out, DiskSpec.dynamic(VhdFormat.VHDX, model.length).withBlockSize(MIB));
        Spy spy = new Spy(FileStorage.open(raw, true));
        try (VirtualDisk src = new RawDisk(spy, false); VirtualDisk dst = VirtualDisks.open(out, OpenMode.READ_WRITE)) {
            Converter.copy(src, dst, true);
        }
        long block3 = 4096 + 16384 + 65536 + 262144; // windows grow 4 KiB x4 until one holds data (byte 100,000)
        assertEquals(2 * 4096 + MIB + block3 + 4L * MIB, spy.read, "bytes read into buffers");
        assertEquals(2 * (MIB - 4096) + (MIB - block3), spy.copied, "bytes copied file to file");
        assertArrayEquals(model, ConvertProperties.content(out));
        try (VirtualDisk d = VirtualDisks.open(out, OpenMode.READ_ONLY)) {
            assertEquals(List.of(Allocation.DATA, Allocation.DATA, Allocation.NOT_PRESENT, Allocation.DATA),
                    List.of(d.allocation(0), d.allocation(1), d.allocation(2), d.allocation(3)));
        }
    }

    @Test
    void absentBlocksAreNotReadAndStoredZeroBlocksAreReadOnce() throws IOException {
        Path src = dir.resolve("src.vhdx");
        byte[] model = new byte[4 * MIB];
        fill(new Random(6), model, 0, MIB);
        try (VirtualDisk d = VirtualDisks.create(src, DiskSpec.dynamic(VhdFormat.VHDX, model.length).withBlockSize(MIB))) {
            d.write(0, model, 0, MIB);        // block 0 data, block 1 absent
            d.write(2L * MIB, new byte[MIB], 0, MIB); // block 2 stored, all zeros; block 3 absent
        }
        Path out = dir.resolve("out.img");
        VirtualDisks.createFile(out, DiskSpec.fixed(VhdFormat.RAW, model.length));
        Spy spy = new Spy(FileStorage.open(src, true));
        try (VirtualDisk s = VhdxDisk.open(spy, false, c -> null); VirtualDisk dst = VirtualDisks.open(out, OpenMode.READ_WRITE)) {
            for (int b = 0; b < 4; b++) {
                s.allocation(b); // the BAT is read here, before counting
            }
            long readBefore = spy.read;
            Converter.copy(s, dst, true);
            assertEquals(4096 + MIB, spy.read - readBefore, "block 0's first window and all of block 2, nothing of 1 and 3");
            assertEquals(MIB - 4096, spy.copied);
        }
        assertArrayEquals(model, Files.readAllBytes(out));
    }

    @Test
    void aSourceFailingMidCopyLeavesNoTargetAndNoTemporaryFile() throws IOException {
        Path src = dir.resolve("src.vhd");
        try (VirtualDisk d = VirtualDisks.create(src, DiskSpec.dynamic(VhdFormat.VHD, 8L * MIB))) {
            byte[] data = new byte[8 * MIB];
            fill(new Random(7), data, 0, data.length);
            d.write(0, data, 0, data.length);
        }
        long bat = ByteBuffer.wrap(Corrupt.read(src, 512 + 16, 8)).getLong();
        Corrupt.putBe(src, bat + 4 * 3, 0x7FFF_FFF0L, 4); // block 3 (of four 2 MiB blocks) now lies past the end
        for (VhdFormat to : VhdFormat.values()) {
            Path out = dir.resolve("out-" + to);
            VhdException e = assertThrows(VhdException.class, () -> VirtualDisks.convert(src, out, to,
                    to == VhdFormat.RAW ? VhdType.FIXED : VhdType.DYNAMIC));
            assertTrue(e.getMessage().contains("entry 3") && e.getMessage().contains(src.toString()), e.getMessage());
            try (Stream<Path> left = Files.list(dir)) {
                assertEquals(List.of(src), left.toList(), "only the source is left after converting to " + to);
            }
        }
    }

    @Test
    void aTargetFailingMidCopyStopsTheReaderAndIsReported() throws IOException {
        Path raw = Files.write(dir.resolve("src.img"), random(32 * MIB, 8));
        Path out = dir.resolve("out.vhdx");
        VirtualDisks.createFile(out, DiskSpec.dynamic(VhdFormat.VHDX, 32L * MIB).withBlockSize(MIB));
        Spy target = new Spy(FileStorage.open(out, false));
        target.failAfterWrites = 6;
        try (VirtualDisk src = VirtualDisks.open(raw, OpenMode.READ_ONLY)) {
            VhdxDisk dst = VhdxDisk.open(target, true, c -> null);
            VhdException e = assertThrows(VhdException.class, () -> Converter.copy(src, dst, true));
            assertTrue(e.getMessage().contains("injected write failure"), e.getMessage());
            assertTrue(target.writes.get() < 12, "the copy went on after the failure: " + target.writes + " writes");
            assertThrows(VhdException.class, dst::close); // its storage keeps failing; the close says so
            byte[] first = new byte[4096];
            src.read(0, first, 0, first.length); // the source's shared channel is still open
        }
    }

    @Test
    void interruptingTheCallerCancelsTheCopyAndLeavesTheSourceUsable() throws IOException {
        Path raw = Files.write(dir.resolve("src.img"), random(64 * MIB, 9));
        Path out = dir.resolve("out.img");
        VirtualDisks.createFile(out, DiskSpec.fixed(VhdFormat.RAW, 64L * MIB));
        Thread caller = Thread.currentThread();
        Spy spy = new Spy(FileStorage.open(raw, true));
        spy.onRead = n -> {
            if (n == 3) {
                caller.interrupt(); // a cancel arriving while the third unit is read
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (caller.isInterrupted() && System.nanoTime() < deadline) {
                    Thread.onSpinWait(); // this read goes on once the caller has taken the interrupt
                }
            }
        };
        try (VirtualDisk src = new RawDisk(spy, false); VirtualDisk dst = VirtualDisks.open(out, OpenMode.READ_WRITE)) {
            VhdException e = assertThrows(VhdException.class, () -> CopyPipeline.copy(src, dst,
                    List.of(new ByteRange(0, src.size())), true));
            assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
            assertTrue(spy.copied + spy.read < 64L * MIB, "the copy stopped early");
            byte[] b = new byte[4096];
            src.read(64L * MIB - 4096, b, 0, b.length); // no channel was closed by the interrupt
        }
    }

    @Test
    void copyRangesMovesExactlyTheRangesIntoADifferencingChild() {
        Path parent = dir.resolve("p.vhdx");
        Path child = dir.resolve("c.vhdx");
        byte[] model = random(6 * MIB, 10);
        try (VirtualDisk p = VirtualDisks.create(parent, DiskSpec.dynamic(VhdFormat.VHDX, model.length))) {
            p.write(0, model, 0, model.length);
        }
        VirtualDisks.createFile(child, DiskSpec.differencing(VhdFormat.VHDX, parent));
        Path other = dir.resolve("o.img");
        byte[] changed = random(6 * MIB, 11);
        try (VirtualDisk o = VirtualDisks.create(other, DiskSpec.fixed(VhdFormat.RAW, model.length))) {
            o.write(0, changed, 0, changed.length);
        }
        List<ByteRange> ranges = List.of(new ByteRange(1000, 5000), new ByteRange(2L * MIB - 512, 3L * MIB + 1));
        try (VirtualDisk from = VirtualDisks.open(other, OpenMode.READ_ONLY); VirtualDisk to = VirtualDisks.open(child, OpenMode.READ_WRITE)) {
            assertEquals(5000 + 3L * MIB + 1, VirtualDisks.copyRanges(from, to, ranges));
        }
        for (ByteRange range : ranges) {
            System.arraycopy(changed, (int) range.offset(), model, (int) range.offset(), (int) range.length());
        }
        assertArrayEquals(model, ConvertProperties.content(child));
        assertFalse(VirtualDisks.validate(child).problems().stream().anyMatch(p -> p.severity() == ValidationReport.Severity.ERROR));
    }

    // ---------------------------------------------------------------- helpers

    private static void write(VirtualDisk d, byte[] model, long at, int n, int seed) {
        byte[] b = new byte[n];
        if (seed >= 0) {
            fill(new Random(seed), b, 0, n);
        }
        d.write(at, b, 0, n);
        System.arraycopy(b, 0, model, (int) at, n);
    }

    private static void fill(Random r, byte[] b, int from, int n) {
        byte[] x = new byte[n];
        r.nextBytes(x);
        x[0] |= 1; // the first byte of a run is never zero, so the run starts where it says
        System.arraycopy(x, 0, b, from, n);
    }

    private static byte[] random(int n, int seed) {
        byte[] b = new byte[n];
        fill(new Random(seed), b, 0, n);
        return b;
    }

    private static String extension(VhdFormat f) {
        return f == VhdFormat.RAW ? "img" : f.name().toLowerCase();
    }

    /** A storage that counts what is read into buffers and copied out file to file, and can fail or call back. */
    static final class Spy implements Storage {
        private final Storage base;
        volatile long read;
        volatile long copied;
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger writes = new AtomicInteger();
        int failAfterWrites = Integer.MAX_VALUE;
        java.util.function.IntConsumer onRead = n -> { };

        Spy(Storage base) {
            this.base = base;
        }

        @Override
        public Path path() {
            return base.path();
        }

        @Override
        public boolean readOnly() {
            return base.readOnly();
        }

        @Override
        public synchronized void read(ByteBuffer dst, long position) throws IOException {
            read += dst.remaining();
            onRead.accept(reads.incrementAndGet());
            base.read(dst, position);
        }

        @Override
        public void write(ByteBuffer src, long position) throws IOException {
            if (writes.incrementAndGet() > failAfterWrites) {
                throw new IOException("injected write failure");
            }
            base.write(src, position);
        }

        @Override
        public synchronized void copyTo(long position, long count, Storage target, long targetPosition) throws IOException {
            copied += count;
            base.copyTo(position, count, target instanceof Spy s ? s.base : target, targetPosition);
        }

        @Override
        public long size() throws IOException {
            return base.size();
        }

        @Override
        public void setSize(long size) throws IOException {
            if (writes.incrementAndGet() > failAfterWrites) {
                throw new IOException("injected write failure");
            }
            base.setSize(size);
        }

        @Override
        public void force() throws IOException {
            base.force();
        }

        @Override
        public void close() throws IOException {
            base.close();
        }
    }
}
