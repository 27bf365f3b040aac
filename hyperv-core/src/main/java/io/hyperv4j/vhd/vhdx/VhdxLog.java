package io.hyperv4j.vhd.vhdx;

import static io.hyperv4j.vhd.vhdx.VhdxLayout.*;

import io.hyperv4j.vhd.VhdFormatException;
import io.hyperv4j.vhd.block.Guids;
import io.hyperv4j.vhd.io.Storage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The VHDX metadata log ([MS-VHDX] 2.3): a circular buffer of entries, each a header, descriptors and
 * 4 KiB data sectors. Writers put every metadata change in an entry, flush it, then apply it; after a
 * crash the newest complete sequence of entries is replayed, so metadata is either before or after
 * each change, never between.
 */
final class VhdxLog {
    static final int SECTOR = 4096;
    private static final int ENTRY_HEADER = 64;
    private static final int DESCRIPTOR = 32;

    private final Storage storage;
    private final long logOffset;
    private final long logLength;

    VhdxLog(Storage storage, long logOffset, long logLength) {
        this.storage = storage;
        this.logOffset = logOffset;
        this.logLength = logLength;
    }

    /** One 4 KiB metadata sector to write at {@code fileOffset} (4 KiB aligned). */
    record SectorWrite(long fileOffset, byte[] data) {
    }

    /** One replayable change: a data sector or a run of zeros. */
    record Change(long fileOffset, byte[] data, long zeroLength) {
    }

    /** Most data sectors one entry can carry in this log. */
    int maxSectorsPerEntry() {
        int n = (int) (logLength / SECTOR);
        while (n > 0 && alignUp(ENTRY_HEADER + (long) DESCRIPTOR * n, SECTOR) + (long) n * SECTOR > logLength) {
            n--;
        }
        return n;
    }

    /**
     * Writes one entry holding {@code sectors} at the start of the log (the previous entry was fully
     * applied and flushed before this one begins, so it is the only one the log needs) and flushes it.
     */
    void writeEntry(UUID logGuid, long sequence, List<SectorWrite> sectors, long fileSize) throws IOException {
        int n = sectors.size();
        int headerBytes = (int) alignUp(ENTRY_HEADER + (long) DESCRIPTOR * n, SECTOR);
        int length = headerBytes + n * SECTOR;
        if (length > logLength) {
            throw new IllegalArgumentException("log entry of " + length + " bytes exceeds the log");
        }
        byte[] e = new byte[length];
        ByteBuffer b = le(e);
        b.putInt(0, LOG_ENTRY_SIGNATURE);
        b.putInt(8, length);
        b.putInt(12, 0); // tail: this entry is the whole active sequence
        b.putLong(16, sequence);
        b.putInt(24, n);
        Guids.write(e, 32, logGuid);
        b.putLong(48, fileSize);
        b.putLong(56, fileSize);
        for (int i = 0; i < n; i++) {
            SectorWrite s = sectors.get(i);
            int d = ENTRY_HEADER + i * DESCRIPTOR;
            b.putInt(d, DATA_DESC_SIGNATURE);
            System.arraycopy(s.data(), SECTOR - 4, e, d + 4, 4);
            System.arraycopy(s.data(), 0, e, d + 8, 8);
            b.putLong(d + 16, s.fileOffset());
            b.putLong(d + 24, sequence);
            int ds = headerBytes + i * SECTOR;
            b.putInt(ds, DATA_SECTOR_SIGNATURE);
            b.putInt(ds + 4, (int) (sequence >>> 32));
            System.arraycopy(s.data(), 8, e, ds + 8, SECTOR - 12);
            b.putInt(ds + SECTOR - 4, (int) sequence);
        }
        b.putInt(4, crc(e, 0, length, 4));
        storage.write(ByteBuffer.wrap(e), logOffset);
        storage.force();
    }

    /** A parsed, checked entry. */
    private record Entry(long offset, int length, long sequence, long tail, long flushedFileOffset, long lastFileOffset,
            List<Change> changes) {
    }

