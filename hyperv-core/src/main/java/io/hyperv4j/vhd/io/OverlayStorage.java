package io.hyperv4j.vhd.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Read-only view of a storage with some byte ranges replaced in memory: how a read-only open sees a
 * VHDX whose log still holds entries that were never applied, without changing the file. Not
 * thread-safe while patches are being recorded; once recording is done, concurrent reads are safe.
 */
public final class OverlayStorage implements Storage {
    private final Storage base;
    private final TreeMap<Long, byte[]> patches = new TreeMap<>();
    /** Zeroed ranges (start to end), kept as ranges so a huge zero run costs no memory. */
    private final TreeMap<Long, Long> zeros = new TreeMap<>();
    private long size;

    /**
     * An overlay with no patches yet.
     *
     * @param base the storage underneath; closed with this one
     * @throws IOException if the base's size cannot be read
     */
    public OverlayStorage(Storage base) throws IOException {
        this.base = base;
        this.size = base.size();
    }

    @Override
    public Path path() {
        return base.path();
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    /**
     * Records {@code bytes} at {@code position} (later patches win over earlier ones).
     *
     * @param position the byte offset
     * @param bytes    the replacement bytes (copied)
     */
    public void patch(long position, byte[] bytes) {
        // Log replay patches are whole 4 KiB sectors, so a later patch at the same position replaces
        // an earlier one exactly.
        patches.put(position, bytes.clone());
        size = Math.max(size, position + bytes.length);
    }

    /**
     * Records that {@code length} bytes at {@code position} read as zeros.
     *
     * @param position the byte offset
     * @param length   how many bytes
     */
    public void zero(long position, long length) {
        zeros.put(position, position + length);
        patches.subMap(position, true, position + length, false).clear();
        size = Math.max(size, position + length);
    }

    /**
     * Makes the overlay at least {@code newSize} bytes long; the extension reads as zeros.
     *
     * @param newSize the minimum size in bytes
     */
    public void extendTo(long newSize) {
        size = Math.max(size, newSize);
    }

    @Override
    public void read(ByteBuffer dst, long position) throws IOException {
        int start = dst.position();
        int len = dst.remaining();
        base.read(dst, position);
        long end = position + len;
        Map.Entry<Long, Long> firstZero = zeros.floorEntry(position);
        Long zeroFrom = firstZero == null ? position : firstZero.getKey();
        for (Map.Entry<Long, Long> z : zeros.subMap(zeroFrom, true, end, false).entrySet()) {
            long zs = Math.max(z.getKey(), position);
            long ze = Math.min(z.getValue(), end);
            for (long p = zs; p < ze; p++) {
                dst.put(start + (int) (p - position), (byte) 0);
            }
        }
        Map.Entry<Long, byte[]> first = patches.floorEntry(position);
        Long from = first == null ? position : first.getKey();
        for (Map.Entry<Long, byte[]> e : patches.subMap(from, true, end, false).entrySet()) {
            long ps = Math.max(e.getKey(), position);
            long pe = Math.min(e.getKey() + e.getValue().length, end);
            for (long p = ps; p < pe; p++) {
                dst.put(start + (int) (p - position), e.getValue()[(int) (p - e.getKey())]);
            }
        }
    }

    @Override
    public void write(ByteBuffer src, long position) throws IOException {
        throw new IOException("read-only overlay");
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void setSize(long newSize) throws IOException {
        throw new IOException("read-only overlay");
    }

    /** Nothing to make durable: the overlay never writes. */
    @Override
    public void force() {
    }

    @Override
    public void close() throws IOException {
        base.close();
    }
}
