package io.hyperv4j.vhd.vhd;

import static io.hyperv4j.vhd.vhd.VhdStructs.*;

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
import io.hyperv4j.vhd.io.Storage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A VHD file (Microsoft's VHD Image Format Specification): fixed (data then footer), dynamic and
 * differencing (footer copy, dynamic header, BAT of 32-bit sector numbers, blocks of a sector bitmap
 * plus data, footer at the end). VHD has no log: metadata is written after the data it maps.
 * Thread-safe, as every {@link VirtualDisk}: block-table lookups, allocation and metadata changes take
 * the disk's lock, data moves outside it.
 */
public final class VhdDisk extends BlockDisk {
    private static final long FIXED_UNIT = 2 * 1024 * 1024;
    private final String name;
    private final byte[] footer;
    private final byte[] header; // null for fixed disks
    private final int type;
    private PagedTable bat;
    private long footerOffset;
    private final int bitmapSectorBytes;
    private final Path parentPath;
    private boolean footerDirty;

    private VhdDisk(Storage storage, boolean writable, byte[] footer, byte[] header, long blockSize, long footerOffset,
            VirtualDisk parent, Path parentPath) {
        super(storage, writable, be(footer).getLong(48), blockSize, 512, parent);
        this.name = storage.path().toString();
        this.footer = footer;
        this.header = header;
        this.type = be(footer).getInt(60);
        this.footerOffset = footerOffset;
        this.parentPath = parentPath;
        this.bitmapSectorBytes = (int) alignUp(blockSize / 512 / 8, 512);
        if (header != null) {
            ByteBuffer h = be(header);
            long n = h.getInt(28) & 0xFFFFFFFFL;
            this.bat = new PagedTable(storage, h.getLong(16), n, 4, ByteOrder.BIG_ENDIAN, alignUp(n * 4, 512));
        }
    }

    static long alignUp(long v, long unit) {
        return (v + unit - 1) / unit * unit;
    }

    // ---------------------------------------------------------------- open

    /**
     * Opens a VHD, checking its footer and header and, for a differencing disk, that the parent's
     * unique id is the one the child recorded.
     *
     * @param storage  the file's bytes; the disk closes it (and closes it on failure)
     * @param writable whether writes are allowed
     * @param parents  opens a differencing disk's parent from its locator candidates
     * @return the open disk
     * @throws io.hyperv4j.vhd.VhdFormatException naming the structure and field when the file is not a valid VHD
     * @throws VhdException on an I/O error
     */
    public static VhdDisk open(Storage storage, boolean writable, ParentOpener parents) {
        return open(storage, writable, parents, true);
    }

    /**
     * As {@link #open(Storage, boolean, ParentOpener)}; without the unique id check when re-pointing.
     *
     * @param storage      the file's bytes; the disk closes it (and closes it on failure)
     * @param writable     whether writes are allowed
     * @param parents      opens a differencing disk's parent from its locator candidates
     * @param checkLinkage whether the parent's unique id must match the one the child recorded
     * @return the open disk
     */
    public static VhdDisk open(Storage storage, boolean writable, ParentOpener parents, boolean checkLinkage) {
        VirtualDisk parent = null;
        try {
            String name = storage.path().toString();
            long fileSize = storage.size();
            if (fileSize < FOOTER_SIZE) {
                throw new VhdFormatException(name, "VHD footer", "", 0, "file is truncated: " + fileSize
                        + " bytes cannot hold a 512-byte footer");
            }
            long footerAt = fileSize - FOOTER_SIZE;
            byte[] footer = storage.readBytes(footerAt, FOOTER_SIZE);
            VhdFormatException footerFault = checkFooter(name, footer, footerAt);
            if (footerFault != null) {
                byte[] copy = storage.readBytes(0, FOOTER_SIZE);
                if (checkFooter(name, copy, 0) != null || be(copy).getInt(60) == TYPE_FIXED) {
                    throw footerFault;
                }
                footer = copy; // the end footer is damaged; the copy at the start is good
            }
            ByteBuffer f = be(footer);
            int type = f.getInt(60);
            long size = f.getLong(48);
            if (size <= 0 || size % 512 != 0 || size > MAX_SIZE) {
                throw new VhdFormatException(name, "VHD footer", "CurrentSize", footerAt + 48, "size " + size
                        + " is not a positive multiple of 512 up to 2040 GiB");
            }
            if (type == TYPE_FIXED) {
                if (size > footerAt) {
                    throw new VhdFormatException(name, "VHD footer", "CurrentSize", footerAt + 48, "fixed disk of "
                            + size + " bytes but the file holds only " + footerAt + " bytes of data (truncated)");
                }
                return new VhdDisk(storage, writable, footer, null, FIXED_UNIT, footerAt, null, null);
            }
            long dataOffset = f.getLong(16);
            if (dataOffset < FOOTER_SIZE || dataOffset % 512 != 0 || dataOffset > footerAt - HEADER_SIZE) {
                throw new VhdFormatException(name, "VHD footer", "DataOffset", footerAt + 16, "dynamic header at "
                        + dataOffset + " is not a 512-byte sector between the footer copy and the footer at "
                        + footerAt);
            }
            byte[] header = storage.readBytes(dataOffset, HEADER_SIZE);
            ByteBuffer h = be(header);
            if (h.getLong(0) != HEADER_COOKIE) {
                throw new VhdFormatException(name, "VHD dynamic header", "Cookie", dataOffset, "not \"cxsparse\"");
            }
            if (h.getInt(36) != checksum(header, 36)) {
                throw new VhdFormatException(name, "VHD dynamic header", "Checksum", dataOffset + 36, "checksum mismatch");
            }
            long blockSize = h.getInt(32) & 0xFFFFFFFFL;
            if (blockSize < 4096 || blockSize > 256L * 1024 * 1024 || Long.bitCount(blockSize) != 1) {
                throw new VhdFormatException(name, "VHD dynamic header", "BlockSize", dataOffset + 32, "block size "
                        + blockSize + " is not a power of two from 4 KiB to 256 MiB");
            }
            long entries = h.getInt(28) & 0xFFFFFFFFL;
            long tableOffset = h.getLong(16);
            if (entries < (size + blockSize - 1) / blockSize) {
                throw new VhdFormatException(name, "VHD dynamic header", "MaxTableEntries", dataOffset + 28, entries
                        + " entries cannot map " + size + " bytes in blocks of " + blockSize);
            }
            if (tableOffset < FOOTER_SIZE || tableOffset % 512 != 0 || tableOffset > footerAt
                    || entries * 4 > footerAt - tableOffset) {
                throw new VhdFormatException(name, "VHD dynamic header", "TableOffset", dataOffset + 16, "BAT at "
                        + tableOffset + " with " + entries + " entries lies beyond the end of the file or is not"
                        + " sector-aligned (it must end by the footer at " + footerAt + ")");
            }
            if (overlaps(tableOffset, entries * 4, dataOffset, HEADER_SIZE)) {
                throw new VhdFormatException(name, "VHD dynamic header", "TableOffset", dataOffset + 16, "BAT at "
                        + tableOffset + " overlaps the dynamic header at " + dataOffset);
            }
            if (type == TYPE_DIFFERENCING) {
                checkLocatorSpaces(name, header, dataOffset, tableOffset, alignUp(entries * 4, 512), footerAt);
            }
            Path parentPath = null;
            if (type == TYPE_DIFFERENCING) {
                parent = parents.open(locatorCandidates(storage, name, header, dataOffset, fileSize));
                parentPath = parent.path();
                if (!(parent instanceof VhdDisk p)) {
                    throw new VhdFormatException(name, "VHD dynamic header", "ParentLocator", dataOffset, "parent "
                            + parent.path() + " is not a VHD file");
                }
                UUID want = Guids.readBigEndian(header, 40);
                if (checkLinkage && !p.uniqueId().equals(want)) {
                    throw new VhdFormatException(name, "VHD dynamic header", "ParentUniqueId", dataOffset + 40,
                            "parent " + parent.path() + " has unique id " + p.uniqueId() + " but the child expects "
                                    + want);
                }
                if (parent.size() != size) {
                    throw new VhdFormatException(name, "VHD dynamic header", "ParentLocator", dataOffset, "parent "
                            + parent.path() + " has size " + parent.size() + " but this disk has " + size);
                }
            }
            return new VhdDisk(storage, writable, footer, header, blockSize, footerAt, parent, parentPath);
        } catch (IOException e) {
            closeQuietly(storage, parent);
            throw new VhdException(storage.path() + ": I/O error opening VHD: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(storage, parent);
            throw e;
        }
    }

    private static boolean overlaps(long at, long length, long start, long regionLength) {
        return at < start + regionLength && start < at + length;
    }

    /**
     * Every parent locator's space (which re-pointing rewrites) lies between the footer copy and the
     * footer, clear of the dynamic header and the BAT.
     */
    private static void checkLocatorSpaces(String name, byte[] header, long headerAt, long batAt, long batBytes,
            long footerAt) {
        ByteBuffer h = be(header);
        for (int i = 0; i < 8; i++) {
            int e = 576 + i * 24;
            if (h.getInt(e) == 0) {
                continue;
            }
            long space = locatorBytes(h.getInt(e + 4) & 0xFFFFFFFFL);
            long length = h.getInt(e + 8) & 0xFFFFFFFFL;
            long offset = h.getLong(e + 16);
            if (space > 65536 || length > space || offset < FOOTER_SIZE || offset > footerAt - space
                    || overlaps(offset, space, headerAt, HEADER_SIZE) || overlaps(offset, space, batAt, batBytes)) {
                throw new VhdFormatException(name, "VHD dynamic header", "ParentLocatorEntry " + i, headerAt + e,
                        "locator space at " + offset + " of " + space + " bytes (data " + length + ") is outside the"
                                + " file or overlaps the header, the BAT or the footer");
            }
        }
    }

    /** A locator's DataSpace field: sectors as the specification says, or bytes as some writers do. */
    private static long locatorBytes(long space) {
        return space < 512 ? space * 512 : space;
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

    private static VhdFormatException checkFooter(String name, byte[] f, long at) {
        ByteBuffer b = be(f);
        if (b.getLong(0) != FOOTER_COOKIE) {
            return new VhdFormatException(name, "VHD footer", "Cookie", at, "not \"conectix\"");
        }
        if (b.getInt(64) != checksum(f, 64)) {
            return new VhdFormatException(name, "VHD footer", "Checksum", at + 64, "checksum mismatch");
        }
        int type = b.getInt(60);
        if (type != TYPE_FIXED && type != TYPE_DYNAMIC && type != TYPE_DIFFERENCING) {
            return new VhdFormatException(name, "VHD footer", "DiskType", at + 60, "unknown disk type " + type);
        }
        return null;
    }

    private static List<String> locatorCandidates(Storage storage, String name, byte[] header, long headerAt,
            long fileSize) throws IOException {
        ByteBuffer h = be(header);
        List<String> relative = new ArrayList<>();
        List<String> absolute = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int e = 576 + i * 24;
            int code = h.getInt(e);
            long length = h.getInt(e + 8) & 0xFFFFFFFFL;
            long offset = h.getLong(e + 16);
            if (code != PLATFORM_W2RU && code != PLATFORM_W2KU) {
                continue;
            }
            if (length > 65536 || offset < 0 || offset > fileSize || length > fileSize - offset) {
                throw new VhdFormatException(name, "VHD dynamic header", "ParentLocatorEntry " + i, headerAt + e,
                        "locator data at " + offset + " of " + length + " bytes lies outside the file");
            }
            String path = new String(storage.readBytes(offset, (int) length), StandardCharsets.UTF_16LE).replace("\0", "");
            (code == PLATFORM_W2RU ? relative : absolute).add(path);
        }
        List<String> out = new ArrayList<>(relative);
        out.addAll(absolute);
        String unicodeName = new String(header, 64, 512, StandardCharsets.UTF_16BE).replace("\0", "");
        if (!unicodeName.isEmpty()) {
            out.add(unicodeName);
        }
        return out;
    }

    // ---------------------------------------------------------------- create

    /**
     * Writes a new VHD into an empty storage. {@code parent} is set only for differencing disks.
     *
     * @param storage   empty storage to write into; left open
     * @param kind      fixed, dynamic or differencing
     * @param size      virtual size in bytes: a positive multiple of 512 up to 2040 GiB
     * @param blockSize a power of two from 512 KiB to 256 MiB (ignored for fixed disks)
     * @param id        the footer's unique id
     * @param parent    the parent's identity and paths, or null unless differencing
     * @throws IOException if the storage fails
     * @throws VhdException if the size or block size is out of range
     */
    public static void create(Storage storage, VhdType kind, long size, long blockSize, UUID id, ParentLink parent)
            throws IOException {
        String name = storage.path().toString();
        if (size <= 0 || size % 512 != 0 || size > MAX_SIZE) {
            throw new VhdException(name + ": VHD size " + size + " must be a positive multiple of 512 up to 2040 GiB");
        }
        if (blockSize < 512 * 1024 || blockSize > 256L * 1024 * 1024 || Long.bitCount(blockSize) != 1) {
            throw new VhdException(name + ": VHD block size " + blockSize
                    + " must be a power of two from 512 KiB to 256 MiB");
        }
        if (kind == VhdType.FIXED) {
            storage.setSize(size + FOOTER_SIZE);
            storage.write(ByteBuffer.wrap(footer(TYPE_FIXED, size, id, NO_DATA_OFFSET)), size);
            storage.force();
            return;
        }
        long entries = (size + blockSize - 1) / blockSize;
        long tableOffset = FOOTER_SIZE + HEADER_SIZE;
        long tableBytes = alignUp(entries * 4, 512);
        long end = tableOffset + tableBytes;
        byte[] header = dynamicHeader(tableOffset, entries, blockSize);
        if (parent != null) {
            VhdStructs.setParent(header, parent.uniqueId(), parent.timeStamp(), parent.absolute());
            end = writeLocators(storage, header, parent, end);
        }
        byte[] foot = footer(kind == VhdType.DIFFERENCING ? TYPE_DIFFERENCING : TYPE_DYNAMIC, size, id, FOOTER_SIZE);
        storage.write(ByteBuffer.wrap(foot), 0);
        storage.write(ByteBuffer.wrap(header), FOOTER_SIZE);
        byte[] ff = new byte[(int) Math.min(tableBytes, 1 << 20)];
        java.util.Arrays.fill(ff, (byte) 0xFF);
        for (long done = 0; done < tableBytes; done += ff.length) {
            storage.write(ByteBuffer.wrap(ff, 0, (int) Math.min(ff.length, tableBytes - done)), tableOffset + done);
        }
        storage.write(ByteBuffer.wrap(foot), end);
        storage.force();
    }

    /**
     * What a differencing VHD records about its parent. Immutable.
     *
     * @param uniqueId  the parent's unique id (ParentUniqueId)
     * @param timeStamp the parent's footer time stamp (ParentTimeStamp)
     * @param relative  the parent's path relative to the child (W2ru locator)
     * @param absolute  the parent's absolute path (W2ku locator)
     */
    public record ParentLink(UUID uniqueId, long timeStamp, String relative, String absolute) {
    }

    private static long writeLocators(Storage storage, byte[] header, ParentLink parent, long at) throws IOException {
        String[] paths = {parent.relative(), parent.absolute()};
        int[] codes = {PLATFORM_W2RU, PLATFORM_W2KU};
        for (int i = 0; i < 2; i++) {
            byte[] data = paths[i].getBytes(StandardCharsets.UTF_16LE);
            if (data.length > LOCATOR_SPACE) {
                throw new VhdException(storage.path() + ": parent path longer than " + LOCATOR_SPACE / 2 + " characters");
            }
            byte[] space = new byte[LOCATOR_SPACE];
            System.arraycopy(data, 0, space, 0, data.length);
            storage.write(ByteBuffer.wrap(space), at);
            setLocator(header, i, codes[i], LOCATOR_SPACE, data.length, at);
            at += LOCATOR_SPACE;
        }
        return at;
    }

    /**
     * Points this differencing disk at a new parent (header fields and locators rewritten in place).
     *
     * @param link the new parent's identity and paths
     * @throws VhdException unless this is a differencing disk opened read-write
     */
    public synchronized void setParent(ParentLink link) {
        ensureOpen();
        if (!writable || header == null || type != TYPE_DIFFERENCING) {
            throw new VhdException(name + ": only a differencing disk opened read-write can be re-pointed");
        }
        try {
            flush();
            ByteBuffer h = be(header);
            String[] paths = {link.relative(), link.absolute()};
            for (int i = 0; i < 8; i++) {
                int e = 576 + i * 24;
                int code = h.getInt(e);
                long space = h.getInt(e + 4) & 0xFFFFFFFFL;
                long bytes = locatorBytes(space);
                long offset = h.getLong(e + 16);
                String p = code == PLATFORM_W2RU ? paths[0] : code == PLATFORM_W2KU ? paths[1] : null;
                if (p == null) {
                    continue;
                }
                byte[] data = p.getBytes(StandardCharsets.UTF_16LE);
                if (data.length > bytes) {
                    throw new VhdException(name + ": new parent path does not fit the locator's " + bytes + " bytes");
                }
                byte[] padded = new byte[(int) bytes];
                System.arraycopy(data, 0, padded, 0, data.length);
                storage.write(ByteBuffer.wrap(padded), offset);
                setLocator(header, i, code, space, data.length, offset);
            }
            VhdStructs.setParent(header, link.uniqueId(), link.timeStamp(), link.absolute());
            storage.force();
            storage.write(ByteBuffer.wrap(header), be(footer).getLong(16));
            storage.force();
        } catch (IOException e) {
            throw io("re-pointing the parent", e);
        }
    }

    // ---------------------------------------------------------------- block engine

    @Override
    protected long lookup(long block) throws IOException {
        if (header == null) {
            return block * blockSize;
        }
        long sector = bat.get(block);
        if (sector == 0xFFFFFFFFL) {
            return NOT_PRESENT;
        }
        long at = sector * 512;
        long dataEnd = at + bitmapSectorBytes + blockSize;
        if (at < FOOTER_SIZE + HEADER_SIZE || dataEnd > footerOffset) {
            throw new VhdFormatException(name, "BAT", "entry " + block, bat.offset() + block * 4, "block at sector "
                    + sector + " lies beyond the end of the file (data must end by the footer at " + footerOffset + ")");
        }
        long headerAt = be(footer).getLong(16);
        if (overlaps(at, dataEnd - at, bat.offset(), bat.byteLength()) || overlaps(at, dataEnd - at, headerAt, HEADER_SIZE)) {
            throw new VhdFormatException(name, "BAT", "entry " + block, bat.offset() + block * 4, "block at sector "
                    + sector + " overlaps the dynamic header or the BAT");
        }
        return at + bitmapSectorBytes;
    }

    @Override
    protected boolean fullyPresent(long block) {
        return type != TYPE_DIFFERENCING;
    }

    @Override
    protected long allocate(long block) throws IOException {
        if (header == null) {
            return block * blockSize;
        }
        long at = footerOffset;
        byte[] bitmap = new byte[bitmapSectorBytes];
        if (type != TYPE_DIFFERENCING) {
            java.util.Arrays.fill(bitmap, (byte) 0xFF);
        }
        storage.write(ByteBuffer.wrap(bitmap), at);
        footerOffset = at + bitmapSectorBytes + blockSize;
        storage.write(ByteBuffer.wrap(footer), footerOffset);
        bat.set(block, at / 512);
        if (type == TYPE_DIFFERENCING) {
            resetBitmap(block);
        }
        return at + bitmapSectorBytes;
    }

    @Override
    protected void readBitmap(long block, byte[] into) throws IOException {
        storage.read(ByteBuffer.wrap(into), bat.get(block) * 512);
    }

    @Override
    protected void writeBitmap(long block, byte[] bits) throws IOException {
        storage.write(ByteBuffer.wrap(bits), bat.get(block) * 512);
    }

    @Override
    protected boolean bitmapMsbFirst() {
        return true;
    }

    @Override
    protected void commit() throws IOException {
        if (bat != null && bat.isDirty()) {
            bat.writeDirectly();
            storage.force();
        }
        if (footerDirty) {
            storage.write(ByteBuffer.wrap(footer), footerOffset);
            if (header != null) {
                storage.write(ByteBuffer.wrap(footer), 0);
            }
            storage.force();
            footerDirty = false;
        }
    }

    @Override
    protected void closeFormat() {
    }

    @Override
    protected long blockStride() {
        return blockSize + bitmapSectorBytes;
    }

    /**
     * Grows the disk (VHD cannot shrink). Dynamic disks move their BAT to the end when it is too small.
     *
     * @param newSize the new virtual size in bytes
     * @throws VhdException if the disk is read-only or differencing, the size shrinks or is invalid, or the
     *         storage fails
     */
    public synchronized void resize(long newSize) {
        ensureOpen();
        if (!writable) {
            throw new VhdException(name + ": opened read-only");
        }
        if (type == TYPE_DIFFERENCING) {
            throw new VhdException(name + ": resizing a differencing disk is not supported; resize its parent chain");
        }
        if (newSize < virtualSize) {
            throw new VhdException(name + ": the VHD format cannot shrink (" + virtualSize + " to " + newSize
                    + " bytes); convert to VHDX to shrink");
        }
        if (newSize % 512 != 0 || newSize > MAX_SIZE) {
            throw new VhdException(name + ": VHD size " + newSize + " must be a multiple of 512 up to 2040 GiB");
        }
        try {
            if (header != null) // refused before anything is written, including entries the new size brings into use
                checkBlocks(Math.min((newSize + blockSize - 1) / blockSize, bat.entries()));
            flush();
            if (header == null) {
                storage.setSize(newSize + FOOTER_SIZE);
                footerOffset = newSize;
            } else {
                long entries = (newSize + blockSize - 1) / blockSize;
                if (entries > bat.entries()) {
                    long oldTable = bat.offset();
                    long oldBytes = bat.entries() * 4;
                    long roomBytes = alignUp(oldBytes, 512);
                    if (entries * 4 > roomBytes) {
                        long newTable = footerOffset;
                        long newBytes = alignUp(entries * 4, 512);
                        byte[] table = new byte[(int) newBytes];
                        java.util.Arrays.fill(table, (byte) 0xFF);
                        storage.read(ByteBuffer.wrap(table, 0, (int) oldBytes), oldTable);
                        storage.write(ByteBuffer.wrap(table), newTable);
                        footerOffset = newTable + newBytes;
                        storage.write(ByteBuffer.wrap(footer), footerOffset);
                        storage.force();
                        setTable(header, newTable, entries);
                    } else {
                        byte[] ff = new byte[(int) (roomBytes - oldBytes)];
                        java.util.Arrays.fill(ff, (byte) 0xFF);
                        storage.write(ByteBuffer.wrap(ff), oldTable + oldBytes);
                        setTable(header, oldTable, entries);
                    }
                    storage.write(ByteBuffer.wrap(header), be(footer).getLong(16));
                    storage.force();
                    ByteBuffer h = be(header);
                    long n = h.getInt(28) & 0xFFFFFFFFL;
                    bat = new PagedTable(storage, h.getLong(16), n, 4, ByteOrder.BIG_ENDIAN, alignUp(n * 4, 512));
                }
            }
            VhdStructs.setSize(footer, newSize);
            footerDirty = true;
            virtualSize = newSize;
            commit();
        } catch (IOException e) {
            throw io("resizing", e);
        }
    }

    // ---------------------------------------------------------------- inspection

    /**
     * The footer's unique id, which differencing children record as ParentUniqueId.
     *
     * @return the id
     */
    public UUID uniqueId() {
        return Guids.readBigEndian(footer, 68);
    }

    /**
     * The footer's time stamp (seconds since 2000-01-01 UTC), recorded by children as ParentTimeStamp.
     *
     * @return the time stamp
     */
    public long timeStamp() {
        return be(footer).getInt(24) & 0xFFFFFFFFL;
    }

    /**
     * The block allocation table's entry count (MaxTableEntries).
     *
     * @return the count, 0 for a fixed disk
     */
    public long batEntries() {
        return bat == null ? 0 : bat.entries();
    }

    /**
     * One block allocation table entry as stored: the block's sector number, or 0xFFFFFFFF (the
     * specification's unused value) when not allocated.
     *
     * @param index the block
     * @return the raw entry
     * @throws IOException if the table cannot be read
     */
    public synchronized long batEntry(long index) throws IOException {
        return bat.get(index);
    }

    @Override
    public VhdFormat format() {
        return VhdFormat.VHD;
    }

    @Override
    public VhdType type() {
        return type == TYPE_FIXED ? VhdType.FIXED : type == TYPE_DYNAMIC ? VhdType.DYNAMIC : VhdType.DIFFERENCING;
    }

    @Override
    public synchronized DiskInfo info() {
        try {
            boolean fixed = header == null;
            return new DiskInfo(path(), VhdFormat.VHD, type(), virtualSize, storage.size(), null, 512, 512,
                    fixed ? 0 : blockSize, parentPath, uniqueId(), fixed ? null : fragmentationPercentage());
        } catch (IOException e) {
            throw io("inspecting", e);
        }
    }
}
