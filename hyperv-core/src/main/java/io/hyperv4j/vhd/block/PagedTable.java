package io.hyperv4j.vhd.block;

import io.hyperv4j.vhd.io.Storage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * An on-disk table of fixed-size unsigned entries (a BAT), read lazily in 4 KiB pages and cached,
 * so memory stays small however large the disk. Changed pages stay in memory until the owner
 * persists them (through the VHDX log, or directly for VHD) and calls {@link #markClean(List)}.
 * Not thread-safe: its disk calls it under the disk's lock.
 */
public final class PagedTable {
    /** The page size in bytes. */
    public static final int PAGE = 4096;
    private static final int MAX_CLEAN_PAGES = 1024;

    private final Storage storage;
    private long offset;
    private final long entries;
    private final int entryBytes;
    private final ByteOrder order;
    private final TreeSet<Long> dirty = new TreeSet<>();
    private final LinkedHashMap<Long, byte[]> pages = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > MAX_CLEAN_PAGES && !dirty.contains(eldest.getKey());
        }
    };

    private final long regionBytes;

    /**
     * A table of {@code entries} entries at {@code offset}, inside a region of {@code regionBytes}
     * (at least the entries' bytes; pages span the region so VHDX log sectors are whole).
     *
     * @param storage     where the table lives
     * @param offset      the table's file offset
     * @param entries     the number of entries
     * @param entryBytes  4 (VHD) or 8 (VHDX)
     * @param order       the entries' byte order (big-endian for VHD, little-endian for VHDX)
     * @param regionBytes the region's length in bytes
     */
    public PagedTable(Storage storage, long offset, long entries, int entryBytes, ByteOrder order, long regionBytes) {
        this.storage = storage;
        this.regionBytes = Math.max(regionBytes, entries * entryBytes);
        this.offset = offset;
        this.entries = entries;
        this.entryBytes = entryBytes;
        this.order = order;
    }

    /**
     * The number of entries.
     *
     * @return the count
     */
    public long entries() {
        return entries;
    }

    /**
     * The table's file offset.
     *
     * @return the byte offset
     */
    public long offset() {
        return offset;
    }

    /**
     * The entries' length in bytes (without the region's padding).
     *
     * @return entries times entry size
     */
    public long byteLength() {
        return entries * entryBytes;
    }

    /**
     * One entry, read through the page cache.
     *
     * @param index the entry
     * @return its value, unsigned
     * @throws IOException if its page cannot be read
     * @throws IndexOutOfBoundsException if {@code index} is outside the table
     */
    public long get(long index) throws IOException {
        check(index);
        long byteAt = index * entryBytes;
        ByteBuffer p = ByteBuffer.wrap(page(byteAt / PAGE)).order(order);
        int at = (int) (byteAt % PAGE);
        return entryBytes == 8 ? p.getLong(at) : p.getInt(at) & 0xFFFFFFFFL;
    }

    /**
     * Changes one entry in memory; its page stays dirty until persisted.
     *
     * @param index the entry
     * @param value the new value (truncated to 32 bits for 4-byte entries)
     * @throws IOException if its page cannot be read first
     * @throws IndexOutOfBoundsException if {@code index} is outside the table
     */
    public void set(long index, long value) throws IOException {
        check(index);
        long byteAt = index * entryBytes;
        long pageNo = byteAt / PAGE;
        ByteBuffer p = ByteBuffer.wrap(page(pageNo)).order(order);
        int at = (int) (byteAt % PAGE);
        if (entryBytes == 8) {
            p.putLong(at, value);
        } else {
            p.putInt(at, (int) value);
        }
        dirty.add(pageNo);
    }

    private void check(long index) {
        if (index < 0 || index >= entries) {
            throw new IndexOutOfBoundsException("table entry " + index + " of " + entries);
        }
    }

    private byte[] page(long pageNo) throws IOException {
        byte[] p = pages.get(pageNo);
        if (p == null) {
            p = new byte[PAGE];
            int len = pageLength(pageNo);
            storage.read(ByteBuffer.wrap(p, 0, len), offset + pageNo * PAGE);
            pages.put(pageNo, p);
        }
        return p;
    }

    private int pageLength(long pageNo) {
        return (int) Math.min(PAGE, regionBytes - pageNo * PAGE);
    }

    /**
     * Whether any page changed since it was last persisted.
     *
     * @return true if there are dirty pages
     */
    public boolean isDirty() {
        return !dirty.isEmpty();
    }

    /**
     * How many pages changed since they were last persisted.
     *
     * @return the count
     */
    public int dirtyPageCount() {
        return dirty.size();
    }

    /**
     * A changed page: its file offset and bytes (the last page may be shorter than 4 KiB).
     *
     * @param fileOffset where the page goes in the file
     * @param bytes      a copy of its contents
     */
    public record Page(long fileOffset, byte[] bytes) {
    }

    /**
     * Changed pages in file order, at most {@code limit} of them.
     *
     * @param limit the most pages to return
     * @return copies of the pages
     */
    public List<Page> dirtyPages(int limit) {
        List<Page> out = new ArrayList<>();
        for (long pageNo : dirty) {
            if (out.size() == limit) {
                break;
            }
            byte[] p = pages.get(pageNo);
            byte[] copy = java.util.Arrays.copyOf(p, pageLength(pageNo));
            out.add(new Page(offset + pageNo * PAGE, copy));
        }
        return out;
    }

    /**
     * Marks the given pages (as returned by {@link #dirtyPages}) persisted.
     *
     * @param persisted the pages now on disk
     */
    public void markClean(List<Page> persisted) {
        for (Page p : persisted) {
            dirty.remove((p.fileOffset() - offset) / PAGE);
        }
    }

    /**
     * Writes every changed page straight to the storage (formats without a log).
     *
     * @throws IOException if a write fails; every page then stays dirty
     */
    public void writeDirectly() throws IOException {
        List<Page> all = dirtyPages(Integer.MAX_VALUE);
        for (Page p : all) {
            storage.write(ByteBuffer.wrap(p.bytes()), p.fileOffset());
        }
        markClean(all);
    }

    /** Forgets cached pages (after the table was changed on disk behind this cache). */
    public void invalidate() {
        dirty.clear();
        pages.clear();
    }
}
