package io.hyperv4j.vhd.vhdx;

import static io.hyperv4j.vhd.vhdx.VhdxLayout.*;

import io.hyperv4j.vhd.VhdFormatException;
import io.hyperv4j.vhd.block.Guids;
import io.hyperv4j.vhd.io.Storage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The VHDX metadata region ([MS-VHDX] 2.6): its table and the known items, parsed and checked. Read
 * freely; only its {@link VhdxDisk} changes it (the parent locator, when re-pointing), under the disk's lock.
 */
public final class VhdxMetadata {
    private static final int TABLE_HEADER = 32;
    private static final int TABLE_ENTRY = 32;
    static final int ITEMS_OFFSET = METADATA_TABLE_SIZE;
    static final int LOCATOR_OFFSET = ITEMS_OFFSET + 4096;

    /** Where an item lives: offset within the region, length, and its table entry's offset. */
    record ItemPlace(long offset, long length, long tableEntryOffset) {
    }

    private final long blockSize;
    private final boolean leaveBlocksAllocated;
    private final boolean hasParent;
    private final long virtualSize;
    private final UUID diskId;
    private final int logicalSectorSize;
    private final int physicalSectorSize;
    private Map<String, String> parentLocator;
    private final Map<UUID, ItemPlace> places;

    private VhdxMetadata(long blockSize, boolean leaveBlocksAllocated, boolean hasParent, long virtualSize, UUID diskId,
            int logicalSectorSize, int physicalSectorSize, Map<String, String> parentLocator,
            Map<UUID, ItemPlace> places) {
        this.blockSize = blockSize;
        this.leaveBlocksAllocated = leaveBlocksAllocated;
        this.hasParent = hasParent;
        this.virtualSize = virtualSize;
        this.diskId = diskId;
        this.logicalSectorSize = logicalSectorSize;
        this.physicalSectorSize = physicalSectorSize;
        this.parentLocator = parentLocator;
        this.places = places;
    }

    /**
     * File Parameters: BlockSize.
     *
     * @return the block size in bytes
     */
    public long blockSize() {
        return blockSize;
    }

    /**
     * File Parameters: LeaveBlockAllocated (set for fixed disks).
     *
     * @return the flag
     */
    public boolean leaveBlocksAllocated() {
        return leaveBlocksAllocated;
    }

    /**
     * File Parameters: HasParent (set for differencing disks).
     *
     * @return the flag
     */
    public boolean hasParent() {
        return hasParent;
    }

    /**
     * Virtual Disk Size.
     *
     * @return the size in bytes
     */
    public long virtualSize() {
        return virtualSize;
    }

    /**
     * Virtual Disk ID.
     *
     * @return the id
     */
    public UUID diskId() {
        return diskId;
    }

    /**
     * Logical Sector Size.
     *
     * @return 512 or 4096
     */
    public int logicalSectorSize() {
        return logicalSectorSize;
    }

    /**
     * Physical Sector Size.
     *
     * @return 512 or 4096
     */
    public int physicalSectorSize() {
        return physicalSectorSize;
    }

    /**
     * The Parent Locator's entries (empty unless differencing).
     *
     * @return the entries, in file order
     */
    public Map<String, String> parentLocator() {
        return parentLocator;
    }

    long itemOffset(UUID item) {
        return places.get(item).offset();
    }

    ItemPlace place(UUID item) {
        return places.get(item);
    }

    /** Bytes available to {@code item} before the next item or the region's end. */
    long roomFor(UUID item, long regionLength) {
        long start = places.get(item).offset();
        long end = regionLength;
        for (ItemPlace p : places.values()) {
            if (p.offset() > start) {
                end = Math.min(end, p.offset());
            }
        }
        return end - start;
    }

    void replaceParentLocator(Map<String, String> locator, int length) {
        ItemPlace old = places.get(PARENT_LOCATOR);
        places.put(PARENT_LOCATOR, new ItemPlace(old.offset(), length, old.tableEntryOffset()));
        parentLocator = new LinkedHashMap<>(locator);
    }

    static void checkSize(String name, long size, int logicalSector) {
        if (size <= 0 || size > MAX_VIRTUAL_SIZE || size % logicalSector != 0) {
            throw new VhdFormatException(name, "metadata", "VirtualDiskSize", -1, "size " + size
                    + " must be a positive multiple of the logical sector size (" + logicalSector + ") up to 64 TiB");
        }
    }

