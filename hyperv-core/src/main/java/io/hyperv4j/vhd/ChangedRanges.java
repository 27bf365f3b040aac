package io.hyperv4j.vhd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of changed disk ranges kept at {@link #GRANULE} granularity, merged as they are added: the
 * engine's unit of change tracking (what {@link VirtualDisks#changedBlocks} reports, and what a
 * change journal records write by write). Adding a range costs O(log n) in the number of disjoint
 * ranges, so a journal of many writes to the same blocks stays small.
 * <p>Thread-safety: not thread-safe; guard it with the lock of whatever owns it.
 */
public final class ChangedRanges {
    /** Granularity of change tracking: 64 KiB, the smallest VHDX block. */
    public static final int GRANULE = 64 * 1024;

    /** Start of each disjoint, granule-aligned range to its end (exclusive). */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();

    /** An empty set. */
    public ChangedRanges() {
    }

    /**
     * Marks {@code length} bytes from {@code offset} changed (widened to whole granules).
     *
     * @param offset the first changed byte
     * @param length how many bytes changed; 0 adds nothing
     * @return this set
     * @throws IllegalArgumentException when offset or length is negative, or the range overflows
     */
    public ChangedRanges add(long offset, long length) {
        if (offset < 0 || length < 0 || offset + length < offset)
            throw new IllegalArgumentException("changed range " + offset + "+" + length + " is not a range of disk bytes");
        if (length == 0) return this;
        long start = offset / GRANULE * GRANULE;
        long end = ceil(offset + length);
        Map.Entry<Long, Long> before = ranges.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
        }
        for (Map.Entry<Long, Long> e = ranges.ceilingEntry(start); e != null && e.getKey() <= end; e = ranges.ceilingEntry(start)) {
            end = Math.max(end, e.getValue());
            ranges.remove(e.getKey());
        }
        ranges.put(start, end);
        return this;
    }

    /**
     * Adds every range of {@code other}.
     *
     * @param other the ranges to add
     * @return this set
     */
    public ChangedRanges addAll(ChangedRanges other) {
        other.ranges.forEach((s, e) -> add(s, e - s));
        return this;
    }

    /**
     * Whether nothing changed.
     *
     * @return true when the set is empty
     */
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /**
     * The changed ranges in offset order, clipped to a disk of {@code size} bytes.
     *
     * @param size the disk's size in bytes
     * @return the ranges, disjoint and ascending
     */
    public List<ByteRange> ranges(long size) {
        return within(0, size);
    }

    /**
     * The changed ranges that overlap {@code [offset, offset + length)}, clipped to it, in offset order.
     *
     * @param offset the first byte of the region
     * @param length the region's length
     * @return the ranges, disjoint and ascending
     */
    public List<ByteRange> within(long offset, long length) {
        long end = offset + length;
        List<ByteRange> out = new ArrayList<>();
        Map.Entry<Long, Long> first = ranges.floorEntry(offset);
        Long from = first != null && first.getValue() > offset ? first.getKey() : ranges.ceilingKey(offset);
        if (from == null) return out;
        for (Map.Entry<Long, Long> e : ranges.tailMap(from, true).entrySet()) {
            if (e.getKey() >= end) break;
            long s = Math.max(offset, e.getKey());
            long t = Math.min(end, e.getValue());
            if (t > s) out.add(new ByteRange(s, t - s));
        }
        return out;
    }

    /**
     * Total bytes in the set (whole granules).
     *
     * @return the sum of the ranges' lengths
     */
    public long bytes() {
        long n = 0;
        for (Map.Entry<Long, Long> e : ranges.entrySet()) n += e.getValue() - e.getKey();
        return n;
    }

    private static long ceil(long end) {
        long rem = end % GRANULE;
        return rem == 0 ? end : end - rem + GRANULE;
    }

    @Override
    public String toString() {
        return "ChangedRanges" + ranges;
    }
}
