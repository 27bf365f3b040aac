package io.hyperv4j.vhd;

import io.hyperv4j.vhd.block.BlockDisk;
import io.hyperv4j.vhd.io.FileLocks;
import io.hyperv4j.vhd.io.FileStorage;
import io.hyperv4j.vhd.io.Storage;
import io.hyperv4j.vhd.vhdx.VhdxDisk;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/** Convert and compact: stream one disk's content into a new file, skipping what needs no storage. */
final class Converter {
    private static final int CHUNK = 16 * 1024 * 1024;
    private static final int WRITERS = 3;
    private static final int PIECE = 4 * 1024 * 1024;

    private Converter() {
    }

    static DiskInfo convert(Path source, Path destination, DiskSpec target) {
        if (target.type() == VhdType.DIFFERENCING) {
            throw new VhdException(destination + ": cannot convert into a differencing disk; convert, then create a child");
        }
        if (Files.exists(destination)) {
            throw new VhdException(destination + ": already exists");
        }
        try (VirtualDisk src = VirtualDisks.open(source, OpenMode.READ_ONLY)) {
            DiskSpec spec = target.withSize(target.size() == 0 ? src.size() : target.size());
            if (spec.size() < src.size()) {
                throw new VhdException(destination + ": target size " + spec.size() + " is smaller than the source's "
                        + src.size());
            }
            if (spec.format() == VhdFormat.VHDX && spec.logicalSectorSize() == 0 && src instanceof VhdxDisk x) {
                spec = spec.withSectorSizes(x.sectorSize(), x.metadata().physicalSectorSize());
            }
            VirtualDisks.removeStaleTemps(destination);
            Path temp = VirtualDisks.tempBeside(destination);
            try {
                VirtualDisks.createFile(temp, spec);
                try (VirtualDisk dst = VirtualDisks.open(temp, OpenMode.READ_WRITE)) {
                    copy(src, dst, spec.type() != VhdType.FIXED || spec.format() == VhdFormat.RAW);
                }
            } catch (RuntimeException e) {
                VirtualDisks.deleteQuietly(temp);
                throw e;
            }
            VirtualDisks.moveIntoPlace(temp, destination);
        }
        return VirtualDisks.inspect(destination);
    }

    /**
     * Copies all of src into dst; with {@code skipZeros}, all-zero stretches are not written. Helper
     * threads read the next chunk while this one is written by {@link #WRITERS} threads in
     * pieces (blocks are allocated in order first, so the result is not fragmented); the disks'
     * write-behind flushes overlap disk writeback with copying.
     */
    static void copy(VirtualDisk src, VirtualDisk dst, boolean skipZeros) {
        long size = src.size();
        int zeroUnit = (int) Math.min(dst.allocationUnit(), CHUNK);
        ByteBuffer zeros = ByteBuffer.allocateDirect(zeroUnit);
        ByteBuffer[] buffers = {ByteBuffer.allocateDirect(CHUNK), ByteBuffer.allocateDirect(CHUNK)};
        ExecutorService reader = Executors.newSingleThreadExecutor(daemon("vhd-convert-reader"));
        ExecutorService readers = Executors.newFixedThreadPool(WRITERS, daemon("vhd-convert-read"));
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS, daemon("vhd-convert-writer"));
        List<Future<?>> inFlight = new ArrayList<>();
        try {
            long chunks = (size + CHUNK - 1) / CHUNK;
            Future<ByteBuffer> next = chunks > 0 ? reader.submit(readChunk(src, 0, buffers[0], skipZeros, readers)) : null;
            for (long c = 0; c < chunks; c++) {
                ByteBuffer buf = await(next);
                for (Future<?> f : inFlight) {
                    await(f); // the previous chunk's writes: its buffer is the next read's
                }
                inFlight.clear();
                if (c + 1 < chunks) {
                    next = reader.submit(readChunk(src, (c + 1) * CHUNK, buffers[(int) ((c + 1) % 2)], skipZeros,
                            readers));
                }
                if (buf == null) {
                    continue;
                }
                long off = c * CHUNK;
                int n = buf.remaining();
                List<int[]> runs = new ArrayList<>();
                int runStart = -1;
                for (int at = 0; at < n; at += zeroUnit) {
                    int m = Math.min(zeroUnit, n - at);
                    boolean zero = skipZeros
                            && buf.duplicate().position(at).limit(at + m).mismatch(zeros.duplicate().limit(m)) == -1;
                    if (!zero && runStart < 0) {
                        runStart = at;
                    } else if (zero && runStart >= 0) {
                        runs.add(new int[] {runStart, at});
                        runStart = -1;
                    }
                }
                if (runStart >= 0) {
                    runs.add(new int[] {runStart, n});
                }
                for (int[] run : runs) {
                    if (dst instanceof BlockDisk b) {
                        b.allocateRange(off + run[0], run[1] - run[0]);
                    }
                    for (int p = run[0]; p < run[1]; p += PIECE) {
                        ByteBuffer piece = buf.duplicate().position(p).limit(Math.min(run[1], p + PIECE));
                        long at = off + p;
                        inFlight.add(writers.submit(() -> dst.write(piece, at)));
                    }
                }
            }
            for (Future<?> f : inFlight) {
                await(f);
            }
        } finally {
            reader.shutdownNow();
            readers.shutdownNow();
            writers.shutdownNow();
        }
        dst.flush();
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Reads one chunk, in {@link #PIECE}s spread over {@code pool} (the reads of different blocks
     * proceed in parallel), or yields null when nothing in the chain stores it (it reads as zeros).
     */
    private static Callable<ByteBuffer> readChunk(VirtualDisk src, long off, ByteBuffer buf, boolean skipZeros,
            ExecutorService pool) {
        return () -> {
            int n = (int) Math.min(CHUNK, src.size() - off);
            if (skipZeros && unstored(src, off, n)) {
                return null;
            }
            List<Future<?>> pieces = new ArrayList<>();
            for (int p = 0; p < n; p += PIECE) {
                ByteBuffer piece = buf.duplicate().clear().position(p).limit(Math.min(n, p + PIECE));
                long at = off + p;
                pieces.add(pool.submit(() -> src.read(piece, at)));
            }
            for (Future<?> f : pieces) {
                await(f);
            }
            return buf.clear().limit(n);
        };
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VhdException("conversion interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new VhdException("reading the source failed: " + e.getCause(), e.getCause());
        }
    }

