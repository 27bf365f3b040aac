package io.hyperv4j.vhd.block;

import io.hyperv4j.vhd.Allocation;
import io.hyperv4j.vhd.VhdException;
import io.hyperv4j.vhd.VirtualDisk;
import io.hyperv4j.vhd.io.FileExtents;
import io.hyperv4j.vhd.io.Storage;
import io.hyperv4j.vhd.io.WriteBehind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The read/write engine shared by dynamic and differencing VHD and VHDX: the disk is a run of
 * equal blocks, each either absent (parent or zeros), explicitly zero, or stored at a file offset;
 * differencing disks also keep a per-sector bitmap saying which sectors of a stored block are this
 * layer's. Formats supply the lookups, allocation and persistence.
 *
 * <p>Thread-safe, as every {@link VirtualDisk}: block lookups, allocation, bitmaps, flush and close take
 * the disk's lock; data of disks without a parent moves outside it. Subclasses call the protected
 * methods (and implement the abstract ones) with the lock held.
 */
public abstract class BlockDisk implements VirtualDisk, FileExtents {
    /** {@link #lookup} result: nothing stored in this layer. */
    protected static final long NOT_PRESENT = -1;
    /** {@link #lookup} result: the block reads as zeros in this layer. */
    protected static final long ZERO = -2;
    private static final int MAX_CACHED_BITMAPS = 64;

    /** The file's bytes. */
    protected final Storage storage;
    /** Whether the disk was opened for writing. */
    protected final boolean writable;
    /** The block size in bytes. */
    protected final long blockSize;
    /** The (logical) sector size in bytes: the unit of the sector bitmap. */
    protected final int sectorSize;
    /** The parent of a differencing disk, null otherwise. */
    protected final VirtualDisk parent;
    /** The virtual size in bytes; changed only by a resize, under the lock. */
    protected volatile long virtualSize;
    private volatile boolean closed;
    private final WriteBehind writeBehind;
    private final TreeSet<Long> dirtyBitmaps = new TreeSet<>();
    private final LinkedHashMap<Long, byte[]> bitmaps = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            if (size() <= MAX_CACHED_BITMAPS) {
                return false;
            }
            if (dirtyBitmaps.remove(eldest.getKey())) {
                try {
                    storage.force(); // the data the bits vouch for goes first
                    writeBitmap(eldest.getKey(), eldest.getValue());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return true;
        }
    };

    /**
     * The shared engine state; the format has read its headers already.
     *
     * @param storage     the file's bytes; closed with the disk
     * @param writable    whether writes are allowed
     * @param virtualSize the virtual size in bytes
     * @param blockSize   the block size in bytes
     * @param sectorSize  the sector size in bytes
     * @param parent      the parent of a differencing disk (closed with this one), or null
     */
    protected BlockDisk(Storage storage, boolean writable, long virtualSize, long blockSize, int sectorSize,
            VirtualDisk parent) {
        this.storage = storage;
        this.writable = writable;
        this.virtualSize = virtualSize;
        this.blockSize = blockSize;
        this.sectorSize = sectorSize;
        this.parent = parent;
        this.writeBehind = new WriteBehind(storage);
    }

    // ---- what a format supplies ----

    /**
     * File offset of the block's data, or {@link #NOT_PRESENT} / {@link #ZERO}.
     *
     * @param block the block index
     * @return the offset or one of the two markers
     * @throws IOException if the block table cannot be read
     */
    protected abstract long lookup(long block) throws IOException;

    /**
     * Looks every block up, so a table entry a hostile file points outside the data area is refused
     * before an operation that rewrites the file's structures (resize) changes anything: lookups are
     * otherwise checked only when a block is used, which can be after the first write.
     *
     * @param blocks how many blocks, from the first (a resize checks those its new size will cover:
     *               stale entries past the old size come into use)
     * @throws IOException if the block table cannot be read
     * @throws io.hyperv4j.vhd.VhdFormatException naming the first entry that points outside the data area
     */
    protected void checkBlocks(long blocks) throws IOException {
        for (long b = 0; b < blocks; b++) lookup(b);
    }

    /**
     * For differencing disks: whether every sector of a stored block is this layer's.
     *
     * @param block the block index
     * @return true if the block's sector bitmap need not be consulted
     * @throws IOException if the block table cannot be read
     */
    protected abstract boolean fullyPresent(long block) throws IOException;

