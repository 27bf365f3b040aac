package io.hyperv4j.vhd.vhdx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;
import java.util.zip.CRC32C;

/** Constants of [MS-VHDX]: offsets, signatures, region and metadata item GUIDs, BAT states. */
final class VhdxLayout {
    static final long KIB = 1024;
    static final long MIB = 1024 * KIB;
    static final long FILE_ID_OFFSET = 0;
    static final long HEADER1_OFFSET = 64 * KIB;
    static final long HEADER2_OFFSET = 128 * KIB;
    static final long REGION1_OFFSET = 192 * KIB;
    static final long REGION2_OFFSET = 256 * KIB;
    static final int HEADER_SIZE = 4096;
    static final int REGION_TABLE_SIZE = (int) (64 * KIB);
    static final int METADATA_TABLE_SIZE = (int) (64 * KIB);
    static final long MAX_VIRTUAL_SIZE = 64L * 1024 * 1024 * 1024 * 1024;
    static final long MIN_BLOCK = MIB;
    static final long MAX_BLOCK = 256 * MIB;
    static final long DEFAULT_BLOCK = 32 * MIB;
    static final int SECTOR_BITMAP_BLOCK = (int) MIB;

    static final long FILE_SIGNATURE = 0x656C696678646876L; // "vhdxfile"
    static final int HEADER_SIGNATURE = 0x64616568; // "head"
    static final int REGION_SIGNATURE = 0x69676572; // "regi"
    static final long METADATA_SIGNATURE = 0x617461646174656DL; // "metadata"
    static final int LOG_ENTRY_SIGNATURE = 0x65676F6C; // "loge"
    static final int ZERO_DESC_SIGNATURE = 0x6F72657A; // "zero"
    static final int DATA_DESC_SIGNATURE = 0x63736564; // "desc"
    static final int DATA_SECTOR_SIGNATURE = 0x61746164; // "data"

    static final UUID BAT_REGION = UUID.fromString("2DC27766-F623-4200-9D64-115E9BFD4A08");
    static final UUID METADATA_REGION = UUID.fromString("8B7CA206-4790-4B9A-B8FE-575F050F886E");
    static final UUID FILE_PARAMETERS = UUID.fromString("CAA16737-FA36-4D43-B3B6-33F0AA44E76B");
    static final UUID VIRTUAL_DISK_SIZE = UUID.fromString("2FA54224-CD1B-4876-B211-5DBED83BF4B8");
    static final UUID PAGE83_DATA = UUID.fromString("BECA12AB-B2E6-4523-93EF-C309E000C746");
    static final UUID LOGICAL_SECTOR_SIZE = UUID.fromString("8141BF1D-A96F-4709-BA47-F233A8FAAB5F");
    static final UUID PHYSICAL_SECTOR_SIZE = UUID.fromString("CDA348C7-445D-4471-9CC9-E9885251C556");
    static final UUID PARENT_LOCATOR = UUID.fromString("A8D35F2D-B30B-454D-ABF7-D3D84834AB0C");
    static final UUID VHDX_PARENT_LOCATOR_TYPE = UUID.fromString("B04AEFB7-D19E-4A81-B789-25B8E9445913");

    static final int PAYLOAD_NOT_PRESENT = 0;
    static final int PAYLOAD_UNDEFINED = 1;
    static final int PAYLOAD_ZERO = 2;
    static final int PAYLOAD_UNMAPPED = 3;
    static final int PAYLOAD_FULLY_PRESENT = 6;
    static final int PAYLOAD_PARTIALLY_PRESENT = 7;
    static final int SB_NOT_PRESENT = 0;
    static final int SB_PRESENT = 6;

    private VhdxLayout() {
    }

    static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** CRC-32C of {@code b} with the 4-byte checksum field at {@code checksumAt} taken as zero. */
    static int crc(byte[] b, int from, int length, int checksumAt) {
        CRC32C c = new CRC32C();
        c.update(b, from, checksumAt - from);
        c.update(new byte[4]);
        c.update(b, checksumAt + 4, from + length - checksumAt - 4);
        return (int) c.getValue();
    }

    static long chunkRatio(long blockSize, int logicalSector) {
        return (8L * 1024 * 1024 * logicalSector) / blockSize;
    }

    static long dataBlocks(long virtualSize, long blockSize) {
        return (virtualSize + blockSize - 1) / blockSize;
    }

    static long totalBatEntries(long virtualSize, long blockSize, int logicalSector, boolean hasParent) {
        long data = dataBlocks(virtualSize, blockSize);
        long ratio = chunkRatio(blockSize, logicalSector);
        if (hasParent) {
            long sb = (data + ratio - 1) / ratio;
            return sb * (ratio + 1);
        }
        return data + (data - 1) / ratio;
    }

    static long alignUp(long v, long unit) {
        return (v + unit - 1) / unit * unit;
    }
}
