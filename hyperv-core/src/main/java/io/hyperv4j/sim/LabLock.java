package io.hyperv4j.sim;

import io.hyperv4j.HyperVException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The OS-level lock of a lab file: an exclusive lock on {@code FILE.lock} beside it, held by
 * whoever changes the lab from load to save, so two writers (CLI commands, {@code sim:file:}
 * sessions in other JVMs, or both) run one after the other instead of the later save undoing the
 * earlier one. A writer that cannot get it within its wait is refused with "in use".
 */
public final class LabLock implements AutoCloseable {
    /** How long a CLI command waits for the lab by default. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 50;

    private final FileChannel channel;
    private final FileLock lock;

    private LabLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of {@code labFile}. */
    public static Path lockFile(Path labFile) {
        return labFile.resolveSibling(labFile.getFileName() + ".lock");
    }

    /**
     * Takes the lock of {@code labFile}, waiting up to {@code wait} for its holder (another process,
     * or another holder in this JVM) to let go.
     *
     * @throws HyperVException saying the lab is in use (and how long this waited), or why the lock
     *         file cannot be opened
     */
    public static LabLock acquire(Path labFile, Duration wait) {
        Path lockFile = lockFile(labFile);
        long deadline = System.nanoTime() + wait.toNanos();
        FileChannel channel;
        try {
            Path dir = lockFile.toAbsolutePath().getParent();
            if (dir != null) Files.createDirectories(dir);
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new HyperVException("cannot lock lab " + labFile + ": " + e.getMessage(), e);
        }
        try {
            while (true) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;  // held elsewhere in this JVM
                }
                if (lock != null) return new LabLock(channel, lock);
                if (System.nanoTime() - deadline > 0)
                    throw new HyperVException("lab " + labFile + " is in use by another command or session (waited "
                            + wait.toSeconds() + " s)");
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException e) {
            closeQuietly(channel);
            throw new HyperVException("cannot lock lab " + labFile + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            closeQuietly(channel);
            Thread.currentThread().interrupt();
            throw new HyperVException("interrupted while waiting for lab " + labFile, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it anyway
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