    static VhdxMetadata read(Storage storage, String name, long regionOffset, long regionLength) throws IOException {
        byte[] table = storage.readBytes(regionOffset, METADATA_TABLE_SIZE);
        ByteBuffer t = le(table);
        if (t.getLong(0) != METADATA_SIGNATURE) {
            throw new VhdFormatException(name, "metadata table", "Signature", regionOffset, "not \"metadata\"");
        }
        int count = t.getShort(10) & 0xFFFF;
        if (count > 2047) {
            throw new VhdFormatException(name, "metadata table", "EntryCount", regionOffset + 10, count
                    + " entries (at most 2047)");
        }
        Map<UUID, ItemPlace> places = new LinkedHashMap<>();
        Map<UUID, byte[]> items = new LinkedHashMap<>();
        List<long[]> taken = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int e = TABLE_HEADER + i * TABLE_ENTRY;
            long entryAt = regionOffset + e;
            UUID id = Guids.read(table, e);
            long off = t.getInt(e + 16) & 0xFFFFFFFFL;
            long len = t.getInt(e + 20) & 0xFFFFFFFFL;
            boolean required = (t.getInt(e + 24) & 4) != 0;
            if (places.containsKey(id)) {
                throw new VhdFormatException(name, "metadata table", "entry " + i, entryAt, "item " + id + " appears twice");
            }
            if (len > 0 && (off < METADATA_TABLE_SIZE || len > MIB || off > regionLength || len > regionLength - off)) {
                throw new VhdFormatException(name, "metadata table", "entry " + i, entryAt, "item " + id + " at offset "
                        + off + " of " + len + " bytes lies outside the metadata region (" + regionLength + " bytes)");
            }
            for (long[] other : taken) {
                if (len > 0 && off < other[1] && other[0] < off + len) {
                    throw new VhdFormatException(name, "metadata table", "entry " + i, entryAt, "item " + id
                            + " overlaps another item at offset " + other[0]);
                }
            }
            taken.add(new long[] {off, off + len});
            places.put(id, new ItemPlace(off, len, e));
            boolean known = id.equals(FILE_PARAMETERS) || id.equals(VIRTUAL_DISK_SIZE) || id.equals(PAGE83_DATA)
                    || id.equals(LOGICAL_SECTOR_SIZE) || id.equals(PHYSICAL_SECTOR_SIZE) || id.equals(PARENT_LOCATOR);
            if (!known && required) {
                throw new VhdFormatException(name, "metadata table", "entry " + i, entryAt, "unknown required item " + id);
            }
            if (known) {
                items.put(id, storage.readBytes(regionOffset + off, (int) len));
            }
        }
        byte[] fp = require(name, items, FILE_PARAMETERS, 8, regionOffset, places);
        byte[] vs = require(name, items, VIRTUAL_DISK_SIZE, 8, regionOffset, places);
        byte[] id = require(name, items, PAGE83_DATA, 16, regionOffset, places);
        byte[] ls = require(name, items, LOGICAL_SECTOR_SIZE, 4, regionOffset, places);
        byte[] ps = require(name, items, PHYSICAL_SECTOR_SIZE, 4, regionOffset, places);
        long blockSize = le(fp).getInt(0) & 0xFFFFFFFFL;
        int flags = le(fp).getInt(4);
        long fpAt = regionOffset + places.get(FILE_PARAMETERS).offset();
        if (blockSize < MIN_BLOCK || blockSize > MAX_BLOCK || Long.bitCount(blockSize) != 1) {
            throw new VhdFormatException(name, "metadata File Parameters", "BlockSize", fpAt, "block size " + blockSize
                    + " is not a power of two between 1 MiB and 256 MiB");
        }
        int logical = le(ls).getInt(0);
        int physical = le(ps).getInt(0);
        if (logical != 512 && logical != 4096) {
            throw new VhdFormatException(name, "metadata Logical Sector Size", "", regionOffset
                    + places.get(LOGICAL_SECTOR_SIZE).offset(), "logical sector size " + logical + " is not 512 or 4096");
        }
        if (physical != 512 && physical != 4096) {
            throw new VhdFormatException(name, "metadata Physical Sector Size", "", regionOffset
                    + places.get(PHYSICAL_SECTOR_SIZE).offset(), "physical sector size " + physical + " is not 512 or 4096");
        }
        long size = le(vs).getLong(0);
        try {
            checkSize(name, size, logical);
        } catch (VhdFormatException e) {
            throw new VhdFormatException(name, "metadata Virtual Disk Size", "", regionOffset
                    + places.get(VIRTUAL_DISK_SIZE).offset(), "size " + size
                    + " is not a positive multiple of the logical sector size up to 64 TiB");
        }
        boolean hasParent = (flags & 2) != 0;
        Map<String, String> locator = Map.of();
        if (hasParent) {
            if (!items.containsKey(PARENT_LOCATOR)) {
                throw new VhdFormatException(name, "metadata table", "", regionOffset,
                        "differencing disk without a parent locator item");
            }
            locator = parseLocator(name, items.get(PARENT_LOCATOR), regionOffset + places.get(PARENT_LOCATOR).offset());
        }
        return new VhdxMetadata(blockSize, (flags & 1) != 0, hasParent, size, Guids.read(id, 0), logical, physical,
                locator, places);
    }

    private static byte[] require(String name, Map<UUID, byte[]> items, UUID id, int length, long regionOffset,
            Map<UUID, ItemPlace> places) {
        byte[] b = items.get(id);
        if (b == null || b.length < length) {
            throw new VhdFormatException(name, "metadata table", "", regionOffset, "required item " + id
                    + (b == null ? " is missing" : " is " + b.length + " bytes, expected " + length));
        }
        return b;
    }

    static Map<String, String> parseLocator(String name, byte[] b, long at) {
        if (b.length < 20) {
            throw new VhdFormatException(name, "parent locator", "", at, "item of " + b.length + " bytes is truncated");
        }
        ByteBuffer bb = le(b);
        if (!Guids.read(b, 0).equals(VHDX_PARENT_LOCATOR_TYPE)) {
            throw new VhdFormatException(name, "parent locator", "LocatorType", at, "unknown locator type "
                    + Guids.read(b, 0));
        }
        int count = bb.getShort(18) & 0xFFFF;
        if (20L + 12L * count > b.length) {
            throw new VhdFormatException(name, "parent locator", "KeyValueCount", at + 18, count
                    + " entries do not fit the item");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            int e = 20 + i * 12;
            long ko = bb.getInt(e) & 0xFFFFFFFFL;
            long vo = bb.getInt(e + 4) & 0xFFFFFFFFL;
            int kl = bb.getShort(e + 8) & 0xFFFF;
            int vl = bb.getShort(e + 10) & 0xFFFF;
            if (ko + kl > b.length || vo + vl > b.length || kl == 0) {
                throw new VhdFormatException(name, "parent locator", "entry " + i, at + e,
                        "key or value lies outside the locator item");
            }
            out.put(new String(b, (int) ko, kl, StandardCharsets.UTF_16LE),
                    new String(b, (int) vo, vl, StandardCharsets.UTF_16LE));
        }
        if (!out.containsKey("parent_linkage")) {
            throw new VhdFormatException(name, "parent locator", "parent_linkage", at, "required key is missing");
        }
        return out;
    }

    static byte[] parentLocatorBytes(Map<String, String> locator) {
        int count = locator.size();
        int headerLen = 20 + 12 * count;
        List<byte[]> parts = new ArrayList<>();
        int len = headerLen;
        for (Map.Entry<String, String> kv : locator.entrySet()) {
            byte[] k = kv.getKey().getBytes(StandardCharsets.UTF_16LE);
            byte[] v = kv.getValue().getBytes(StandardCharsets.UTF_16LE);
            parts.add(k);
            parts.add(v);
            len += k.length + v.length;
        }
        byte[] b = new byte[len];
        ByteBuffer bb = le(b);
        Guids.write(b, 0, VHDX_PARENT_LOCATOR_TYPE);
        bb.putShort(18, (short) count);
        int data = headerLen;
        for (int i = 0; i < count; i++) {
            byte[] k = parts.get(2 * i);
            byte[] v = parts.get(2 * i + 1);
            int e = 20 + i * 12;
            bb.putInt(e, data);
            System.arraycopy(k, 0, b, data, k.length);
            data += k.length;
            bb.putInt(e + 4, data);
            System.arraycopy(v, 0, b, data, v.length);
            data += v.length;
            bb.putShort(e + 8, (short) k.length);
            bb.putShort(e + 10, (short) v.length);
        }
        return b;
    }

    /** The first 1 MiB... of a new metadata region: table plus items, laid out as this engine does. */
    static byte[] build(long blockSize, boolean leaveAllocated, long virtualSize, UUID diskId, int logical,
            int physical, Map<String, String> parentLocator) {
        byte[] locator = parentLocator == null ? null : parentLocatorBytes(parentLocator);
        int length = LOCATOR_OFFSET + (locator == null ? 0 : locator.length);
        byte[] r = new byte[(int) alignUp(length, 4096)];
        ByteBuffer b = le(r);
        b.putLong(0, METADATA_SIGNATURE);
        int count = locator == null ? 5 : 6;
        b.putShort(10, (short) count);
        int entry = TABLE_HEADER;
        int item = ITEMS_OFFSET;
        // flags: bit 0 IsUser, bit 1 IsVirtualDisk, bit 2 IsRequired
        entry = tableEntry(b, r, entry, FILE_PARAMETERS, item, 8, 4);
        b.putInt(item, (int) blockSize);
        b.putInt(item + 4, (leaveAllocated ? 1 : 0) | (locator != null ? 2 : 0));
        item += 8;
        entry = tableEntry(b, r, entry, VIRTUAL_DISK_SIZE, item, 8, 6);
        b.putLong(item, virtualSize);
        item += 8;
        entry = tableEntry(b, r, entry, PAGE83_DATA, item, 16, 6);
        Guids.write(r, item, diskId);
        item += 16;
        entry = tableEntry(b, r, entry, LOGICAL_SECTOR_SIZE, item, 4, 6);
        b.putInt(item, logical);
        item += 4;
        entry = tableEntry(b, r, entry, PHYSICAL_SECTOR_SIZE, item, 4, 6);
        b.putInt(item, physical);
        if (locator != null) {
            tableEntry(b, r, entry, PARENT_LOCATOR, LOCATOR_OFFSET, locator.length, 4);
            System.arraycopy(locator, 0, r, LOCATOR_OFFSET, locator.length);
        }
        return r;
    }

    private static int tableEntry(ByteBuffer b, byte[] r, int at, UUID id, int offset, int length, int flags) {
        Guids.write(r, at, id);
        b.putInt(at + 16, offset);
        b.putInt(at + 20, length);
        b.putInt(at + 24, flags);
        return at + TABLE_ENTRY;
    }
}
