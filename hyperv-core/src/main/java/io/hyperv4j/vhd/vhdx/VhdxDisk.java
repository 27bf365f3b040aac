package io.hyperv4j.vhd.vhdx;

import static io.hyperv4j.vhd.vhdx.VhdxLayout.*;

import io.hyperv4j.vhd.DiskInfo;
import io.hyperv4j.vhd.VhdException;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vhd.VhdFormatException;
import io.hyperv4j.vhd.VhdType;
import io.hyperv4j.vhd.VirtualDisk;
import io.hyperv4j.vhd.block.BlockDisk;
import io.hyperv4j.vhd.block.Guids;
import io.hyperv4j.vhd.block.PagedTable;
import io.hyperv4j.vhd.block.ParentOpener;
import io.hyperv4j.vhd.io.OverlayStorage;
import io.hyperv4j.vhd.io.Storage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A VHDX file ([MS-VHDX]): fixed, dynamic or differencing. Metadata changes (BAT, metadata items) go
 * through the log; a log left by a crash is replayed on open (in memory when opened read-only).
 * Thread-safe, as every {@link VirtualDisk}: block-table lookups, allocation and metadata changes take
 * the disk's lock, data moves outside it.
 */
public final class VhdxDisk extends BlockDisk {
    private static final Logger LOG = LoggerFactory.getLogger(VhdxDisk.class);

    private final String name;
    private Header header;
    private long batOffset;
    private long batLength;
    private final long metadataOffset;
    private final long metadataLength;
    private final VhdxMetadata metadata;
    private PagedTable bat;
    private final long chunkRatio;
    private long fileEnd;
    private final VhdxLog log;
    private boolean sessionStarted;
    private long logSequence;
    private final TreeMap<Long, byte[]> pendingSectors = new TreeMap<>();
    private final Path parentPath;

    /** The current header's fields ([MS-VHDX] 2.2.2). */
    record Header(int slot, long sequence, UUID fileWriteGuid, UUID dataWriteGuid, UUID logGuid, long logLength,
            long logOffset) {
    }

    private VhdxDisk(Storage storage, boolean writable, Header header, long batOffset, long batLength,
            long metadataOffset, long metadataLength, VhdxMetadata metadata, VirtualDisk parent, Path parentPath)
            throws IOException {
        super(storage, writable, metadata.virtualSize(), metadata.blockSize(), metadata.logicalSectorSize(), parent);
        this.name = storage.path().toString();
        this.header = header;
        this.batOffset = batOffset;
        this.batLength = batLength;
        this.metadataOffset = metadataOffset;
        this.metadataLength = metadataLength;
        this.metadata = metadata;
        this.chunkRatio = chunkRatio(metadata.blockSize(), metadata.logicalSectorSize());
        long entries = totalBatEntries(metadata.virtualSize(), metadata.blockSize(), metadata.logicalSectorSize(),
                metadata.hasParent());
        this.bat = new PagedTable(storage, batOffset, entries, 8, ByteOrder.LITTLE_ENDIAN, batLength);
        this.fileEnd = alignUp(storage.size(), MIB);
        this.log = new VhdxLog(storage, header.logOffset(), header.logLength());
        this.parentPath = parentPath;
    }

    // ---------------------------------------------------------------- open

    /**
     * Opens a VHDX. {@code parents} opens the parent of a differencing disk (the caller enforces where
     * parents may live). The storage is closed on failure.
     *
     * @param storage  the file's bytes; the disk closes it
     * @param writable whether writes are allowed
     * @param parents  opens a differencing disk's parent from its locator candidates
     * @return the open disk
     * @throws io.hyperv4j.vhd.VhdFormatException naming the structure and field when the file is not a valid VHDX
     * @throws VhdException on an I/O error
     */
    public static VhdxDisk open(Storage storage, boolean writable, ParentOpener parents) {
        return open(storage, writable, parents, true);
    }

