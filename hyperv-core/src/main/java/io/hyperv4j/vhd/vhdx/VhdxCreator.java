package io.hyperv4j.vhd.vhdx;

import static io.hyperv4j.vhd.vhdx.VhdxLayout.*;

import io.hyperv4j.vhd.VhdException;
import io.hyperv4j.vhd.VhdType;
import io.hyperv4j.vhd.block.Guids;
import io.hyperv4j.vhd.io.Storage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Lays out a new VHDX: file identifier, two headers, two region tables, a 1 MiB log at 1 MiB, the
 * metadata region at 2 MiB, the BAT at 3 MiB, then (fixed disks) every payload block. Stateless and
 * thread-safe.
 */
public final class VhdxCreator {
    static final long LOG_OFFSET = MIB;
    static final long LOG_LENGTH = MIB;
    static final long METADATA_OFFSET = 2 * MIB;
    static final long METADATA_LENGTH = MIB;
    static final long BAT_OFFSET = 3 * MIB;

    private VhdxCreator() {
    }

    /** Parameters of a new VHDX; {@code parentLocator} only for differencing disks. */
    public record Params(VhdType type, long virtualSize, long blockSize, int logicalSectorSize,
            int physicalSectorSize, UUID diskId, Map<String, String> parentLocator) {
    }

    /**
     * Parameters with Hyper-V's defaults filled in where a value is 0 or null: the default block size,
     * 512-byte logical and 4096-byte physical sectors, a random disk id.
     *
     * @param type      fixed, dynamic or differencing
     * @param size      virtual size in bytes
     * @param blockSize block size, or 0 for the default
     * @param logical   logical sector size, or 0 for 512
     * @param physical  physical sector size, or 0 for 4096
     * @param id        disk id, or null for a random one
     * @param locator   the parent locator's entries (differencing disks only), or null
     * @return the parameters
     */
    public static Params defaults(VhdType type, long size, long blockSize, int logical, int physical, UUID id,
            Map<String, String> locator) {
        return new Params(type, size, blockSize == 0 ? DEFAULT_BLOCK : blockSize, logical == 0 ? 512 : logical,
                physical == 0 ? 4096 : physical, id == null ? UUID.randomUUID() : id, locator);
    }

    /**
     * Writes a new VHDX into an empty storage.
     *
     * @param storage empty storage to write into; left open
     * @param p       the disk's parameters
     * @throws IOException if the storage fails
     * @throws VhdException if the block size is not a power of two from 1 MiB to 256 MiB, a sector size
     *         is not 512 or 4096, or the size is out of range
     */
    public static void create(Storage storage, Params p) throws IOException {
        String name = storage.path().toString();
        if (p.blockSize() < MIN_BLOCK || p.blockSize() > MAX_BLOCK || Long.bitCount(p.blockSize()) != 1) {
            throw new VhdException(name + ": VHDX block size " + p.blockSize()
                    + " must be a power of two from 1 MiB to 256 MiB");
        }
        if ((p.logicalSectorSize() != 512 && p.logicalSectorSize() != 4096)
                || (p.physicalSectorSize() != 512 && p.physicalSectorSize() != 4096)) {
            throw new VhdException(name + ": VHDX sector sizes must be 512 or 4096");
        }
        VhdxMetadata.checkSize(name, p.virtualSize(), p.logicalSectorSize());
        boolean diff = p.type() == VhdType.DIFFERENCING;
        long entries = totalBatEntries(p.virtualSize(), p.blockSize(), p.logicalSectorSize(), diff);
        long batLength = alignUp(entries * 8, MIB);
        long dataStart = BAT_OFFSET + batLength;
        long blocks = dataBlocks(p.virtualSize(), p.blockSize());
        long fileSize = p.type() == VhdType.FIXED ? dataStart + blocks * p.blockSize() : dataStart;

        storage.setSize(fileSize);
        byte[] id = new byte[(int) (64 * KIB)];
        le(id).putLong(0, FILE_SIGNATURE);
        byte[] creator = "hyperv4j".getBytes(StandardCharsets.UTF_16LE);
        System.arraycopy(creator, 0, id, 8, creator.length);
        storage.write(ByteBuffer.wrap(id), FILE_ID_OFFSET);
        UUID fileWrite = UUID.randomUUID();
        UUID dataWrite = UUID.randomUUID();
        storage.write(ByteBuffer.wrap(VhdxDisk.headerBytes(1, fileWrite, dataWrite, Guids.ZERO, LOG_LENGTH,
                LOG_OFFSET)), HEADER1_OFFSET);
        storage.write(ByteBuffer.wrap(VhdxDisk.headerBytes(2, fileWrite, dataWrite, Guids.ZERO, LOG_LENGTH,
                LOG_OFFSET)), HEADER2_OFFSET);
        byte[] rt = VhdxDisk.regionTableBytes(BAT_OFFSET, batLength, METADATA_OFFSET, METADATA_LENGTH);
        storage.write(ByteBuffer.wrap(rt), REGION1_OFFSET);
        storage.write(ByteBuffer.wrap(rt), REGION2_OFFSET);
        byte[] md = VhdxMetadata.build(p.blockSize(), p.type() == VhdType.FIXED, p.virtualSize(), p.diskId(),
                p.logicalSectorSize(), p.physicalSectorSize(), p.parentLocator());
        if (md.length > METADATA_LENGTH) {
            throw new VhdException(name + ": parent locator too long for the metadata region");
        }
        storage.write(ByteBuffer.wrap(md), METADATA_OFFSET);
        if (p.type() == VhdType.FIXED) {
            writeFixedBat(storage, p, entries, dataStart);
        }
        storage.force();
    }

    private static void writeFixedBat(Storage storage, Params p, long entries, long dataStart) throws IOException {
        long ratio = chunkRatio(p.blockSize(), p.logicalSectorSize());
        int perChunk = (int) (MIB / 8);
        ByteBuffer buf = ByteBuffer.allocate((int) MIB).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (long first = 0; first < entries; first += perChunk) {
            buf.clear();
            long n = Math.min(perChunk, entries - first);
            for (long i = first; i < first + n; i++) {
                boolean bitmapEntry = i % (ratio + 1) == ratio;
                long block = i - i / (ratio + 1);
                buf.putLong(bitmapEntry ? 0 : (dataStart + block * p.blockSize()) | PAYLOAD_FULLY_PRESENT);
            }
            buf.flip();
            storage.write(buf, BAT_OFFSET + first * 8);
        }
    }
}
