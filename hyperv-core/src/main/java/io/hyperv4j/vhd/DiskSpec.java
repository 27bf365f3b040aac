package io.hyperv4j.vhd;

import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;

/**
 * Parameters of a disk to create. {@code blockSize}, sector sizes and {@code diskIdentifier} may be 0
 * / null for the format's defaults (VHDX: 32 MiB blocks, 512-byte logical and 4096-byte physical
 * sectors; VHD: 2 MiB blocks, 512-byte sectors). Differencing disks take their size from the parent
 * when {@code size} is 0.
 */
public record DiskSpec(
        VhdFormat format,
        VhdType type,
        long size,
        long blockSize,
        int logicalSectorSize,
        int physicalSectorSize,
        Path parent,
        UUID diskIdentifier) {

    public DiskSpec {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(type, "type");
        if (size < 0 || blockSize < 0 || logicalSectorSize < 0 || physicalSectorSize < 0) {
            throw new IllegalArgumentException("negative size in disk spec");
        }
        if ((type == VhdType.DIFFERENCING) != (parent != null)) {
            throw new IllegalArgumentException("a parent is required for, and only for, differencing disks");
        }
        if (format == VhdFormat.RAW && type != VhdType.FIXED) {
            throw new IllegalArgumentException("raw images are always fixed");
        }
    }

    public static DiskSpec dynamic(VhdFormat format, long size) {
        return new DiskSpec(format, VhdType.DYNAMIC, size, 0, 0, 0, null, null);
    }

    public static DiskSpec fixed(VhdFormat format, long size) {
        return new DiskSpec(format, VhdType.FIXED, size, 0, 0, 0, null, null);
    }

    public static DiskSpec differencing(VhdFormat format, Path parent) {
        return new DiskSpec(format, VhdType.DIFFERENCING, 0, 0, 0, 0, parent, null);
    }

    public DiskSpec withBlockSize(long bytes) {
        return new DiskSpec(format, type, size, bytes, logicalSectorSize, physicalSectorSize, parent, diskIdentifier);
    }

    public DiskSpec withSectorSizes(int logical, int physical) {
        return new DiskSpec(format, type, size, blockSize, logical, physical, parent, diskIdentifier);
    }

    public DiskSpec withSize(long bytes) {
        return new DiskSpec(format, type, bytes, blockSize, logicalSectorSize, physicalSectorSize, parent, diskIdentifier);
    }

    public DiskSpec withDiskIdentifier(UUID id) {
        return new DiskSpec(format, type, size, blockSize, logicalSectorSize, physicalSectorSize, parent, id);
    }
}
