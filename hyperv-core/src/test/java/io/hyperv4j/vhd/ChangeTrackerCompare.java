package io.hyperv4j.vhd;

import java.nio.file.Path;
import java.util.List;

/** Forces content comparison (flattening the later state first) to cross-check the fast path. */
final class ChangeTrackerCompare {
    private ChangeTrackerCompare() {
    }

    static List<ByteRange> byContent(Path before, Path after, Path dir) {
        Path flatA = dir.resolve("flat-before.img");
        Path flatB = dir.resolve("flat-after.img");
        VirtualDisks.convert(before, flatA, VhdFormat.RAW, VhdType.FIXED);
        VirtualDisks.convert(after, flatB, VhdFormat.RAW, VhdType.FIXED);
        try {
            return VirtualDisks.changedBlocks(flatA, flatB);
        } finally {
            flatA.toFile().delete();
            flatB.toFile().delete();
        }
    }
}