    /**
     * Finds the changes the log still promises: the newest sequence of consecutive valid entries that
     * starts at its head's tail. Empty when nothing needs replaying.
     */
    Replay findReplay(UUID logGuid, long fileSize) throws IOException {
        if (logGuid.equals(Guids.ZERO)) {
            return new Replay(List.of(), 0);
        }
        Map<Long, Entry> valid = new TreeMap<>();
        for (long off = 0; off < logLength; off += SECTOR) {
            Entry e = parse(off, logGuid, fileSize);
            if (e != null) {
                valid.put(off, e);
            }
        }
        List<Entry> heads = new ArrayList<>(valid.values());
        heads.sort(Comparator.comparingLong(Entry::sequence).reversed());
        for (Entry head : heads) {
            List<Entry> chain = chainTo(head, valid);
            if (chain != null) {
                List<Change> changes = new ArrayList<>();
                long last = 0;
                for (Entry e : chain) {
                    checkFileBounds(e, fileSize);
                    changes.addAll(e.changes());
                    last = Math.max(last, e.lastFileOffset());
                }
                return new Replay(changes, last);
            }
        }
        return new Replay(List.of(), 0);
    }

    /**
     * [MS-VHDX] 2.3.1.1: FlushedFileOffset is the file size when the entry was written, so a smaller
     * file lost data the log relies on; LastFileOffset is where the file's structures end, which one
     * entry can move at most one maximal block plus its sector bitmap past the end. Either fault
     * refuses the file: replaying it would map metadata onto nothing or grow the file without bound.
     */
    private void checkFileBounds(Entry e, long fileSize) {
        long at = logOffset + e.offset();
        if (e.flushedFileOffset() > fileSize) {
            fail(storage, "FlushedFileOffset", at + 48, "log entry " + e.sequence() + " says the file held "
                    + e.flushedFileOffset() + " bytes when it was written, but it has " + fileSize
                    + " (truncated since)");
        }
        long limit = alignUp(fileSize, MIB) + MAX_BLOCK + MIB;
        if (e.lastFileOffset() > limit || e.lastFileOffset() < e.flushedFileOffset()) {
            fail(storage, "LastFileOffset", at + 56, "log entry " + e.sequence() + " puts the end of the file at "
                    + e.lastFileOffset() + ", outside " + e.flushedFileOffset() + " to " + limit);
        }
    }

    /** What to replay and the file size the log says the file must have. */
    record Replay(List<Change> changes, long lastFileOffset) {
        boolean isEmpty() {
            return changes.isEmpty() && lastFileOffset == 0;
        }
    }

    private List<Entry> chainTo(Entry head, Map<Long, Entry> valid) {
        List<Entry> chain = new ArrayList<>();
        Entry e = valid.get(head.tail());
        long steps = logLength / SECTOR;
        while (e != null && steps-- > 0) {
            if (!chain.isEmpty() && e.sequence() != chain.get(chain.size() - 1).sequence() + 1) {
                return null;
            }
            chain.add(e);
            if (e == head) {
                return chain;
            }
            e = valid.get((e.offset() + e.length()) % logLength);
        }
        return null;
    }

