package io.hyperv4j.vhd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** ChangedRanges against a plain bitmap of granules, over random writes. */
class ChangedRangesTest {
    private static final int G = ChangedRanges.GRANULE;

    @Test
    void rangesAreTheGranulesAnyWriteTouchedMergedAndClipped() {
        SplittableRandom r = new SplittableRandom(7);
        for (int round = 0; round < 50; round++) {
            long size = (1 + r.nextInt(200)) * (long) G + r.nextInt(G);
            boolean[] touched = new boolean[(int) ((size + G - 1) / G)];
            ChangedRanges c = new ChangedRanges();
            for (int i = 0; i < 1 + r.nextInt(40); i++) {
                long off = r.nextLong(size);
                long len = 1 + r.nextLong(Math.min(size - off, 5L * G));
                c.add(off, len);
                for (long g = off / G; g <= (off + len - 1) / G; g++) touched[(int) g] = true;
            }
            List<ByteRange> expected = new ArrayList<>();
            for (int g = 0; g < touched.length; g++) {
                if (!touched[g]) continue;
                int e = g;
                while (e + 1 < touched.length && touched[e + 1]) e++;
                long end = Math.min(size, (e + 1L) * G);
                expected.add(new ByteRange((long) g * G, end - (long) g * G));
                g = e;
            }
            assertEquals(expected, c.ranges(size), "round " + round);
        }
    }

    @Test
    void withinClipsToTheRegionAndAddAllUnites() {
        ChangedRanges a = new ChangedRanges().add(0, 1).add(3L * G, 2L * G);
        ChangedRanges b = new ChangedRanges().add(G, 1);
        assertEquals(List.of(new ByteRange(0, 2L * G), new ByteRange(3L * G, 2L * G)), a.addAll(b).ranges(10L * G));
        assertEquals(List.of(new ByteRange(G + 5, G - 5), new ByteRange(3L * G, 100)), a.within(G + 5, 2L * G + 95));
        assertEquals(4L * G, a.bytes());
        assertTrue(new ChangedRanges().add(5, 0).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> a.add(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> a.add(Long.MAX_VALUE, 2));
    }
}