    /**
     * As {@link #open(Storage, boolean, ParentOpener)}; without the linkage check when re-pointing.
     *
     * @param storage      the file's bytes; the disk closes it
     * @param writable     whether writes are allowed
     * @param parents      opens a differencing disk's parent from its locator candidates
     * @param checkLinkage whether the parent's DataWriteGuid must match the child's parent_linkage (or parent_linkage2)
     * @return the open disk
     */
    public static VhdxDisk open(Storage storage, boolean writable, ParentOpener parents, boolean checkLinkage) {
        VirtualDisk parent = null;
        try {
            String name = storage.path().toString();
            long fileSize = storage.size();
            if (fileSize < 4 * MIB) {
                throw new VhdFormatException(name, "VHDX file", "", fileSize, "file is truncated: " + fileSize
                        + " bytes is smaller than the smallest VHDX (headers, log, metadata and BAT)");
            }
            if (le(storage.readBytes(0, 8)).getLong(0) != FILE_SIGNATURE) {
                throw new VhdFormatException(name, "VHDX file identifier", "Signature", 0, "not \"vhdxfile\"");
            }
            Header h = readCurrentHeader(storage, name, fileSize);
            // Checked whatever the log GUID: the first metadata change writes a log entry there.
            checkLogLocation(name, h, fileSize);
            Storage effective = storage;
            if (!h.logGuid().equals(Guids.ZERO)) {
                VhdxLog log = new VhdxLog(storage, h.logOffset(), h.logLength());
                VhdxLog.Replay replay = log.findReplay(h.logGuid(), fileSize);
                if (!replay.isEmpty()) {
                    if (writable) {
                        LOG.info("{}: replaying {} logged metadata changes", name, replay.changes().size());
                        VhdxLog.apply(storage, replay);
                    } else {
                        OverlayStorage overlay = new OverlayStorage(storage);
                        for (VhdxLog.Change c : replay.changes()) {
                            if (c.data() != null) {
                                overlay.patch(c.fileOffset(), c.data());
                            } else {
                                overlay.zero(c.fileOffset(), c.zeroLength());
                            }
                        }
                        overlay.extendTo(replay.lastFileOffset());
                        effective = overlay;
                    }
                }
                if (writable) {
                    h = writeHeaderPair(storage, h, h.fileWriteGuid(), h.dataWriteGuid(), Guids.ZERO);
                }
            }
            long size = effective.size();
            RegionTable regions = readRegionTable(effective, name, size);
            checkRegions(name, h, regions, size);
            VhdxMetadata md = VhdxMetadata.read(effective, name, regions.metadataOffset(), regions.metadataLength());
            long entries = totalBatEntries(md.virtualSize(), md.blockSize(), md.logicalSectorSize(), md.hasParent());
            if (entries * 8 > regions.batLength()) {
                throw new VhdFormatException(name, "region table", "BAT length", REGION1_OFFSET, "BAT region of "
                        + regions.batLength() + " bytes cannot hold the " + entries + " entries the disk size needs");
            }
            Path parentPath = null;
            if (md.hasParent()) {
                Map<String, String> loc = md.parentLocator();
                List<String> candidates = new ArrayList<>();
                for (String key : List.of("relative_path", "absolute_win32_path", "volume_path")) {
                    if (loc.containsKey(key)) {
                        candidates.add(loc.get(key));
                    }
                }
                parent = parents.open(candidates);
                parentPath = parent.path();
                checkLinkage(name, md, parent, checkLinkage);
            }
            return new VhdxDisk(effective, writable, h, regions.batOffset(), regions.batLength(),
                    regions.metadataOffset(), regions.metadataLength(), md, parent, parentPath);
        } catch (IOException e) {
            closeQuietly(storage, parent);
            throw new VhdException(storage.path() + ": I/O error opening VHDX: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(storage, parent);
            throw e;
        }
    }

    private static void checkLinkage(String name, VhdxMetadata md, VirtualDisk parent, boolean checkGuid) {
        String linkage = md.parentLocator().get("parent_linkage");
        if (!(parent instanceof VhdxDisk p)) {
            throw new VhdFormatException(name, "parent locator", "", -1, "parent " + parent.path()
                    + " is not a VHDX file");
        }
        if (parent.size() != md.virtualSize()) {
            throw new VhdFormatException(name, "parent locator", "", -1, "parent " + parent.path() + " has size "
                    + parent.size() + " but this disk has " + md.virtualSize());
        }
        if (!checkGuid) {
            return;
        }
        UUID want = parseGuid(linkage);
        UUID have = p.header.dataWriteGuid();
        String linkage2 = md.parentLocator().get("parent_linkage2");
        boolean ok = have.equals(want) || (linkage2 != null && have.equals(parseGuid(linkage2)));
        if (!ok) {
            throw new VhdFormatException(name, "parent locator", "parent_linkage", -1, "parent " + parent.path()
                    + " has DataWriteGuid " + Guids.braced(have) + " but the child expects " + linkage
                    + " (the parent was modified or is the wrong file)");
        }
    }

    private static UUID parseGuid(String s) {
        if (s == null) {
            return Guids.ZERO;
        }
        try {
            return UUID.fromString(s.replace("{", "").replace("}", "").trim());
        } catch (IllegalArgumentException e) {
            return Guids.ZERO;
        }
    }

    private static void closeQuietly(Storage storage, VirtualDisk parent) {
        try {
            storage.close();
        } catch (IOException ignored) {
            // reporting the original failure
        }
        if (parent != null) {
            parent.close();
        }
    }

    static Header readCurrentHeader(Storage storage, String name, long fileSize) throws IOException {
        Header h1 = readHeader(storage, 0);
        Header h2 = readHeader(storage, 1);
        if (h1 == null && h2 == null) {
            throw new VhdFormatException(name, "VHDX header", "Checksum", HEADER1_OFFSET,
                    "neither header copy (at 0x10000 and 0x20000) has a valid signature, checksum and version");
        }
        if (h1 == null) {
            return h2;
        }
        if (h2 == null) {
            return h1;
        }
        return h2.sequence() > h1.sequence() ? h2 : h1;
    }

    private static Header readHeader(Storage storage, int slot) throws IOException {
        long at = slot == 0 ? HEADER1_OFFSET : HEADER2_OFFSET;
        byte[] b = storage.readBytes(at, HEADER_SIZE);
        ByteBuffer bb = le(b);
        if (bb.getInt(0) != HEADER_SIGNATURE || bb.getInt(4) != crc(b, 0, HEADER_SIZE, 4)) {
            return null;
        }
        int logVersion = bb.getShort(64) & 0xFFFF;
        int version = bb.getShort(66) & 0xFFFF;
        if (version != 1 || logVersion != 0) {
            return null;
        }
        return new Header(slot, bb.getLong(8), Guids.read(b, 16), Guids.read(b, 32), Guids.read(b, 48),
                bb.getInt(68) & 0xFFFFFFFFL, bb.getLong(72));
    }

    static byte[] headerBytes(long sequence, UUID fileWrite, UUID dataWrite, UUID logGuid, long logLength,
            long logOffset) {
        byte[] b = new byte[HEADER_SIZE];
        ByteBuffer bb = le(b);
        bb.putInt(0, HEADER_SIGNATURE);
        bb.putLong(8, sequence);
        Guids.write(b, 16, fileWrite);
        Guids.write(b, 32, dataWrite);
        Guids.write(b, 48, logGuid);
        bb.putShort(64, (short) 0);
        bb.putShort(66, (short) 1);
        bb.putInt(68, (int) logLength);
        bb.putLong(72, logOffset);
        bb.putInt(4, crc(b, 0, HEADER_SIZE, 4));
        return b;
    }

    /**
     * Updates the headers the [MS-VHDX] way: the stale copy gets the new values and the next sequence
     * number and is flushed, then the same for the other copy, so one valid current header survives a
     * crash at any point.
     */
    private static Header writeHeaderPair(Storage storage, Header from, UUID fileWrite, UUID dataWrite, UUID logGuid)
            throws IOException {
        Header h = from;
        for (int i = 0; i < 2; i++) {
            int slot = 1 - h.slot();
            long seq = h.sequence() + 1;
            byte[] b = headerBytes(seq, fileWrite, dataWrite, logGuid, h.logLength(), h.logOffset());
            storage.write(ByteBuffer.wrap(b), slot == 0 ? HEADER1_OFFSET : HEADER2_OFFSET);
            if (i == 0) {
                // The second copy needs no flush of its own: until the next flush a torn second copy
                // loses to the first, which is already durable with a higher sequence number.
                storage.force();
            }
            h = new Header(slot, seq, fileWrite, dataWrite, logGuid, h.logLength(), h.logOffset());
        }
        return h;
    }

    /** [MS-VHDX] 2.2.2: LogOffset and LogLength are multiples of 1 MiB, the log lies past the header area and inside the file. */
    private static void checkLogLocation(String name, Header h, long fileSize) {
        long at = h.slot() == 0 ? HEADER1_OFFSET : HEADER2_OFFSET;
        if (h.logLength() == 0 || h.logLength() % MIB != 0) {
            throw new VhdFormatException(name, "VHDX header", "LogLength", at + 68, "log length " + h.logLength()
                    + " is not a positive multiple of 1 MiB");
        }
        if (h.logOffset() < MIB || h.logOffset() % MIB != 0) {
            throw new VhdFormatException(name, "VHDX header", "LogOffset", at + 72, "log at 0x"
                    + Long.toHexString(h.logOffset()) + " is not a multiple of 1 MiB past the header area");
        }
        if (h.logOffset() > fileSize || h.logLength() > fileSize - h.logOffset()) {
            throw new VhdFormatException(name, "VHDX header", "LogOffset", at + 72, "log at 0x"
                    + Long.toHexString(h.logOffset()) + " of " + h.logLength() + " bytes lies beyond the end of the file"
                    + " (size " + fileSize + ")");
        }
    }

    record RegionTable(long batOffset, long batLength, long metadataOffset, long metadataLength) {
    }

    static RegionTable readRegionTable(Storage storage, String name, long fileSize) throws IOException {
        VhdFormatException first = null;
        for (long at : new long[] {REGION1_OFFSET, REGION2_OFFSET}) {
            try {
                return parseRegionTable(storage.readBytes(at, REGION_TABLE_SIZE), name, at, fileSize);
            } catch (VhdFormatException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        throw first;
    }

    private static RegionTable parseRegionTable(byte[] b, String name, long at, long fileSize) {
        ByteBuffer bb = le(b);
        if (bb.getInt(0) != REGION_SIGNATURE) {
            throw new VhdFormatException(name, "region table", "Signature", at, "not \"regi\"");
        }
        if (bb.getInt(4) != crc(b, 0, REGION_TABLE_SIZE, 4)) {
            throw new VhdFormatException(name, "region table", "Checksum", at + 4, "CRC-32C mismatch");
        }
        long count = bb.getInt(8) & 0xFFFFFFFFL;
        if (count > 2047) {
            throw new VhdFormatException(name, "region table", "EntryCount", at + 8, count + " entries (at most 2047)");
        }
        long[] batR = null;
        long[] mdR = null;
        List<long[]> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int e = 16 + i * 32;
            UUID id = Guids.read(b, e);
            long off = bb.getLong(e + 16);
            long len = bb.getInt(e + 24) & 0xFFFFFFFFL;
            boolean required = (bb.getInt(e + 28) & 1) != 0;
            long entryAt = at + e;
            if (off < MIB || off % MIB != 0 || len % MIB != 0 || len == 0 || off > fileSize || len > fileSize - off) {
                throw new VhdFormatException(name, "region table", "entry " + i, entryAt, "region " + id + " at 0x"
                        + Long.toHexString(off) + " of " + len + " bytes is misaligned or beyond the end of the file (size "
                        + fileSize + ")");
            }
            for (long[] other : all) {
                if (off < other[1] && other[0] < off + len) {
                    throw new VhdFormatException(name, "region table", "entry " + i, entryAt, "region " + id
                            + " overlaps another region at 0x" + Long.toHexString(other[0]));
                }
            }
            all.add(new long[] {off, off + len});
            if (id.equals(BAT_REGION)) {
                batR = new long[] {off, len};
            } else if (id.equals(METADATA_REGION)) {
                mdR = new long[] {off, len};
            } else if (required) {
                throw new VhdFormatException(name, "region table", "entry " + i, entryAt, "unknown required region " + id);
            }
        }
        if (batR == null || mdR == null) {
            throw new VhdFormatException(name, "region table", "", at, "the BAT or metadata region is missing");
        }
        return new RegionTable(batR[0], batR[1], mdR[0], mdR[1]);
    }

    private static void checkRegions(String name, Header h, RegionTable r, long fileSize) {
        long logEnd = h.logOffset() + h.logLength();
        for (long[] region : new long[][] {{r.batOffset(), r.batLength()}, {r.metadataOffset(), r.metadataLength()}}) {
            if (region[0] < logEnd && h.logOffset() < region[0] + region[1]) {
                throw new VhdFormatException(name, "region table", "", REGION1_OFFSET, "region at 0x"
                        + Long.toHexString(region[0]) + " overlaps the log at 0x" + Long.toHexString(h.logOffset()));
            }
        }
    }

    static byte[] regionTableBytes(long batOffset, long batLength, long metadataOffset, long metadataLength) {
        byte[] b = new byte[REGION_TABLE_SIZE];
        ByteBuffer bb = le(b);
        bb.putInt(0, REGION_SIGNATURE);
        bb.putInt(8, 2);
        Guids.write(b, 16, BAT_REGION);
        bb.putLong(32, batOffset);
        bb.putInt(40, (int) batLength);
        bb.putInt(44, 1);
        Guids.write(b, 48, METADATA_REGION);
        bb.putLong(64, metadataOffset);
        bb.putInt(72, (int) metadataLength);
        bb.putInt(76, 1);
        bb.putInt(4, crc(b, 0, REGION_TABLE_SIZE, 4));
        return b;
    }

    // ---------------------------------------------------------------- block engine

    private long payloadIndex(long block) {
        return block + block / chunkRatio;
    }

    private long bitmapIndex(long chunk) {
        return chunk * (chunkRatio + 1) + chunkRatio;
    }

    @Override
    protected long lookup(long block) throws IOException {
        long index = payloadIndex(block);
        long e = bat.get(index);
        int state = (int) (e & 7);
        switch (state) {
            case PAYLOAD_NOT_PRESENT, PAYLOAD_UNDEFINED:
                return NOT_PRESENT;
            case PAYLOAD_ZERO:
                return ZERO;
            case PAYLOAD_UNMAPPED:
                return parent != null ? NOT_PRESENT : ZERO;
            case PAYLOAD_FULLY_PRESENT, PAYLOAD_PARTIALLY_PRESENT:
                if (state == PAYLOAD_PARTIALLY_PRESENT && parent == null) {
                    throw batFault(index, "PARTIALLY_PRESENT block in a disk without a parent");
                }
                long at = (e >>> 20) << 20;
                checkBlockPlacement(index, at, blockSize);
                return at;
            default:
                throw batFault(index, "invalid payload block state " + state);
        }
    }

    private void checkBlockPlacement(long index, long at, long length) {
        // at + length could overflow for a hostile entry (bit 63 set, e.g. Long.MAX_VALUE): compare without adding.
        if (at < MIB || at > fileEnd - length) {
            throw batFault(index, "block at 0x" + Long.toHexString(at) + " lies beyond the end of the file (size "
                    + fileEnd + ")");
        }
        if (overlaps(at, length, 0, MIB) || overlaps(at, length, header.logOffset(), header.logLength())
                || overlaps(at, length, metadataOffset, metadataLength) || overlaps(at, length, batOffset, batLength)) {
            throw batFault(index, "block at 0x" + Long.toHexString(at) + " overlaps the file's structures"
                    + " (headers, log, metadata or BAT)");
        }
    }

    private static boolean overlaps(long at, long length, long start, long regionLength) {
        return at < start + regionLength && start < at + length;
    }

    private VhdFormatException batFault(long index, String problem) {
        return new VhdFormatException(name, "BAT", "entry " + index, batOffset + index * 8, problem);
    }

    @Override
    protected boolean fullyPresent(long block) throws IOException {
        return (bat.get(payloadIndex(block)) & 7) == PAYLOAD_FULLY_PRESENT;
    }

    @Override
    protected long allocate(long block) throws IOException {
        long at = fileEnd;
        fileEnd += blockSize;
        storage.setSize(fileEnd);
        bat.set(payloadIndex(block), at | (parent != null ? PAYLOAD_PARTIALLY_PRESENT : PAYLOAD_FULLY_PRESENT));
        if (parent != null) {
            resetBitmap(block);
        }
        return at;
    }

    @Override
    protected void readBitmap(long block, byte[] into) throws IOException {
        long index = bitmapIndex(block / chunkRatio);
        long e = bat.get(index);
        if ((e & 7) != SB_PRESENT) {
            java.util.Arrays.fill(into, (byte) 0);
            return;
        }
        storage.read(ByteBuffer.wrap(into), bitmapBlockAt(index, e) + (block % chunkRatio) * into.length);
    }

    @Override
    public synchronized void checkSectorBitmaps() throws IOException {
        for (long chunk = 0; parent != null && chunk <= (blockCount() - 1) / chunkRatio; chunk++) {
            long index = bitmapIndex(chunk);
            long e = bat.get(index);
            if ((e & 7) == SB_PRESENT) {
                bitmapBlockAt(index, e);
            }
        }
    }

    /** The file offset of a present sector bitmap block, checked before anything is read or written through it. */
    private long bitmapBlockAt(long index, long entry) {
        long at = (entry >>> 20) << 20;
        checkBlockPlacement(index, at, SECTOR_BITMAP_BLOCK);
        return at;
    }

    @Override
    protected void writeBitmap(long block, byte[] bits) throws IOException {
        long index = bitmapIndex(block / chunkRatio);
        long e = bat.get(index);
        long at;
        if ((e & 7) != SB_PRESENT) {
            at = fileEnd;
            fileEnd += SECTOR_BITMAP_BLOCK;
            storage.setSize(fileEnd);
            bat.set(index, at | SB_PRESENT);
        } else {
            at = bitmapBlockAt(index, e);
        }
        storage.write(ByteBuffer.wrap(bits), at + (block % chunkRatio) * bits.length);
    }

    @Override
    protected boolean bitmapMsbFirst() {
        return false;
    }

    @Override
    protected void beginModification() throws IOException {
        if (!sessionStarted) {
            header = writeHeaderPair(storage, header, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
            sessionStarted = true;
        }
    }

    @Override
    protected void commit() throws IOException {
        if (!bat.isDirty() && pendingSectors.isEmpty()) {
            return;
        }
        beginModification();
        int max = log.maxSectorsPerEntry();
        while (bat.isDirty() || !pendingSectors.isEmpty()) {
            List<PagedTable.Page> pages = bat.dirtyPages(max);
            List<VhdxLog.SectorWrite> writes = new ArrayList<>();
            for (PagedTable.Page p : pages) {
                writes.add(new VhdxLog.SectorWrite(p.fileOffset(), p.bytes()));
            }
            List<Long> metadataSectors = new ArrayList<>();
            if (!bat.isDirty() || pages.size() < max) {
                for (Map.Entry<Long, byte[]> s : pendingSectors.entrySet()) {
                    if (writes.size() == max) {
                        break;
                    }
                    writes.add(new VhdxLog.SectorWrite(s.getKey(), s.getValue()));
                    metadataSectors.add(s.getKey());
                }
            }
            log.writeEntry(header.logGuid(), ++logSequence, writes, fileEnd);
            for (VhdxLog.SectorWrite w : writes) {
                storage.write(ByteBuffer.wrap(w.data()), w.fileOffset());
            }
            storage.force();
            bat.markClean(pages);
            metadataSectors.forEach(pendingSectors::remove);
        }
    }

    @Override
    protected void closeFormat() throws IOException {
        if (sessionStarted) {
            header = writeHeaderPair(storage, header, header.fileWriteGuid(), header.dataWriteGuid(), Guids.ZERO);
            storage.force();
        }
    }

    @Override
    protected long blockStride() {
        return blockSize;
    }

    // ---------------------------------------------------------------- metadata changes

    /** Queues a metadata item's new bytes; they reach the file through the log at the next flush. */
    private void stageMetadata(long itemOffset, byte[] value) throws IOException {
        long start = metadataOffset + itemOffset;
        long end = start + value.length;
        for (long s = start - start % VhdxLog.SECTOR; s < end; s += VhdxLog.SECTOR) {
            byte[] sector = pendingSectors.get(s);
            if (sector == null) {
                sector = storage.readBytes(s, VhdxLog.SECTOR);
            }
            long from = Math.max(s, start);
            long to = Math.min(s + VhdxLog.SECTOR, end);
            System.arraycopy(value, (int) (from - start), sector, (int) (from - s), (int) (to - from));
            pendingSectors.put(s, sector);
        }
    }

    /**
     * Changes the virtual size (grow, or shrink: blocks past the new end are released and the tail
     * of the new last block zeroed, so growing later shows zeros). The BAT moves to the end of the
     * file when it no longer fits its region.
     *
     * @param newSize the new virtual size in bytes
     * @throws VhdException if the disk is read-only, the size is invalid, or the storage fails
     */
    public synchronized void resize(long newSize) {
        ensureOpen();
        if (!writable) {
            throw new VhdException(name + ": opened read-only");
        }
        if (parent != null) {
            throw new VhdException(name + ": resizing a differencing disk is not supported; resize its parent chain");
        }
        VhdxMetadata.checkSize(name, newSize, sectorSize);
        try {
            checkBlocks((virtualSize + blockSize - 1) / blockSize); // refused before anything is written
            beginModification();
            flush();
            long oldSize = virtualSize;
            if (newSize < oldSize) {
                long lastBlock = (newSize + blockSize - 1) / blockSize;
                if (newSize % blockSize != 0 && lookup(lastBlock - 1) >= 0) {
                    long tail = blockSize - newSize % blockSize;
                    long clip = Math.min(tail, oldSize - newSize);
                    write(ByteBuffer.allocate((int) clip), newSize);
                }
                for (long b = lastBlock; b < blockCount(); b++) {
                    bat.set(payloadIndex(b), 0);
                }
                flush();
            }
            long entries = totalBatEntries(newSize, blockSize, sectorSize, false);
            if (entries * 8 > batLength) {
                relocateBat(entries);
            }
            byte[] size = new byte[8];
            le(size).putLong(0, newSize);
            stageMetadata(metadata.itemOffset(VIRTUAL_DISK_SIZE), size);
            virtualSize = newSize;
            PagedTable grown = new PagedTable(storage, batOffset, entries, 8, ByteOrder.LITTLE_ENDIAN, batLength);
            commit();
            bat = grown;
        } catch (IOException e) {
            throw io("resizing", e);
        }
    }

    private void relocateBat(long entries) throws IOException {
        long newLength = alignUp(entries * 8, MIB);
        long newOffset = fileEnd;
        fileEnd += newLength;
        storage.setSize(fileEnd);
        byte[] buf = new byte[(int) MIB];
        for (long done = 0; done < batLength; done += buf.length) {
            ByteBuffer chunk = ByteBuffer.wrap(buf);
            storage.read(chunk, batOffset + done);
            storage.write(ByteBuffer.wrap(buf), newOffset + done);
        }
        storage.force();
        byte[] rt = regionTableBytes(newOffset, newLength, metadataOffset, metadataLength);
        storage.write(ByteBuffer.wrap(rt), REGION1_OFFSET);
        storage.force();
        storage.write(ByteBuffer.wrap(rt), REGION2_OFFSET);
        storage.force();
        batOffset = newOffset;
        batLength = newLength;
        bat = new PagedTable(storage, batOffset, bat.entries(), 8, ByteOrder.LITTLE_ENDIAN, batLength);
    }

    /**
     * Rewrites the parent locator (re-pointing a child to a parent), through the log.
     *
     * @param locator the new locator's entries (parent_linkage, relative_path, absolute_win32_path, ...)
     * @throws VhdException unless this is a differencing disk opened read-write, or when the locator does
     *         not fit the metadata region
     */
    public synchronized void setParentLocator(Map<String, String> locator) {
        ensureOpen();
        if (!writable || parent == null) {
            throw new VhdException(name + ": only a differencing disk opened read-write can be re-pointed");
        }
        try {
            beginModification();
            flush();
            byte[] item = VhdxMetadata.parentLocatorBytes(locator);
            VhdxMetadata.ItemPlace place = metadata.place(PARENT_LOCATOR);
            if (place.offset() + item.length > metadataLength || item.length > metadata.roomFor(PARENT_LOCATOR, metadataLength)) {
                throw new VhdException(name + ": the new parent locator (" + item.length
                        + " bytes) does not fit the metadata region");
            }
            stageMetadata(place.offset(), item);
            byte[] len = new byte[4];
            le(len).putInt(0, item.length);
            stageMetadata(place.tableEntryOffset() + 20, len);
            commit();
            metadata.replaceParentLocator(locator, item.length);
        } catch (IOException e) {
            throw io("re-pointing the parent", e);
        }
    }

    /**
     * Restores the DataWriteGuid of a closed file (after compaction, which rewrites the file without
     * changing what it reads, so children that link to it stay valid).
     *
     * @param storage       the closed file's bytes, writable; left open
     * @param dataWriteGuid the DataWriteGuid to put back
     * @throws IOException if the headers cannot be read or written
     */
    public static void restoreDataWriteGuid(Storage storage, UUID dataWriteGuid) throws IOException {
        Header h = readCurrentHeader(storage, storage.path().toString(), storage.size());
        writeHeaderPair(storage, h, h.fileWriteGuid(), dataWriteGuid, h.logGuid());
    }

    // ---------------------------------------------------------------- inspection

    /**
     * The current header's DataWriteGuid, which children record as parent_linkage.
     *
     * @return the guid
     */
    public UUID dataWriteGuid() {
        return header.dataWriteGuid();
    }

    /**
     * The parent locator's entries (empty unless differencing).
     *
     * @return a copy, in file order
     */
    public Map<String, String> parentLocator() {
        return new LinkedHashMap<>(metadata.parentLocator());
    }

    /**
     * The parsed metadata region.
     *
     * @return the metadata
     */
    public VhdxMetadata metadata() {
        return metadata;
    }

    /**
     * Where the BAT region starts in the file.
     *
     * @return the byte offset
     */
    public long batOffset() {
        return batOffset;
    }

    /**
     * Number of BAT entries (payload and sector bitmap).
     *
     * @return the count
     */
    public long batEntries() {
        return bat.entries();
    }

    /**
     * Raw BAT entry {@code index}: state in the low 3 bits, file offset in MiB above bit 20.
     *
     * @param index the entry
     * @return the 64-bit entry as stored
     * @throws IOException if the table cannot be read
     */
    public synchronized long batEntry(long index) throws IOException {
        return bat.get(index);
    }

    /**
     * Whether BAT entry {@code index} is a sector bitmap entry.
     *
     * @param index the entry
     * @return true for every (chunk ratio + 1)th entry
     */
    public boolean isBitmapEntry(long index) {
        return index % (chunkRatio + 1) == chunkRatio;
    }

    @Override
    public VhdFormat format() {
        return VhdFormat.VHDX;
    }

    @Override
    public VhdType type() {
        if (metadata.hasParent()) {
            return VhdType.DIFFERENCING;
        }
        return metadata.leaveBlocksAllocated() ? VhdType.FIXED : VhdType.DYNAMIC;
    }

    @Override
    public synchronized DiskInfo info() {
        try {
            VhdType t = type();
            return new DiskInfo(path(), VhdFormat.VHDX, t, virtualSize, storage.size(),
                    MinimumSize.of(this), sectorSize, metadata.physicalSectorSize(),
                    t == VhdType.FIXED ? 0 : blockSize, parentPath, metadata.diskId(),
                    t == VhdType.FIXED ? null : fragmentationPercentage());
        } catch (IOException e) {
            throw io("inspecting", e);
        }
    }
}
