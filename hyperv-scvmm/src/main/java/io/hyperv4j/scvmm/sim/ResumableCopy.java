package io.hyperv4j.scvmm.sim;

import io.hyperv4j.vhd.io.FileCopy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Copies a set of files into a folder the way BITS does: each file goes to {@code name.partial}
 * and grows from where an earlier, interrupted copy stopped; {@link #commit} renames the finished
 * partials into place atomically. What has arrived is measured on the destination, so a copy killed
 * at any point resumes correctly.
 */
final class ResumableCopy {
    static final String PARTIAL = ".partial";

    private ResumableCopy() {
    }

    static long size(Path p) {
        try {
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long total(List<Path> files) {
        long s = 0;
        for (Path f : files) s += size(f);
        return s;
    }

    /** Bytes of {@code sources} already in {@code to} (finished files or partials). */
    static long arrived(List<Path> sources, Path to) {
        long s = 0;
        for (Path src : sources) {
            Path done = to.resolve(src.getFileName().toString());
            s += Files.exists(done) ? size(done) : Math.min(size(src), size(partial(to, src)));
        }
        return s;
    }

    static Path partial(Path to, Path src) {
        return to.resolve(src.getFileName() + PARTIAL);
    }

    /** Copies, file after file, until {@code target} bytes of the set have arrived in {@code to}. */
    static void copyUpTo(List<Path> sources, Path to, long target) {
        try {
            Files.createDirectories(to);
            long before = 0;
            for (Path src : sources) {
                long len = size(src);
                long want = Math.min(len, target - before);
                before += len;
                if (want <= 0) break;
                if (Files.exists(to.resolve(src.getFileName().toString()))) continue;
                Path part = partial(to, src);
                try (FileChannel in = FileChannel.open(src, StandardOpenOption.READ);
                     FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    long have = Math.min(out.size(), len);
                    if (have < want) FileCopy.copy(in, have, out, have, want - have); // in the kernel
                    have = Math.max(have, want);
                    if (have == len) out.force(false); // durable once whole, before commit renames it; a torn partial is re-measured
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("copying into " + to + ": " + e.getMessage(), e);
        }
    }

    /** Renames every finished partial into place (each an atomic rename). */
    static void commit(List<Path> sources, Path to) {
        copyUpTo(sources, to, Long.MAX_VALUE);
        try {
            for (Path src : sources) {
                Path part = partial(to, src);
                if (Files.exists(part)) Files.move(part, to.resolve(src.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("finishing the copy into " + to + ": " + e.getMessage(), e);
        }
    }
}
