package io.hyperv4j.vhd.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Positional byte storage under a disk format: a file, or in tests a wrapper that injects faults.
 * Reads past the end return zeros.
 */
public interface Storage extends Closeable {
    Path path();

    boolean readOnly();

    /** Fills {@code dst} from {@code position}; bytes past the end read as zeros. */
    void read(ByteBuffer dst, long position) throws IOException;

    void write(ByteBuffer src, long position) throws IOException;

    long size() throws IOException;

    /** Grows or shrinks to exactly {@code size} bytes (growth reads as zeros). */
    void setSize(long size) throws IOException;

    /** Makes completed writes durable. */
    void force() throws IOException;

    @Override
    void close() throws IOException;

    default byte[] readBytes(long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        read(b, position);
        return b.array();
    }

    default void writeBytes(long position, byte[] bytes) throws IOException {
        write(ByteBuffer.wrap(bytes), position);
    }
}
