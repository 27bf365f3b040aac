package io.hyperv4j.vhd;

import io.hyperv4j.vhd.io.FileExtents;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Copies ranges of one disk into another with reading and writing overlapped: a reader thread
 * decides what each piece is and a writer thread stores the pieces in order, through a bounded queue.
 * Where both disks keep the bytes as-is in a file ({@link FileExtents}), a piece is a file-to-file
 * copy in the kernel; otherwise it travels in a buffer. With {@code skipZeros} (targets that are new
 * and read as zeros) a block stored nowhere in the source's chain is not read, and a block is read
 * into a buffer only until its first non-zero byte: an all-zero block is read once and skipped, and
 * the rest of a block with data is copied in the kernel after the window that showed it.
 *
 * <p>Every wait is bounded ({@link #STALL}); a failure on either side stops the other and is thrown;
 * an interrupt of the calling thread cancels the copy. The workers are never interrupted: an
 * interrupt during a {@code FileChannel} operation would close the channel, which this JVM shares
 * among all holders of the file.
 */
final class CopyPipeline {
    /** The largest buffered piece, and the size of the buffers. */
    static final int BUFFER = 4 * 1024 * 1024;
    private static final int BUFFERS = 4;
    /** The first window read of a block to look for data; windows grow to {@link #BUFFER}. */
    private static final int FIRST_WINDOW = 4096;
    /** The largest file-to-file piece (bounds how long a cancel waits). */
    private static final long DIRECT_PIECE = 32L * 1024 * 1024;
    /** How long either side waits for the other before the copy fails as stalled. */
    static final long STALL = TimeUnit.MINUTES.toNanos(10);
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(BUFFER).asReadOnlyBuffer();

    /** A run of the target: in {@code data}, or (data null) at {@code sourceAt} in the source's file. */
    private record Piece(long offset, long length, ByteBuffer data, long sourceAt) {
    }

    private static final Piece END = new Piece(-1, 0, null, -1);

    private final VirtualDisk src;
    private final VirtualDisk dst;
    private final boolean skipZeros;
    private final boolean direct;
    private final BlockingQueue<Piece> pieces = new ArrayBlockingQueue<>(BUFFERS * 2);
    private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
    private int buffersMade;
    private volatile boolean stopped;
    private long moved;

    private CopyPipeline(VirtualDisk src, VirtualDisk dst, boolean skipZeros) {
        this.src = src;
        this.dst = dst;
        this.skipZeros = skipZeros;
        this.direct = src instanceof FileExtents && dst instanceof FileExtents && src.parent().isEmpty()
                && dst.parent().isEmpty();
    }

    /**
     * Copies {@code ranges} of {@code src} to the same offsets of {@code dst} (not flushed).
     *
     * @param src       the disk to read
     * @param dst       the disk to write
     * @param ranges    the virtual ranges, in order, inside both disks
     * @param skipZeros leave ranges that read as zeros unwritten ({@code dst} must read as zeros there)
     * @return the bytes written to {@code dst}
     * @throws VhdException if either side fails, stalls for {@link #STALL}, or the calling thread is interrupted
     */
    static long copy(VirtualDisk src, VirtualDisk dst, List<ByteRange> ranges, boolean skipZeros) {
        return new CopyPipeline(src, dst, skipZeros).run(ranges);
    }

    private long run(List<ByteRange> ranges) {
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "vhd-copy");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<?> reader = threads.submit(() -> {
                try {
                    read(ranges);
                } finally {
                    if (!stopped) {
                        put(END);
                    }
                }
                return null;
            });
            Future<?> writer = threads.submit(() -> {
                write();
                return null;
            });
            await(writer);
            await(reader);
            return moved;
        } finally {
            stopped = true;
            threads.shutdown();
            // Each worker stops after its current piece; wait for that even when cancelled, so the caller
            // closes and deletes the target after the last write to it.
            boolean interrupted = Thread.interrupted();
            try {
                if (!threads.awaitTermination(1, TimeUnit.MINUTES)) {
                    LoggerFactory.getLogger(CopyPipeline.class).warn("{}: copy threads still busy after a minute", dst.path());
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VhdException(dst.path() + ": copy from " + src.path() + " interrupted", e);
        } catch (ExecutionException e) {
            stopped = true;
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new VhdException(dst.path() + ": copy from " + src.path() + " failed: " + e.getCause(), e.getCause());
        }
    }

    // ---------------------------------------------------------------- the reader's side

    private void read(List<ByteRange> ranges) {
        long unit = dst.allocationUnit();
        for (ByteRange r : ranges) {
            for (long at = r.offset(); at < r.end(); ) {
                long end = Math.min(r.end(), (at / unit + 1) * unit);
                readUnit(at, end);
                at = end;
            }
        }
    }

    /** One allocation unit of the target, or part of one. */
    private void readUnit(long from, long end) {
        long at = from;
        if (skipZeros) {
            if (Converter.unstored(src, from, end - from)) {
                return;
            }
            for (int window = FIRST_WINDOW; at < end; window = Math.min(BUFFER, window * 4)) {
                ByteBuffer b = buffered(at, (int) Math.min(window, end - at));
                if (b.mismatch(ZEROS.duplicate().limit(b.remaining())) == -1) {
                    at += b.remaining();
                    release(b);
                    continue;
                }
                int n = b.remaining(); // before the writer takes the buffer
                put(new Piece(at, n, b, -1));
                at += n;
                break;
            }
        }
        while (at < end) {
            long sourceAt = direct ? ((FileExtents) src).fileOffset(at, false) : -1;
            if (sourceAt >= 0) {
                long n = Math.min(Math.min(end, ((FileExtents) src).extentEnd(at)) - at, DIRECT_PIECE);
                put(new Piece(at, n, null, sourceAt));
                at += n;
            } else {
                long stop = direct ? Math.min(end, ((FileExtents) src).extentEnd(at)) : end;
                int n = (int) Math.min(BUFFER, stop - at);
                put(new Piece(at, n, buffered(at, n), -1));
                at += n;
            }
        }
    }

    /** {@code n} bytes of the source at {@code at}, in a buffer of the pool. */
    private ByteBuffer buffered(long at, int n) {
        ByteBuffer b = free.poll();
        if (b == null && buffersMade < BUFFERS) {
            buffersMade++;
            b = ByteBuffer.allocateDirect(BUFFER);
        }
        if (b == null) {
            b = take(free, "a free buffer");
        }
        b.clear().limit(n);
        src.read(b, at);
        return b.flip();
    }

    private void release(ByteBuffer b) {
        free.add(b); // never full: only buffers from the pool come back
    }

    private void put(Piece p) {
        try {
            long deadline = System.nanoTime() + STALL;
            while (!pieces.offer(p, 100, TimeUnit.MILLISECONDS) || stopped) {
                if (stopped) {
                    throw new VhdException(dst.path() + ": copy stopped");
                }
                if (System.nanoTime() > deadline) {
                    throw new VhdException(dst.path() + ": writing stalled for " + TimeUnit.NANOSECONDS.toSeconds(STALL)
                            + " s; copy abandoned");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VhdException(dst.path() + ": copy interrupted", e);
        }
    }

    // ---------------------------------------------------------------- the writer's side

    private void write() {
        while (!stopped) {
            Piece p = take(pieces, "data from " + src.path());
            if (p == END) {
                return;
            }
            if (p.data() != null) {
                dst.write(p.data(), p.offset());
                release(p.data());
            } else {
                FileExtents to = (FileExtents) dst;
                long at = to.fileOffset(p.offset(), true);
                try {
                    ((FileExtents) src).storage().copyTo(p.sourceAt(), p.length(), to.storage(), at);
                } catch (IOException e) {
                    throw new VhdException(dst.path() + ": I/O error copying " + p.length() + " bytes at offset " + p.offset()
                            + " from " + src.path() + ": " + e.getMessage(), e);
                }
                to.copiedIn(p.length());
            }
            moved += p.length();
        }
    }

    /** The next element, waiting at most {@link #STALL}; null once the copy was stopped. */
    private <T> T take(BlockingQueue<T> q, String what) {
        try {
            long deadline = System.nanoTime() + STALL;
            while (true) {
                T t = q.poll(100, TimeUnit.MILLISECONDS);
                if (t != null) {
                    return t;
                }
                if (stopped) {
                    throw new VhdException(dst.path() + ": copy stopped");
                }
                if (System.nanoTime() > deadline) {
                    throw new VhdException(dst.path() + ": waited " + TimeUnit.NANOSECONDS.toSeconds(STALL) + " s for "
                            + what + "; copy abandoned");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VhdException(dst.path() + ": copy interrupted", e);
        }
    }
}
