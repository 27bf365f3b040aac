package io.hyperv4j.vhd.vhdx;

import io.hyperv4j.vhd.VirtualDisk;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Get-VHD's MinimumSize: the end of the last partition (MBR or GPT, plus room for GPT's backup
 * table), i.e. how far the disk can shrink without cutting a partition. Null without a partition table.
 */
final class MinimumSize {
    private static final int GPT_BACKUP_SECTORS = 33;

    private MinimumSize() {
    }

    static Long of(VhdxDisk disk) {
        int ss = disk.sectorSize();
        if (disk.size() < 2L * ss) {
            return null;
        }
        ByteBuffer mbr = read(disk, 0, ss);
        if ((mbr.getShort(510) & 0xFFFF) != 0xAA55) {
            return null;
        }
        long end = 0;
        boolean gpt = false;
        for (int i = 0; i < 4; i++) {
            int e = 446 + i * 16;
            int type = mbr.get(e + 4) & 0xFF;
            long start = mbr.getInt(e + 8) & 0xFFFFFFFFL;
            long count = mbr.getInt(e + 12) & 0xFFFFFFFFL;
            if (type == 0xEE) {
                gpt = true;
            } else if (type != 0 && count > 0) {
                end = Math.max(end, (start + count) * ss);
            }
        }
        if (gpt) {
            ByteBuffer h = read(disk, ss, ss);
            if (h.getLong(0) != 0x5452415020494645L) { // "EFI PART"
                return null;
            }
            long entriesLba = h.getLong(72);
            long count = h.getInt(80) & 0xFFFFFFFFL;
            long size = h.getInt(84) & 0xFFFFFFFFL;
            if (count > 1024 || size < 128 || size > 1024 || entriesLba < 2
                    || (entriesLba + 1) * ss + count * size > disk.size()) {
                return null;
            }
            ByteBuffer entries = read(disk, entriesLba * ss, (int) (count * size));
            for (int i = 0; i < count; i++) {
                int e = (int) (i * size);
                if (entries.getLong(e) == 0 && entries.getLong(e + 8) == 0) {
                    continue;
                }
                end = Math.max(end, (entries.getLong(e + 40) + 1 + GPT_BACKUP_SECTORS) * ss);
            }
        }
        return end == 0 ? null : Math.min(end, disk.size());
    }

    private static ByteBuffer read(VirtualDisk disk, long offset, int length) {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        disk.read(b, offset);
        return b.flip().order(ByteOrder.LITTLE_ENDIAN);
    }
}
