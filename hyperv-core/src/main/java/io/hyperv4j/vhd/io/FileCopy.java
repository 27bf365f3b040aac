package io.hyperv4j.vhd.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Copies bytes from one file to another inside the kernel ({@link FileChannel#transferTo}: sendfile on
 * Linux with JDK 17, copy_file_range with later JDKs), so they pass through neither the Java heap nor a
 * user-space buffer: one copy between page caches instead of a read and a write.
 */
public final class FileCopy {
    private FileCopy() {
    }

    /**
     * Copies {@code count} bytes at {@code position} of {@code from} to {@code toPosition} of {@code to}.
     * {@code transferTo} writes at the target's file position, so copies into one channel take turns on
     * it (positional reads and writes by other threads are unaffected; nothing else may use the
     * target's position meanwhile).
     *
     * @param from       the source file
     * @param position   where to read in it
     * @param to         the target file, open for writing
     * @param toPosition where to write in it
     * @param count      how many bytes
     * @throws EOFException if {@code from} ends before {@code position + count}
     * @throws IOException  if the copy fails
     */
    public static void copy(FileChannel from, long position, FileChannel to, long toPosition, long count)
            throws IOException {
        synchronized (to) {
            long done = 0;
            while (done < count) {
                to.position(toPosition + done);
                long n = from.transferTo(position + done, count - done, to);
                if (n <= 0 && position + done >= from.size()) {
                    throw new EOFException("the file ends at " + from.size() + ", before byte " + (position + count)
                            + " of the copy");
                }
                done += n;
            }
        }
    }
}
