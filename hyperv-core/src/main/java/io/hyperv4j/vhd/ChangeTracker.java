package io.hyperv4j.vhd;

import io.hyperv4j.vhd.block.BlockDisk;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Changed ranges between two states of a disk, at {@link #GRANULE} granularity. When the later state
 * is a differencing chain on top of the earlier one, only the layers above it are consulted (their
 * stored sectors are exactly what changed since the checkpoint); otherwise content is compared,
 * skipping stretches neither side stores.
 */
final class ChangeTracker {
    static final int GRANULE = ChangedRanges.GRANULE;
    private static final int CHUNK = 4 * 1024 * 1024;

    private ChangeTracker() {
    }

    static List<ByteRange> changed(Path before, Path after) {
        try (VirtualDisk a = VirtualDisks.open(before, OpenMode.READ_ONLY);
                VirtualDisk b = VirtualDisks.open(after, OpenMode.READ_ONLY)) {
            ChangedRanges out = new ChangedRanges();
            List<BlockDisk> layers = layersAbove(b, a.path());
            if (layers != null && a.size() == b.size()) {
                for (BlockDisk layer : layers) {
                    for (long blk = 0; blk < layer.blockCount(); blk++) {
                        layer.forEachPresentRun(blk, (off, len) -> out.add(off, len));
                    }
                }
                return out.ranges(b.size());
            }
            compare(a, b, out);
            return out.ranges(Math.max(a.size(), b.size()));
        }
    }

    /** The differencing layers from {@code top} down to (not including) {@code base}, or null. */
    private static List<BlockDisk> layersAbove(VirtualDisk top, Path base) {
        List<BlockDisk> layers = new ArrayList<>();
        for (VirtualDisk d = top; d != null; d = d.parent().orElse(null)) {
            if (d.path().equals(base)) {
                return layers;
            }
            if (!(d instanceof BlockDisk bd) || d.type() != VhdType.DIFFERENCING) {
                return null;
            }
            layers.add(bd);
        }
        return null;
    }

    private static void compare(VirtualDisk a, VirtualDisk b, ChangedRanges out) {
        long common = Math.min(a.size(), b.size());
        ByteBuffer x = ByteBuffer.allocateDirect(CHUNK);
        ByteBuffer y = ByteBuffer.allocateDirect(CHUNK);
        for (long off = 0; off < common; off += CHUNK) {
            int n = (int) Math.min(CHUNK, common - off);
            if (Converter.unstored(a, off, n) && Converter.unstored(b, off, n)) {
                continue;
            }
            x.clear().limit(n);
            y.clear().limit(n);
            a.read(x, off);
            b.read(y, off);
            for (int at = 0; at < n; at += GRANULE) {
                int m = Math.min(GRANULE, n - at);
                if (x.duplicate().position(at).limit(at + m).mismatch(y.duplicate().position(at).limit(at + m)) != -1) {
                    out.add(off + at, m);
                }
            }
        }
        if (a.size() != b.size()) {
            out.add(common, Math.max(a.size(), b.size()) - common);
        }
    }
}
