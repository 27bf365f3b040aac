package io.hyperv4j.vhd;

import java.nio.file.Path;
import java.util.UUID;

/**
 * What Get-VHD reports about a disk file, with the same meanings: virtual {@code size} in bytes,
 * {@code fileSize} on disk, {@code minimumSize} the smallest size the disk can be shrunk to without
 * cutting a partition (null when not computable or the format cannot shrink), {@code blockSize} 0 for
 * fixed disks, {@code parentPath} null unless differencing, {@code fragmentationPercentage} the share
 * of allocated blocks not stored right after the block before them (null for fixed disks and raw). Immutable.
 */
public record DiskInfo(
        Path path,
        VhdFormat vhdFormat,
        VhdType vhdType,
        long size,
        long fileSize,
        Long minimumSize,
        int logicalSectorSize,
        int physicalSectorSize,
        long blockSize,
        Path parentPath,
        UUID diskIdentifier,
        Integer fragmentationPercentage) {
}