    /**
     * Allocates storage for a block whose data must read as zeros, records it (in memory until
     * {@link #commit()}), and returns its file offset. For differencing disks the block's sector
     * bitmap starts empty.
     *
     * @param block the block index
     * @return the new block's file offset
     * @throws IOException if the storage cannot grow
     */
    protected abstract long allocate(long block) throws IOException;

    /**
     * Reads a stored block's sector bitmap.
     *
     * @param block the block index
     * @param into  receives {@link #bitmapBytes()} bytes
     * @throws IOException if the read fails
     */
    protected abstract void readBitmap(long block, byte[] into) throws IOException;

    /**
     * Checks the placement of every sector bitmap the block table names, also of chunks with no
     * stored block yet (the first write there would go through it). Formats whose bitmap sits with
     * its block (VHD) have it checked by {@link #lookup}.
     *
     * @throws io.hyperv4j.vhd.VhdFormatException naming the entry of the first misplaced bitmap
     * @throws IOException if the block table cannot be read
     */
    public void checkSectorBitmaps() throws IOException {
    }

    /**
     * Writes a block's sector bitmap (its data is durable already).
     *
     * @param block  the block index
     * @param bitmap {@link #bitmapBytes()} bytes
     * @throws IOException if the write fails
     */
    protected abstract void writeBitmap(long block, byte[] bitmap) throws IOException;

    /**
     * Bit order of the sector bitmap: VHD puts sector 0 in the top bit, VHDX in the bottom bit.
     *
     * @return true for VHD's order
     */
    protected abstract boolean bitmapMsbFirst();

    /**
     * Persists changed metadata (BAT, headers); data is already durable when this runs.
     *
     * @throws IOException if the metadata cannot be written
     */
    protected abstract void commit() throws IOException;

    /**
     * Releases format state after the last commit.
     *
     * @throws IOException if the format's closing writes fail
     */
    protected abstract void closeFormat() throws IOException;

    // ---- VirtualDisk ----

    @Override
    public Path path() {
        return storage.path();
    }

    @Override
    public synchronized long size() {
        return virtualSize;
    }

    /**
     * The block size.
     *
     * @return bytes per block
     */
    public long blockSize() {
        return blockSize;
    }

    /**
     * The sector size.
     *
     * @return bytes per sector
     */
    public int sectorSize() {
        return sectorSize;
    }

    /**
     * Whether the disk was opened for writing.
     *
     * @return true if writable
     */
    public boolean writable() {
        return writable;
    }

    @Override
    public Optional<VirtualDisk> parent() {
        return Optional.ofNullable(parent);
    }

    @Override
    public long allocationUnit() {
        return blockSize;
    }

    @Override
    public synchronized Allocation allocation(long unit) {
        try {
            long at = lookup(unit);
            return at >= 0 ? Allocation.DATA : at == ZERO ? Allocation.ZERO : Allocation.NOT_PRESENT;
        } catch (IOException e) {
            throw io("reading the block table", e);
        }
    }

    /**
     * File offset of block {@code block}'s data in this layer, or a negative value when not stored.
     *
     * @param block the block index
     * @return the offset, or a negative marker
     */
    public synchronized long storedAt(long block) {
        try {
            return lookup(block);
        } catch (IOException e) {
            throw io("reading the block table", e);
        }
    }

    /**
     * The number of blocks the virtual size spans (the last may be partial).
     *
     * @return the count
     */
    public long blockCount() {
        return (virtualSize + blockSize - 1) / blockSize;
    }

    /**
     * Reads. Without a parent only the block lookup takes the disk's lock: data moves outside it, so
     * reads and writes of different blocks proceed in parallel.
     */
    @Override
    public void read(ByteBuffer dst, long offset) {
        if (parent != null) {
            synchronized (this) {
                readLocked(dst, offset);
            }
            return;
        }
        ensureOpen();
        checkRange(offset, dst.remaining());
        try {
            eachBlock(dst, offset, (block, inner, part) -> {
                long at;
                synchronized (this) {
                    at = lookup(block);
                }
                if (at < 0) {
                    zero(part);
                } else {
                    storage.read(part, at + inner);
                }
            });
        } catch (IOException e) {
            throw io("reading at offset " + offset, e);
        }
    }

    private void readLocked(ByteBuffer dst, long offset) {
        ensureOpen();
        checkRange(offset, dst.remaining());
        try {
            eachBlock(dst, offset, this::readBlock);
        } catch (IOException e) {
            throw io("reading at offset " + offset, e);
        }
    }

