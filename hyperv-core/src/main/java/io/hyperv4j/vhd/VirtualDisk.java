package io.hyperv4j.vhd;

import java.io.Closeable;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An open virtual disk: a byte-addressed device of {@link #size()} bytes. Reads of unallocated
 * space return zeros (or the parent's data for differencing disks); writes allocate blocks.
 * Thread-safe. Writes become durable on {@link #flush()} or {@link #close()}.
 */
public interface VirtualDisk extends Closeable {
    Path path();

    VhdFormat format();

    VhdType type();

    /** Virtual size in bytes. */
    long size();

    /** Reads {@code dst.remaining()} bytes at {@code offset}, advancing dst's position. */
    void read(ByteBuffer dst, long offset);

    /** Writes {@code src.remaining()} bytes at {@code offset}, advancing src's position. */
    void write(ByteBuffer src, long offset);

    default void read(long offset, byte[] dst, int from, int length) {
        read(ByteBuffer.wrap(dst, from, length), offset);
    }

    default void write(long offset, byte[] src, int from, int length) {
        write(ByteBuffer.wrap(src, from, length), offset);
    }

    /** Makes every completed write durable, with the metadata that maps it. */
    void flush();

    DiskInfo info();

    /** The opened parent of a differencing disk. */
    Optional<VirtualDisk> parent();

    /** Size of the allocation unit {@link #allocation(long)} speaks about (the block size). */
    long allocationUnit();

    /** What this layer stores for allocation unit {@code unit} (offset unit × allocationUnit()). */
    Allocation allocation(long unit);

    @Override
    void close();
}
