package io.hyperv4j.vhd.io;

import io.hyperv4j.vhd.DiskInUseException;
import io.hyperv4j.vhd.VhdException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OS file locks on disk files, as Hyper-V takes them: exclusive while a file is open for writing,
 * shared while it is only read; a file locked by another process is refused at once with a
 * {@link DiskInUseException}. Within this JVM every holder of a file shares one channel and one lock,
 * because POSIX drops all of a process's locks on a file when any descriptor for it closes; a second
 * writer in this JVM is refused too (two writers would each cache their own allocation state), while
 * readers coexist with the writer (a merge reads the child's chain while it writes the parent).
 */
public final class FileLocks {
    private static final Logger LOG = LoggerFactory.getLogger(FileLocks.class);
    private static final Map<Path, Entry> OPEN = new HashMap<>();

    private FileLocks() {
    }

    /** One file held by this JVM: its channel, its lock, and how many readers and writers use it. */
    static final class Entry {
        final Path path;
        final FileChannel channel;
        final boolean channelWritable;
        FileLock lock;
        int readers;
        int writers;

        Entry(Path path, FileChannel channel, boolean channelWritable) {
            this.path = path;
            this.channel = channel;
            this.channelWritable = channelWritable;
        }
    }

    /** A hold on a file; {@link #close()} releases it and throws nothing. */
    public static final class Hold implements AutoCloseable {
        private final Entry entry;
        private final boolean write;
        private boolean closed;

        private Hold(Entry entry, boolean write) {
            this.entry = entry;
            this.write = write;
        }

        FileChannel channel() {
            return entry.channel;
        }

        /**
         * @return the file held (its real path)
         */
        public Path path() {
            return entry.path;
        }

        @Override
        public void close() {
            synchronized (FileLocks.class) {
                if (closed) {
                    return;
                }
                closed = true;
                release(entry, write);
            }
        }
    }

    /**
     * Holds {@code file} (a regular file that exists) for reading or writing. Refuses directories,
     * devices and FIFOs before opening them (opening a FIFO would block until a writer came).
     *
     * @param file  the file
     * @param write whether to hold it for writing (exclusive lock) or reading (shared)
     * @return the hold; close it to release
     * @throws IOException if the file cannot be opened
     * @throws DiskInUseException if another process holds it, or this one holds it for writing
     */
    public static synchronized Hold hold(Path file, boolean write) throws IOException {
        Path real = file.toRealPath();
        Entry e = OPEN.get(real);
        if (e == null) {
            e = open(real, write);
            OPEN.put(real, e);
        } else if (write) {
            if (e.writers > 0) {
                throw new DiskInUseException(real + ": in use: already open for writing in this process");
            }
            upgrade(e);
        }
        if (write) {
            e.writers++;
        } else {
            e.readers++;
        }
        return new Hold(e, write);
    }

    /**
     * Holds {@code file} for writing if nobody else uses it, else returns null (for removing stale
     * temporary files: one that a live run holds is not stale).
     *
     * @param file the file
     * @return the hold, or null when someone uses the file or it cannot be opened
     */
    public static synchronized Hold tryHoldIdle(Path file) {
        try {
            return hold(file, true);
        } catch (DiskInUseException | IOException e) {
            return null;
        }
    }

    private static Entry open(Path real, boolean write) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Object key = regularFileKey(real);
            boolean writable = write || Files.isWritable(real);
            FileChannel ch = writable
                    ? FileChannel.open(real, StandardOpenOption.READ, StandardOpenOption.WRITE)
                    : FileChannel.open(real, StandardOpenOption.READ);
            FileLock lock;
            try {
                lock = ch.tryLock(0, Long.MAX_VALUE, !write);
            } catch (IOException | RuntimeException ex) {
                ch.close();
                throw ex;
            }
            if (lock == null) {
                ch.close();
                throw inUse(real, write);
            }
            // A file replaced (renamed over) while we locked it: lock the file now at the path instead.
            if (Objects.equals(key, regularFileKey(real)) || attempt == 3) {
                Entry e = new Entry(real, ch, writable);
                e.lock = lock;
                return e;
            }
            ch.close();
        }
    }

    private static Object regularFileKey(Path real) throws IOException {
        BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isRegularFile()) {
            throw new VhdException(real + ": not a regular file (a directory, device or FIFO cannot be a disk)");
        }
        return a.fileKey();
    }

    private static void upgrade(Entry e) throws IOException {
        if (!e.lock.isShared()) {
            return;
        }
        if (!e.channelWritable) {
            throw new VhdException(e.path + ": cannot open for writing: the file is read-only");
        }
        e.lock.release();
        FileLock exclusive = e.channel.tryLock(0, Long.MAX_VALUE, false);
        if (exclusive == null) {
            e.lock = e.channel.tryLock(0, Long.MAX_VALUE, true);
            throw inUse(e.path, true);
        }
        e.lock = exclusive;
    }

    private static void release(Entry e, boolean write) {
        if (write) {
            e.writers--;
        } else {
            e.readers--;
        }
        try {
            if (e.readers == 0 && e.writers == 0) {
                OPEN.remove(e.path);
                e.channel.close(); // releases the lock
            } else if (e.writers == 0 && e.lock != null && !e.lock.isShared()) {
                e.lock.release();
                e.lock = e.channel.tryLock(0, Long.MAX_VALUE, true);
            }
        } catch (IOException ex) {
            LOG.warn("{}: releasing the file lock failed: {}", e.path, ex.getMessage());
        }
    }

    private static DiskInUseException inUse(Path real, boolean write) {
        return new DiskInUseException(real + ": in use by another process (it holds a lock that "
                + (write ? "prevents opening it for writing" : "prevents reading it") + "); nothing was changed");
    }
}