    /** True when no layer of the chain stores data anywhere in the range (so it reads as zeros). */
    static boolean unstored(VirtualDisk disk, long off, long length) {
        for (VirtualDisk d = disk; d != null; d = d.parent().orElse(null)) {
            long unit = d.allocationUnit();
            for (long u = off / unit; u <= (off + length - 1) / unit; u++) {
                if (d.allocation(u) == Allocation.DATA) {
                    return false;
                }
            }
        }
        return true;
    }

    static DiskInfo compact(Path path) {
        if (VirtualDisks.inspect(path).vhdType() == VhdType.FIXED) {
            throw new VhdException(path + ": only dynamic and differencing disks can be compacted");
        }
        VirtualDisks.removeStaleTemps(path);
        Path temp = VirtualDisks.tempBeside(path);
        UUID dataWriteGuid = null;
        // Held for writing from the read to the rename: a change made meanwhile would be lost with the old file.
        try (FileLocks.Hold own = FileLocks.hold(path, true)) {
        // Inspected under the hold: a resize another process finished before it is kept, not undone.
        DiskInfo info = VirtualDisks.inspect(path);
        try (VirtualDisk src = VirtualDisks.open(path, OpenMode.READ_ONLY)) {
            if (src instanceof VhdxDisk x) {
                dataWriteGuid = x.dataWriteGuid();
            }
            BlockDisk block = (BlockDisk) src;
            DiskSpec spec = new DiskSpec(info.vhdFormat(), info.vhdType(), info.size(), info.blockSize(),
                    info.vhdFormat() == VhdFormat.VHDX ? info.logicalSectorSize() : 0,
                    info.vhdFormat() == VhdFormat.VHDX ? info.physicalSectorSize() : 0,
                    info.parentPath(), info.diskIdentifier());
            VirtualDisks.createFile(temp, spec);
            try (VirtualDisk dst = VirtualDisks.open(temp, OpenMode.READ_WRITE)) {
                if (info.vhdType() == VhdType.DYNAMIC) {
                    copy(src, dst, true);
                } else {
                    copyLayer(block, dst);
                }
            }
            if (dataWriteGuid != null) {
                try (Storage s = FileStorage.open(temp, false)) {
                    VhdxDisk.restoreDataWriteGuid(s, dataWriteGuid);
                }
            }
        } catch (IOException e) {
            VirtualDisks.deleteQuietly(temp);
            throw new VhdException(path + ": I/O error compacting: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            VirtualDisks.deleteQuietly(temp);
            throw e;
        }
        VirtualDisks.moveIntoPlace(temp, path);
        } catch (IOException e) {
            throw new VhdException(path + ": cannot open: " + e.getMessage(), e);
        }
        return VirtualDisks.inspect(path);
    }

    /** Copies only the ranges a differencing layer stores itself (its parent's data stays below). */
    static void copyLayer(BlockDisk layer, VirtualDisk dst) {
        ByteBuffer buf = ByteBuffer.allocateDirect((int) Math.min(layer.blockSize(), CHUNK));
        for (long b = 0; b < layer.blockCount(); b++) {
            layer.forEachPresentRun(b, (off, len) -> {
                for (long done = 0; done < len; done += buf.capacity()) {
                    int n = (int) Math.min(buf.capacity(), len - done);
                    buf.clear().limit(n);
                    layer.read(buf, off + done);
                    buf.flip();
                    dst.write(buf, off + done);
                }
            });
        }
        dst.flush();
    }
}
