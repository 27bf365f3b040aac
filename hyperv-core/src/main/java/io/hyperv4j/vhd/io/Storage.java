package io.hyperv4j.vhd.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Positional byte storage under a disk format: a file, or in tests a wrapper that injects faults.
 * Reads past the end return zeros. Implementations used by a {@link io.hyperv4j.vhd.VirtualDisk} must
 * allow concurrent positional reads and writes of distinct ranges.
 */
public interface Storage extends Closeable {
    /**
     * The file this storage holds, for messages and relative parent paths.
     *
     * @return the path
     */
    Path path();

    /**
     * Whether writes are refused.
     *
     * @return true when read-only
     */
    boolean readOnly();

    /**
     * Fills {@code dst} from {@code position}; bytes past the end read as zeros.
     *
     * @param dst      filled from its position to its limit
     * @param position the byte offset to read from
     * @throws IOException if the read fails
     */
    void read(ByteBuffer dst, long position) throws IOException;

    /**
     * Writes all of {@code src} at {@code position}, growing the storage if needed.
     *
     * @param src      written from its position to its limit
     * @param position the byte offset to write at
     * @throws IOException if the write fails or the storage is read-only
     */
    void write(ByteBuffer src, long position) throws IOException;

    /**
     * The current size.
     *
     * @return the size in bytes
     * @throws IOException if it cannot be read
     */
    long size() throws IOException;

    /**
     * Grows or shrinks to exactly {@code size} bytes (growth reads as zeros).
     *
     * @param size the new size in bytes
     * @throws IOException if the change fails or the storage is read-only
     */
    void setSize(long size) throws IOException;

    /**
     * Makes completed writes durable.
     *
     * @throws IOException if the flush fails
     */
    void force() throws IOException;

    /**
     * Releases the storage.
     *
     * @throws IOException if closing fails
     */
    @Override
    void close() throws IOException;

    /**
     * Reads {@code length} bytes into a new array.
     *
     * @param position the byte offset
     * @param length   how many bytes
     * @return the bytes (zeros past the end)
     * @throws IOException if the read fails
     */
    default byte[] readBytes(long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        read(b, position);
        return b.array();
    }

    /**
     * Writes a whole array.
     *
     * @param position the byte offset
     * @param bytes    the bytes
     * @throws IOException if the write fails
     */
    default void writeBytes(long position, byte[] bytes) throws IOException {
        write(ByteBuffer.wrap(bytes), position);
    }

    /**
     * Copies {@code count} bytes at {@code position} into {@code target} at {@code targetPosition}
     * (bytes past this storage's end copy as zeros). File storages copy in the kernel ({@link FileCopy});
     * others through a buffer.
     *
     * @param position       the byte offset to read from
     * @param count          how many bytes
     * @param target         the storage to write into
     * @param targetPosition the byte offset to write at
     * @throws IOException if a read or write fails
     */
    default void copyTo(long position, long count, Storage target, long targetPosition) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(count, 1 << 20));
        for (long done = 0; done < count; done += buf.limit()) {
            buf.clear().limit((int) Math.min(buf.capacity(), count - done));
            read(buf, position + done);
            buf.flip();
            target.write(buf, targetPosition + done);
        }
    }
}
