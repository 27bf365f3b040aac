package io.hyperv4j.backup.sim;

import io.hyperv4j.vhd.ByteRange;
import io.hyperv4j.vhd.VirtualDisks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resilient change tracking for the simulated guest: the ranges each disk's guest wrote since the
 * last recovery point, kept with the file's identity (path, size, modification time) after the last
 * tracked write. When the file changed behind the log's back (written another way, a checkpoint
 * applied), tracking is invalid and the changes are found by comparing content with the last point.
 */
final class ChangeLog {
    private record Stamp(Path file, long size, long modified) {
        static Stamp of(Path file) {
            try {
                return new Stamp(file, Files.size(file), Files.getLastModifiedTime(file).toMillis());
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + file, e);
            }
        }
    }

    private static final class Disk {
        final TreeMap<Long, Long> ranges = new TreeMap<>();
        Stamp stamp;
        /** No point started this log (the lab was loaded, or a job that restarted it failed): its ranges are not all the changes. */
        boolean partial = true;
    }

    private final Map<String, Disk> disks = new HashMap<>();

    private static String key(String vmId, int drive) {
        return vmId.toUpperCase(java.util.Locale.ROOT) + "#" + drive;
    }

    /** The guest wrote {@code length} bytes at {@code offset} of the disk now at {@code file}. */
    synchronized void wrote(String vmId, int drive, Path file, long offset, long length) {
        Disk d = disks.computeIfAbsent(key(vmId, drive), k -> new Disk());
        d.ranges.merge(offset, offset + length, Math::max);
        d.stamp = Stamp.of(file);
    }

    /** A recovery point was taken of the disk at {@code file}: tracking starts afresh from it. */
    synchronized void reset(String vmId, int drive, Path file) {
        Disk d = disks.computeIfAbsent(key(vmId, drive), k -> new Disk());
        d.ranges.clear();
        d.stamp = Stamp.of(file);
        d.partial = false;
    }

    /**
     * What changed on the disk at {@code file} since {@code lastPoint} (the point's file in the store):
     * the tracked ranges when tracking is valid, otherwise a comparison of content.
     */
    synchronized List<ByteRange> changedSince(String vmId, int drive, Path file, Path lastPoint) {
        Disk d = disks.get(key(vmId, drive));
        if (d == null || d.partial || d.stamp == null || !d.stamp.equals(Stamp.of(file))) return VirtualDisks.changedBlocks(lastPoint, file);
        List<ByteRange> out = new ArrayList<>();
        long start = -1, end = -1;
        for (Map.Entry<Long, Long> e : d.ranges.entrySet()) {
            if (start >= 0 && e.getKey() <= end) {
                end = Math.max(end, e.getValue());
                continue;
            }
            if (start >= 0) out.add(new ByteRange(start, end - start));
            start = e.getKey();
            end = e.getValue();
        }
        if (start >= 0) out.add(new ByteRange(start, end - start));
        return out;
    }

    /**
     * A job that had started afresh from its snapshot failed: what it consumed is not in any point, so
     * the next express full compares content with the last point instead of trusting the log.
     */
    synchronized void invalidate(String vmId) {
        String prefix = vmId.toUpperCase(java.util.Locale.ROOT) + "#";
        disks.forEach((k, d) -> {
            if (k.startsWith(prefix)) d.partial = true;
        });
    }

    /** Whether tracking of the disk is valid (its file is as the last tracked write or point left it). */
    synchronized boolean valid(String vmId, int drive, Path file) {
        Disk d = disks.get(key(vmId, drive));
        return d != null && !d.partial && d.stamp != null && d.stamp.equals(Stamp.of(file));
    }
}
