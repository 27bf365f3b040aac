package io.hyperv4j.vhd.io;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@link Storage} over a {@link FileChannel} with positional I/O, holding the file's OS lock
 * ({@link FileLocks}): shared when read-only, exclusive when writable. Thread-safe (the channel is).
 */
public final class FileStorage implements Storage {
    private final Path path;
    private final FileLocks.Hold hold;
    private final FileChannel channel;
    private final boolean readOnly;

    private FileStorage(Path path, FileLocks.Hold hold, boolean readOnly) {
        this.path = path;
        this.hold = hold;
        this.channel = hold.channel();
        this.readOnly = readOnly;
    }

    /**
     * Opens an existing file and takes its lock.
     *
     * @param path     the file
     * @param readOnly whether to open it for reading only (shared lock) or also writing (exclusive)
     * @return the storage
     * @throws IOException if the file cannot be opened
     * @throws io.hyperv4j.vhd.DiskInUseException if another process (or, for writing, another open
     *     in this one) holds the file
     */
    public static FileStorage open(Path path, boolean readOnly) throws IOException {
        return new FileStorage(path, FileLocks.hold(path, !readOnly), readOnly);
    }

    /**
     * Creates a new, empty file for reading and writing.
     *
     * @param path the file, which must not exist
     * @return the storage
     * @throws IOException if the file exists or cannot be created
     */
    public static FileStorage create(Path path) throws IOException {
        Files.createFile(path);
        return open(path, false);
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public void read(ByteBuffer dst, long position) throws IOException {
        long pos = position;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, pos);
            if (n < 0) {
                while (dst.hasRemaining()) {
                    dst.put((byte) 0);
                }
                return;
            }
            pos += n;
        }
    }

    @Override
    public void write(ByteBuffer src, long position) throws IOException {
        requireWritable();
        long pos = position;
        while (src.hasRemaining()) {
            pos += channel.write(src, pos);
        }
    }

    @Override
    public void copyTo(long position, long count, Storage target, long targetPosition) throws IOException {
        if (!(target instanceof FileStorage f)) {
            Storage.super.copyTo(position, count, target, targetPosition);
            return;
        }
        f.requireWritable();
        long stored = Math.max(0, Math.min(count, channel.size() - position));
        FileCopy.copy(channel, position, f.channel, targetPosition, stored);
        if (stored < count) {
            Storage.super.copyTo(position + stored, count - stored, target, targetPosition + stored); // reads zeros
        }
    }

    @Override
    public long size() throws IOException {
        return channel.size();
    }

    @Override
    public void setSize(long size) throws IOException {
        requireWritable();
        long current = channel.size();
        if (size < current) {
            channel.truncate(size);
        } else if (size > current) {
            // Writing the last byte extends the file sparsely; the gap reads as zeros.
            channel.write(ByteBuffer.allocate(1), size - 1);
        }
    }

    @Override
    public void force() throws IOException {
        // fdatasync: the data and the metadata needed to read it back (the size), not timestamps.
        channel.force(false);
    }

    private void requireWritable() throws IOException {
        if (readOnly) {
            throw new IOException(path + ": opened read-only");
        }
    }

    @Override
    public void close() {
        hold.close();
    }

    /**
     * Creates a sparse file of {@code size} bytes (used for raw images).
     *
     * @param path the file (created, or truncated or extended if it exists)
     * @param size its size in bytes
     * @throws IOException if the file cannot be written
     */
    public static void createSparse(Path path, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
            f.setLength(size);
        }
    }
}
