package io.hyperv4j.vhd;

import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;

/**
 * Parameters of a disk to create. {@code blockSize}, sector sizes and {@code diskIdentifier} may be 0
 * / null for the format's defaults (VHDX: 32 MiB blocks, 512-byte logical and 4096-byte physical
 * sectors; VHD: 2 MiB blocks, 512-byte sectors). Differencing disks take their size from the parent
 * when {@code size} is 0. Immutable.
 *
 * @param format             the file format
 * @param type               fixed, dynamic or differencing
 * @param size               virtual size in bytes (0: the parent's, for differencing disks)
 * @param blockSize          block size in bytes, or 0 for the format's default
 * @param logicalSectorSize  logical sector size, or 0 for the default
 * @param physicalSectorSize physical sector size, or 0 for the default
 * @param parent             the parent file, for (and only for) differencing disks
 * @param diskIdentifier     the disk's id, or null for a random one
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

    /**
     * Checks the combination.
     *
     * @param format             the file format
     * @param type               fixed, dynamic or differencing
     * @param size               virtual size in bytes
     * @param blockSize          block size in bytes, or 0
     * @param logicalSectorSize  logical sector size, or 0
     * @param physicalSectorSize physical sector size, or 0
     * @param parent             the parent file, or null
     * @param diskIdentifier     the disk's id, or null
     * @throws NullPointerException     if format or type is null
     * @throws IllegalArgumentException if a size is negative, a parent is given for a non-differencing
     *         disk or missing for a differencing one, or a raw image is not fixed
     */
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

    /**
     * A dynamic disk with the format's defaults.
     *
     * @param format the file format
     * @param size   virtual size in bytes
     * @return the spec
     */
    public static DiskSpec dynamic(VhdFormat format, long size) {
        return new DiskSpec(format, VhdType.DYNAMIC, size, 0, 0, 0, null, null);
    }

    /**
     * A fixed disk with the format's defaults.
     *
     * @param format the file format
     * @param size   virtual size in bytes
     * @return the spec
     */
    public static DiskSpec fixed(VhdFormat format, long size) {
        return new DiskSpec(format, VhdType.FIXED, size, 0, 0, 0, null, null);
    }

    /**
     * A differencing disk of the parent's size.
     *
     * @param format the file format (the parent's)
     * @param parent the parent file
     * @return the spec
     */
    public static DiskSpec differencing(VhdFormat format, Path parent) {
        return new DiskSpec(format, VhdType.DIFFERENCING, 0, 0, 0, 0, parent, null);
    }

    /**
     * This spec with another block size.
     *
     * @param bytes the block size, or 0 for the default
     * @return a new spec
     */
    public DiskSpec withBlockSize(long bytes) {
        return new DiskSpec(format, type, size, bytes, logicalSectorSize, physicalSectorSize, parent, diskIdentifier);
    }

    /**
     * This spec with other sector sizes.
     *
     * @param logical  the logical sector size, or 0 for the default
     * @param physical the physical sector size, or 0 for the default
     * @return a new spec
     */
    public DiskSpec withSectorSizes(int logical, int physical) {
        return new DiskSpec(format, type, size, blockSize, logical, physical, parent, diskIdentifier);
    }

    /**
     * This spec with another virtual size.
     *
     * @param bytes the size in bytes
     * @return a new spec
     */
    public DiskSpec withSize(long bytes) {
        return new DiskSpec(format, type, bytes, blockSize, logicalSectorSize, physicalSectorSize, parent, diskIdentifier);
    }

    /**
     * This spec with a given disk id.
     *
     * @param id the id, or null for a random one
     * @return a new spec
     */
    public DiskSpec withDiskIdentifier(UUID id) {
        return new DiskSpec(format, type, size, blockSize, logicalSectorSize, physicalSectorSize, parent, id);
    }
}