    private void readBlock(long block, int inner, ByteBuffer part) throws IOException {
        long at = lookup(block);
        long virt = block * blockSize + inner;
        if (at == ZERO || (at == NOT_PRESENT && parent == null)) {
            zero(part);
        } else if (at == NOT_PRESENT) {
            readParent(part, virt);
        } else if (parent == null || fullyPresent(block)) {
            storage.read(part, at + inner);
        } else {
            byte[] bits = bitmap(block);
            int end = inner + part.remaining();
            int pos = inner;
            while (pos < end) {
                int sector = pos / sectorSize;
                boolean present = bit(bits, sector);
                int runEnd = (sector + 1) * sectorSize;
                while (runEnd < end && bit(bits, runEnd / sectorSize) == present) {
                    runEnd += sectorSize;
                }
                runEnd = Math.min(runEnd, end);
                ByteBuffer run = slice(part, runEnd - pos);
                if (present) {
                    storage.read(run, at + pos);
                } else {
                    readParent(run, block * blockSize + pos);
                }
                part.position(part.position() + (runEnd - pos));
                pos = runEnd;
            }
        }
    }

    private void readParent(ByteBuffer part, long virt) {
        long avail = Math.max(0, parent.size() - virt);
        if (avail >= part.remaining()) {
            parent.read(part, virt);
        } else {
            ByteBuffer head = slice(part, (int) avail);
            if (avail > 0) {
                parent.read(head, virt);
            }
            part.position(part.position() + (int) avail);
            zero(part);
        }
    }

    /**
     * Writes. Without a parent only block lookup and allocation take the disk's lock (allocation
     * order stays the order writes reach it); data moves outside it.
     */
    @Override
    public void write(ByteBuffer src, long offset) {
        ensureOpen();
        if (!writable) {
            throw new VhdException(path() + ": opened read-only");
        }
        checkRange(offset, src.remaining());
        try {
            if (parent != null) {
                synchronized (this) {
                    beginModification();
                    writeSectorAligned(src, offset);
                }
                return;
            }
            eachBlock(src, offset, (block, inner, part) -> {
                int n = part.remaining();
                storage.write(part, mapForWrite(block) + inner);
                writeBehind.written(n);
            });
        } catch (IOException e) {
            throw io("writing at offset " + offset, e);
        }
    }

    private synchronized long mapForWrite(long block) throws IOException {
        beginModification();
        long at = lookup(block);
        return at >= 0 ? at : allocate(block);
    }

    @Override
    public Storage storage() {
        return storage;
    }

    @Override
    public long fileOffset(long offset, boolean forWrite) {
        ensureOpen();
        checkRange(offset, 1);
        if (parent != null) {
            return -1; // a differencing layer's bytes depend on its parent and sector bitmaps
        }
        if (forWrite && !writable) {
            throw new VhdException(path() + ": opened read-only");
        }
        try {
            long block = offset / blockSize;
            long at;
            synchronized (this) {
                at = forWrite ? mapForWrite(block) : lookup(block);
            }
            return at < 0 ? -1 : at + offset % blockSize;
        } catch (IOException e) {
            throw io((forWrite ? "allocating" : "looking up") + " the block at offset " + offset, e);
        }
    }

    @Override
    public long extentEnd(long offset) {
        return Math.min(virtualSize, (offset / blockSize + 1) * blockSize);
    }

    @Override
    public void copiedIn(long bytes) {
        writeBehind.written(bytes);
    }

    /**
     * Allocates, in order, every block of {@code [offset, offset + length)} not yet stored (disks
     * without a parent), so parallel writers that follow leave the file unfragmented.
     *
     * @param offset the first virtual byte
     * @param length how many bytes
     */
    public void allocateRange(long offset, long length) {
        if (parent != null || length <= 0) {
            return;
        }
        checkRange(offset, length);
        try {
            for (long b = offset / blockSize; b <= (offset + length - 1) / blockSize; b++) {
                mapForWrite(b);
            }
        } catch (IOException e) {
            throw io("allocating blocks", e);
        }
    }

