package io.hyperv4j.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * An exclusive lock on a lab file ({@code FILE.lock} beside it) held from load to save, so two
 * commands on one lab run one after the other instead of the later save undoing the earlier one.
 */
final class LabLock implements AutoCloseable {
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 50;

    private final FileChannel channel;
    private final FileLock lock;

    private LabLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static LabLock acquire(Path labFile, Duration wait) {
        Path lockFile = labFile.resolveSibling(labFile.getFileName() + ".lock");
        long deadline = System.nanoTime() + wait.toNanos();
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new CommandFailedException("cannot lock lab " + labFile + ": " + e.getMessage(), e);
        }
        try {
            while (true) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;  // held by this process (another command in the same JVM)
                }
                if (lock != null) return new LabLock(channel, lock);
                if (System.nanoTime() > deadline)
                    throw new CommandFailedException("lab " + labFile + " is in use by another command (waited " + wait.toSeconds() + " s)");
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException e) {
            closeQuietly(channel);
            throw new CommandFailedException("cannot lock lab " + labFile + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            closeQuietly(channel);
            Thread.currentThread().interrupt();
            throw new CommandFailedException("interrupted while waiting for lab " + labFile, e);
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
