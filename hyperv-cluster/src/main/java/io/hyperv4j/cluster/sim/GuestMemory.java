package io.hyperv4j.cluster.sim;

import io.hyperv4j.sim.SimRandom;
import java.util.Arrays;
import java.util.BitSet;

/**
 * A running VM's memory at page-group granularity: what a live migration copies. The guest writes
 * pages (marking them dirty) at its workload's rate while it runs; a migration copies the dirty
 * pages round by round into the destination's image. A copy that missed a page shows as a
 * different {@link #digest()}.
 */
public final class GuestMemory {
    /** Page groups per VM: enough to tell a missed page, small enough for thousands of VMs. */
    public static final int PAGES = 128;

    final long[] pages;
    final BitSet dirty = new BitSet(PAGES);

    GuestMemory(long[] pages) {
        this.pages = pages;
    }

    /** Fresh memory of a VM that just booted. */
    static GuestMemory boot(SimRandom random) {
        long[] p = new long[PAGES];
        for (int i = 0; i < PAGES; i++) p[i] = random.nextLong();
        return new GuestMemory(p);
    }

    /** An empty destination image. */
    static GuestMemory empty() {
        return new GuestMemory(new long[PAGES]);
    }

    /** The guest writes {@code count} pages of its working set (the first {@code workingSet} pages). */
    void write(SimRandom random, int count, int workingSet) {
        int ws = Math.max(1, Math.min(PAGES, workingSet));
        for (int i = 0; i < count; i++) {
            int page = (int) Math.floorMod(random.nextLong(), (long) ws);
            pages[page] = random.nextLong();
            dirty.set(page);
        }
    }

    /** Copies the pages dirty now into {@code into}, and clears their dirty bits (one pre-copy pass). */
    int copyDirtyTo(GuestMemory into) {
        int n = 0;
        for (int i = dirty.nextSetBit(0); i >= 0; i = dirty.nextSetBit(i + 1)) {
            into.pages[i] = pages[i];
            n++;
        }
        dirty.clear();
        return n;
    }

    void markAllDirty() {
        dirty.set(0, PAGES);
    }

    public long digest() {
        return Arrays.hashCode(pages) * 31L + pages.length;
    }

    long[] snapshot() {
        return pages.clone();
    }
}