    /** Differencing disks track whole sectors, so partial sectors are completed from below first. */
    private void writeSectorAligned(ByteBuffer src, long offset) throws IOException {
        long end = offset + src.remaining();
        long off = offset;
        while (off < end) {
            long sectorStart = off - off % sectorSize;
            if (off != sectorStart || end - off < sectorSize) {
                int n = (int) Math.min(end - off, sectorStart + sectorSize - off);
                ByteBuffer sector = ByteBuffer.allocate(sectorSize);
                read(sector, sectorStart);
                sector.position((int) (off - sectorStart));
                sector.put(slice(src, n));
                sector.clear();
                writeRange(sector, sectorStart);
                src.position(src.position() + n);
                off += n;
            } else {
                long alignedEnd = end - (end % sectorSize);
                int n = (int) (alignedEnd - off);
                ByteBuffer mid = slice(src, n);
                writeRange(mid, off);
                src.position(src.position() + n);
                off += n;
            }
        }
    }

    private void writeRange(ByteBuffer src, long offset) throws IOException {
        eachBlock(src, offset, (block, inner, part) -> {
            int n = part.remaining();
            long at = lookup(block);
            if (at < 0) {
                boolean wasZero = at == ZERO;
                at = allocate(block);
                if (parent != null && wasZero) {
                    markPresent(block, 0, (int) (blockSize / sectorSize));
                }
            }
            storage.write(part, at + inner);
            if (parent != null && !fullyPresent(block)) {
                markPresent(block, inner / sectorSize, n / sectorSize);
            }
        });
    }

    /** The part of a transfer that falls in one block: its index, the offset in it, and a slice of the buffer. */
    @FunctionalInterface
    private interface BlockPiece {
        void accept(long block, int inner, ByteBuffer part) throws IOException;
    }

    /** Splits {@code buf}, which starts at virtual {@code offset}, at block boundaries and hands each piece on in order. */
    private void eachBlock(ByteBuffer buf, long offset, BlockPiece piece) throws IOException {
        long off = offset;
        while (buf.hasRemaining()) {
            long block = off / blockSize;
            int inner = (int) (off % blockSize);
            int n = (int) Math.min(buf.remaining(), blockSize - inner);
            piece.accept(block, inner, slice(buf, n));
            buf.position(buf.position() + n);
            off += n;
        }
    }

    private void markPresent(long block, int firstSector, int count) throws IOException {
        byte[] bits = bitmap(block);
        for (int s = firstSector; s < firstSector + count; s++) {
            bits[s >>> 3] |= (byte) bitMask(s);
        }
        dirtyBitmaps.add(block);
    }

    /**
     * Called by formats when a block is newly allocated: none of its sectors is this layer's yet.
     *
     * @param block the block index
     */
    protected void resetBitmap(long block) {
        bitmaps.put(block, new byte[bitmapBytes()]);
        dirtyBitmaps.add(block);
    }

    /**
     * Hook run before the first change to the file in this session (VHDX renews its GUIDs).
     *
     * @throws IOException if the format's writes fail
     */
    protected void beginModification() throws IOException {
    }

    /**
     * A block's sector bitmap, through a small cache.
     *
     * @param block the block index
     * @return the cached bitmap (changes to it are this layer's to persist)
     * @throws IOException if it must be read and the read fails
     */
    protected byte[] bitmap(long block) throws IOException {
        byte[] bits = bitmaps.get(block);
        if (bits == null) {
            bits = new byte[bitmapBytes()];
            readBitmap(block, bits);
            bitmaps.put(block, bits);
        }
        return bits;
    }

    /**
     * The size of one block's sector bitmap.
     *
     * @return bytes: one bit per sector of a block
     */
    protected int bitmapBytes() {
        return (int) (blockSize / sectorSize / 8);
    }

    /**
     * Whether a sector's bit is set, in this format's bit order.
     *
     * @param bits   the bitmap
     * @param sector the sector within the block
     * @return true if this layer stores the sector
     */
    protected boolean bit(byte[] bits, int sector) {
        return (bits[sector >>> 3] & bitMask(sector)) != 0;
    }

    /** The mask of {@code sector}'s bit within its byte: VHD numbers bits from the top, VHDX from the bottom. */
    private int bitMask(int sector) {
        return bitmapMsbFirst() ? 0x80 >>> (sector & 7) : 1 << (sector & 7);
    }

