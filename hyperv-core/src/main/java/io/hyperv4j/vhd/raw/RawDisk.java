package io.hyperv4j.vhd.raw;

import io.hyperv4j.vhd.Allocation;
import io.hyperv4j.vhd.DiskInfo;
import io.hyperv4j.vhd.VhdException;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vhd.VhdType;
import io.hyperv4j.vhd.VirtualDisk;
import io.hyperv4j.vhd.io.FileExtents;
import io.hyperv4j.vhd.io.Storage;
import io.hyperv4j.vhd.io.WriteBehind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A flat image: virtual byte n is file byte n. Thread-safe: reads and writes run in parallel
 * (positional I/O); size changes, flushes and close take the disk's lock.
 */
public final class RawDisk implements VirtualDisk, FileExtents {
    private static final long UNIT = 1024 * 1024;
    private final Storage storage;
    private final boolean writable;
    private volatile long size;
    private volatile boolean closed;
    private final WriteBehind writeBehind;

    /**
     * A disk over the whole of {@code storage}, its size the storage's size.
     *
     * @param storage  the image's bytes; the disk closes it
     * @param writable whether writes and resizes are allowed
     * @throws IOException if the storage's size cannot be read
     */
    public RawDisk(Storage storage, boolean writable) throws IOException {
        this.storage = storage;
        this.writable = writable;
        this.size = storage.size();
        this.writeBehind = new WriteBehind(storage);
    }

    @Override
    public Path path() {
        return storage.path();
    }

    @Override
    public VhdFormat format() {
        return VhdFormat.RAW;
    }

    @Override
    public VhdType type() {
        return VhdType.FIXED;
    }

    @Override
    public synchronized long size() {
        return size;
    }

    @Override
    public void read(ByteBuffer dst, long offset) {
        check(offset, dst.remaining());
        try {
            storage.read(dst, offset);
        } catch (IOException e) {
            throw new VhdException(path() + ": I/O error reading at " + offset + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(ByteBuffer src, long offset) {
        if (!writable) {
            throw new VhdException(path() + ": opened read-only");
        }
        check(offset, src.remaining());
        try {
            int n = src.remaining();
            storage.write(src, offset);
            writeBehind.written(n);
        } catch (IOException e) {
            throw new VhdException(path() + ": I/O error writing at " + offset + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Storage storage() {
        return storage;
    }

    @Override
    public long fileOffset(long offset, boolean forWrite) { // virtual byte n is file byte n
        check(offset, 1);
        if (forWrite && !writable) {
            throw new VhdException(path() + ": opened read-only");
        }
        return offset;
    }

    @Override
    public long extentEnd(long offset) {
        return size;
    }

    @Override
    public void copiedIn(long bytes) {
        writeBehind.written(bytes);
    }

    /**
     * Grows or shrinks the image (raw images can do both).
     *
     * @param newSize the new size in bytes
     * @throws VhdException if the disk is read-only or the storage fails
     */
    public synchronized void resize(long newSize) {
        if (!writable) {
            throw new VhdException(path() + ": opened read-only");
        }
        try {
            storage.setSize(newSize);
            size = newSize;
        } catch (IOException e) {
            throw new VhdException(path() + ": I/O error resizing: " + e.getMessage(), e);
        }
    }

    private void check(long offset, long length) {
        if (closed) {
            throw new VhdException(path() + ": disk is closed");
        }
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new VhdException(path() + ": range " + offset + "+" + length + " is outside the disk (size " + size + ")");
        }
    }

    @Override
    public synchronized void flush() {
        if (writable) {
            try {
                storage.force();
            } catch (IOException e) {
                throw new VhdException(path() + ": I/O error flushing: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public DiskInfo info() {
        return new DiskInfo(path(), VhdFormat.RAW, VhdType.FIXED, size, size, null, 512, 512, 0, null, null, null);
    }

    @Override
    public Optional<VirtualDisk> parent() {
        return Optional.empty();
    }

    @Override
    public long allocationUnit() {
        return UNIT;
    }

    @Override
    public Allocation allocation(long unit) {
        return Allocation.DATA;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        writeBehind.drain();
        try {
            if (writable) {
                storage.force();
            }
            storage.close();
        } catch (IOException e) {
            throw new VhdException(path() + ": I/O error closing: " + e.getMessage(), e);
        }
    }
}
