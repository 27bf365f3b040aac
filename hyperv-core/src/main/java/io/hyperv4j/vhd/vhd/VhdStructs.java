package io.hyperv4j.vhd.vhd;

import io.hyperv4j.vhd.block.Guids;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The VHD footer (512 bytes) and dynamic disk header (1024 bytes) of Microsoft's VHD Image Format
 * Specification, as big-endian byte views with checksums.
 */
final class VhdStructs {
    static final int FOOTER_SIZE = 512;
    static final int HEADER_SIZE = 1024;
    static final long FOOTER_COOKIE = 0x636F6E6563746978L; // "conectix"
    static final long HEADER_COOKIE = 0x6378737061727365L; // "cxsparse"
    static final int TYPE_FIXED = 2;
    static final int TYPE_DYNAMIC = 3;
    static final int TYPE_DIFFERENCING = 4;
    static final long NO_DATA_OFFSET = 0xFFFFFFFFFFFFFFFFL;
    static final int UNUSED = 0xFFFFFFFF;
    static final long EPOCH_2000 = 946684800L;
    static final long MAX_SIZE = 2040L * 1024 * 1024 * 1024;
    static final int PLATFORM_W2RU = 0x57327275; // "W2ru": relative path, UTF-16LE
    static final int PLATFORM_W2KU = 0x57326B75; // "W2ku": absolute path, UTF-16LE
    static final int LOCATOR_SPACE = 4096;

    private VhdStructs() {
    }

    /** One's complement of the byte sum, with the checksum field taken as zero. */
    static int checksum(byte[] b, int checksumAt) {
        int sum = 0;
        for (int i = 0; i < b.length; i++) {
            if (i < checksumAt || i >= checksumAt + 4) {
                sum += b[i] & 0xFF;
            }
        }
        return ~sum;
    }

    static ByteBuffer be(byte[] b) {
        return ByteBuffer.wrap(b);
    }

    /** Cylinders, heads, sectors per track, by the specification's algorithm. */
    static int geometry(long size) {
        long total = Math.min(size / 512, 65535L * 16 * 255);
        long spt;
        long heads;
        long cth;
        if (total >= 65535L * 16 * 63) {
            spt = 255;
            heads = 16;
            cth = total / spt;
        } else {
            spt = 17;
            cth = total / spt;
            heads = Math.max((cth + 1023) / 1024, 4);
            if (cth >= heads * 1024 || heads > 16) {
                spt = 31;
                heads = 16;
                cth = total / spt;
            }
            if (cth >= heads * 1024) {
                spt = 63;
                heads = 16;
                cth = total / spt;
            }
        }
        long cyl = cth / heads;
        return (int) ((cyl << 16) | (heads << 8) | spt);
    }

    static byte[] footer(int type, long size, UUID id, long dataOffset) {
        byte[] f = new byte[FOOTER_SIZE];
        ByteBuffer b = be(f);
        b.putLong(0, FOOTER_COOKIE);
        b.putInt(8, 2);
        b.putInt(12, 0x00010000);
        b.putLong(16, dataOffset);
        b.putInt(24, (int) (System.currentTimeMillis() / 1000 - EPOCH_2000));
        // Creator "win " (as Hyper-V writes): readers such as qemu then trust CurrentSize over CHS.
        f[28] = 'w';
        f[29] = 'i';
        f[30] = 'n';
        f[31] = ' ';
        b.putInt(32, 0x000A0000);
        b.putInt(36, 0x5769326B); // "Wi2k"
        b.putLong(40, size);
        b.putLong(48, size);
        b.putInt(56, geometry(size));
        b.putInt(60, type);
        Guids.writeBigEndian(f, 68, id);
        b.putInt(64, checksum(f, 64));
        return f;
    }

    static void setSize(byte[] footer, long size) {
        ByteBuffer b = be(footer);
        b.putLong(48, size);
        b.putInt(56, geometry(size));
        b.putInt(64, checksum(footer, 64));
    }

    static byte[] dynamicHeader(long tableOffset, long maxEntries, long blockSize) {
        byte[] h = new byte[HEADER_SIZE];
        ByteBuffer b = be(h);
        b.putLong(0, HEADER_COOKIE);
        b.putLong(8, NO_DATA_OFFSET);
        b.putLong(16, tableOffset);
        b.putInt(24, 0x00010000);
        b.putInt(28, (int) maxEntries);
        b.putInt(32, (int) blockSize);
        b.putInt(36, checksum(h, 36));
        return h;
    }

    static void setParent(byte[] header, UUID parentId, long parentTime, String parentName) {
        ByteBuffer b = be(header);
        Guids.writeBigEndian(header, 40, parentId);
        b.putInt(56, (int) parentTime);
        java.util.Arrays.fill(header, 64, 576, (byte) 0);
        byte[] n = parentName.getBytes(StandardCharsets.UTF_16BE);
        System.arraycopy(n, 0, header, 64, Math.min(n.length, 512));
        b.putInt(36, checksum(header, 36));
    }

    static void setLocator(byte[] header, int index, int code, long space, long length, long offset) {
        ByteBuffer b = be(header);
        int e = 576 + index * 24;
        b.putInt(e, code);
        b.putInt(e + 4, (int) space);
        b.putInt(e + 8, (int) length);
        b.putInt(e + 12, 0);
        b.putLong(e + 16, offset);
        b.putInt(36, checksum(header, 36));
    }

    static void setTable(byte[] header, long tableOffset, long maxEntries) {
        ByteBuffer b = be(header);
        b.putLong(16, tableOffset);
        b.putInt(28, (int) maxEntries);
        b.putInt(36, checksum(header, 36));
    }
}