    /**
     * Calls {@code run} with each byte range of block {@code block} that this layer stores (for
     * non-differencing disks: the whole block when allocated), clipped to the virtual size.
     *
     * @param block the block index
     * @param run   receives each range's virtual offset and length, in order
     */
    public synchronized void forEachPresentRun(long block, RunConsumer run) {
        try {
            long at = lookup(block);
            long blockStart = block * blockSize;
            long limit = Math.min(blockSize, virtualSize - blockStart);
            if (at < 0) {
                return;
            }
            if (parent == null || fullyPresent(block)) {
                run.accept(blockStart, limit);
                return;
            }
            byte[] bits = bitmap(block);
            int sectors = (int) ((limit + sectorSize - 1) / sectorSize);
            int s = 0;
            while (s < sectors) {
                if (!bit(bits, s)) {
                    s++;
                    continue;
                }
                int e = s;
                while (e < sectors && bit(bits, e)) {
                    e++;
                }
                run.accept(blockStart + (long) s * sectorSize, Math.min((long) (e - s) * sectorSize, limit - (long) s * sectorSize));
                s = e;
            }
        } catch (IOException e) {
            throw io("reading the sector bitmap of block " + block, e);
        }
    }

    /** Receives a byte range of the virtual disk. */
    @FunctionalInterface
    public interface RunConsumer {
        /**
         * One range.
         *
         * @param offset the virtual byte offset
         * @param length the length in bytes
         */
        void accept(long offset, long length);
    }

    @Override
    public synchronized void flush() {
        ensureOpen();
        if (!writable) {
            return;
        }
        try {
            storage.force();
            for (Long block : dirtyBitmaps) {
                writeBitmap(block, bitmaps.get(block));
            }
            if (!dirtyBitmaps.isEmpty()) {
                dirtyBitmaps.clear();
                storage.force();
            }
            commit();
        } catch (IOException e) {
            throw io("flushing", e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            if (writable) {
                flush();
            }
            closeFormat();
        } catch (IOException e) {
            throw io("closing", e);
        } finally {
            closed = true;
            writeBehind.drain();
            try {
                storage.close();
            } catch (IOException ignored) {
                // already failing or closed; the first error is the one reported
            }
            if (parent != null) {
                parent.close();
            }
        }
    }

    /**
     * Refuses a call on a closed disk.
     *
     * @throws VhdException if the disk is closed
     */
    protected void ensureOpen() {
        if (closed) {
            throw new VhdException(path() + ": disk is closed");
        }
    }

    private void checkRange(long offset, long length) {
        if (offset < 0 || length < 0 || offset > virtualSize - length) {
            throw new VhdException(path() + ": range " + offset + "+" + length + " is outside the disk (size "
                    + virtualSize + ")");
        }
    }

    /**
     * Share of allocated blocks not stored right after the previous allocated block, in percent.
     *
     * @return 0 to 100
     * @throws IOException if the block table cannot be read
     */
    protected int fragmentationPercentage() throws IOException {
        long allocated = 0;
        long scattered = 0;
        long previous = Long.MIN_VALUE;
        for (long b = 0; b < blockCount(); b++) {
            long at = lookup(b);
            if (at < 0) {
                continue;
            }
            allocated++;
            if (previous != Long.MIN_VALUE && at != previous + blockStride()) {
                scattered++;
            }
            previous = at;
        }
        return allocated == 0 ? 0 : (int) (scattered * 100 / allocated);
    }

    /**
     * Distance between consecutive blocks stored back to back (block plus any per-block header).
     *
     * @return bytes
     */
    protected long blockStride() {
        return blockSize;
    }

    /**
     * An I/O failure as a {@link VhdException} naming the file and what was being done.
     *
     * @param what e.g. "flushing"
     * @param e    the failure
     * @return the exception to throw
     */
    protected VhdException io(String what, IOException e) {
        return new VhdException(path() + ": I/O error " + what + ": " + e.getMessage(), e);
    }

    /**
     * The next {@code n} bytes of a buffer as a view, without moving the buffer's position.
     *
     * @param b the buffer
     * @param n how many bytes
     * @return the view
     */
    protected static ByteBuffer slice(ByteBuffer b, int n) {
        ByteBuffer s = b.duplicate();
        s.limit(s.position() + n);
        return s;
    }

    /**
     * Fills the rest of a buffer with zeros, moving its position to its limit.
     *
     * @param b the buffer
     */
    protected static void zero(ByteBuffer b) {
        if (b.hasArray()) {
            java.util.Arrays.fill(b.array(), b.arrayOffset() + b.position(), b.arrayOffset() + b.limit(), (byte) 0);
            b.position(b.limit());
        } else {
            while (b.remaining() >= 8) {
                b.putLong(0);
            }
            while (b.hasRemaining()) {
                b.put((byte) 0);
            }
        }
    }
}