    private Entry parse(long off, UUID logGuid, long fileSize) throws IOException {
        byte[] first = readCircular(off, ENTRY_HEADER);
        ByteBuffer h = le(first);
        if (h.getInt(0) != LOG_ENTRY_SIGNATURE) {
            return null;
        }
        long length = h.getInt(8) & 0xFFFFFFFFL;
        long tail = h.getInt(12) & 0xFFFFFFFFL;
        long seq = h.getLong(16);
        long count = h.getInt(24) & 0xFFFFFFFFL;
        if (length == 0 || length % SECTOR != 0 || length > logLength || tail % SECTOR != 0 || tail >= logLength
                || seq == 0 || !Guids.read(first, 32).equals(logGuid)) {
            return null;
        }
        long headerBytes = alignUp(ENTRY_HEADER + DESCRIPTOR * count, SECTOR);
        if (headerBytes > length) {
            return null;
        }
        byte[] e = readCircular(off, (int) length);
        ByteBuffer b = le(e);
        if (b.getInt(4) != crc(e, 0, (int) length, 4)) {
            return null;
        }
        long flushed = b.getLong(48);
        long lastFile = b.getLong(56);
        if (lastFile % MIB != 0 || flushed % MIB != 0) {
            return null;
        }
        List<Change> changes = new ArrayList<>();
        int dataIndex = 0;
        for (int i = 0; i < count; i++) {
            int d = ENTRY_HEADER + i * DESCRIPTOR;
            int sig = b.getInt(d);
            long target = b.getLong(d + 16);
            long dseq = b.getLong(d + 24);
            if (dseq != seq || target % SECTOR != 0 || target < MIB
                    || (target < logOffset + logLength && logOffset < target + SECTOR)) {
                return null; // a change to the header area or to the log itself is never logged
            }
            if (sig == ZERO_DESC_SIGNATURE) {
                long zeroLength = b.getLong(d + 8);
                if (zeroLength % SECTOR != 0 || zeroLength > MAX_VIRTUAL_SIZE || target + zeroLength > Math.max(lastFile, fileSize)
                        || (target < logOffset + logLength && logOffset < target + zeroLength)) {
                    return null;
                }
                changes.add(new Change(target, null, zeroLength));
            } else if (sig == DATA_DESC_SIGNATURE) {
                long ds = headerBytes + (long) dataIndex * SECTOR;
                if (ds + SECTOR > length || target + SECTOR > Math.max(lastFile, fileSize)) {
                    return null;
                }
                int at = (int) ds;
                if (b.getInt(at) != DATA_SECTOR_SIGNATURE || (b.getInt(at + 4) & 0xFFFFFFFFL) != seq >>> 32
                        || b.getInt(at + SECTOR - 4) != (int) seq) {
                    return null;
                }
                byte[] sector = new byte[SECTOR];
                System.arraycopy(e, d + 8, sector, 0, 8);
                System.arraycopy(e, at + 8, sector, 8, SECTOR - 12);
                System.arraycopy(e, d + 4, sector, SECTOR - 4, 4);
                changes.add(new Change(target, sector, 0));
                dataIndex++;
            } else {
                return null;
            }
        }
        if (headerBytes + (long) dataIndex * SECTOR != length) {
            return null;
        }
        return new Entry(off, (int) length, seq, tail, flushed, lastFile, changes);
    }

    private byte[] readCircular(long off, int length) throws IOException {
        byte[] out = new byte[length];
        long firstPart = Math.min(length, logLength - off);
        storage.read(ByteBuffer.wrap(out, 0, (int) firstPart), logOffset + off);
        if (firstPart < length) {
            storage.read(ByteBuffer.wrap(out, (int) firstPart, (int) (length - firstPart)), logOffset);
        }
        return out;
    }

    /** Applies a replay to the file and flushes it. */
    static void apply(Storage storage, Replay replay) throws IOException {
        for (Change c : replay.changes()) {
            if (c.data() != null) {
                storage.write(ByteBuffer.wrap(c.data()), c.fileOffset());
            } else {
                // Only the part inside the file needs writing: growth past the end reads as zeros.
                long inside = Math.max(0, Math.min(c.zeroLength(), storage.size() - c.fileOffset()));
                byte[] zeros = new byte[(int) Math.min(Math.max(inside, 1), MIB)];
                for (long done = 0; done < inside; done += zeros.length) {
                    int n = (int) Math.min(zeros.length, inside - done);
                    storage.write(ByteBuffer.wrap(zeros, 0, n), c.fileOffset() + done);
                }
            }
        }
        if (storage.size() < replay.lastFileOffset()) {
            storage.setSize(replay.lastFileOffset());
        }
        storage.force();
    }

    static void fail(Storage storage, String field, long offset, String problem) {
        throw new VhdFormatException(storage.path().toString(), "VHDX log", field, offset, problem);
    }
}
