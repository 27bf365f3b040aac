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
    /**
     * The file.
     *
     * @return its path
     */
    Path path();

    /**
     * The file format.
     *
     * @return VHD, VHDX or RAW
     */
    VhdFormat format();

    /**
     * The allocation type.
     *
     * @return fixed, dynamic or differencing
     */
    VhdType type();

    /**
     * Virtual size in bytes.
     *
     * @return the size
     */
    long size();

    /**
     * Reads {@code dst.remaining()} bytes at {@code offset}, advancing dst's position.
     *
     * @param dst    filled from its position to its limit
     * @param offset the virtual byte offset
     * @throws VhdException if the range is outside the disk, the disk is closed, or I/O fails
     */
    void read(ByteBuffer dst, long offset);

    /**
     * Writes {@code src.remaining()} bytes at {@code offset}, advancing src's position.
     *
     * @param src    written from its position to its limit
     * @param offset the virtual byte offset
     * @throws VhdException if the disk is read-only or closed, the range is outside it, or I/O fails
     */
    void write(ByteBuffer src, long offset);

    /**
     * Reads into part of an array.
     *
     * @param offset the virtual byte offset
     * @param dst    the array
     * @param from   the first array index to fill
     * @param length how many bytes
     */
    default void read(long offset, byte[] dst, int from, int length) {
        read(ByteBuffer.wrap(dst, from, length), offset);
    }

    /**
     * Writes part of an array.
     *
     * @param offset the virtual byte offset
     * @param src    the array
     * @param from   the first array index to write
     * @param length how many bytes
     */
    default void write(long offset, byte[] src, int from, int length) {
        write(ByteBuffer.wrap(src, from, length), offset);
    }

    /** Makes every completed write durable, with the metadata that maps it. */
    void flush();

    /**
     * What Get-VHD shows about the disk.
     *
     * @return the disk's current properties
     */
    DiskInfo info();

    /**
     * The opened parent of a differencing disk.
     *
     * @return the parent, or empty for other disks
     */
    Optional<VirtualDisk> parent();

    /**
     * Size of the allocation unit {@link #allocation(long)} speaks about (the block size).
     *
     * @return bytes per unit
     */
    long allocationUnit();

    /**
     * What this layer stores for allocation unit {@code unit} (offset unit × allocationUnit()).
     *
     * @param unit the unit's index
     * @return data, zero or not present
     */
    Allocation allocation(long unit);

    /**
     * Flushes (when writable) and closes the disk and its parents; later calls do nothing.
     *
     * @throws VhdException if the final flush or close fails
     */
    @Override
    void close();
}
