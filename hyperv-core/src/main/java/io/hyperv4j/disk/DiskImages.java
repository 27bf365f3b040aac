package io.hyperv4j.disk;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.job.Operation;
import io.hyperv4j.vhd.DiskInfo;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vhd.VhdType;
import java.nio.file.Path;

/**
 * Virtual hard disks, the same way whether a Hyper-V host does the work
 * ({@link HyperVHost#disks()}: Msvm_ImageManagementService, paths are the host's) or this JVM does it
 * on local files ({@link #local()}: the pure-Java engine). Each change is an {@link Operation}
 * yielding the path of the disk that holds the result; {@link #inspect} reads it (Get-VHD).
 * <p>Refusals are the typed exceptions of the method's return code, thrown before anything changed:
 * {@link io.hyperv4j.InvalidParameterException} (32773: bad path, type, format or size, shrinking
 * below the minimum, merging into a disk that is not the parent), {@link io.hyperv4j.NotSupportedException}
 * (32770) and {@link io.hyperv4j.MethodFailedException} with code 32779 (file not found).
 * <p>Thread-safety: both implementations are thread-safe (they keep no mutable state but the
 * host's service path, read once); this API does not order concurrent changes to one disk.
 */
public interface DiskImages {

    /**
     * Through a host's Msvm_ImageManagementService on {@code session}. Users call
     * {@link HyperVHost#disks()}, which is this with the host's session and operation timeout.
     *
     * @param session          the session to the host
     * @param operationTimeout the default wait of the operations it returns
     * @return the host's disk service
     */
    static DiskImages over(io.hyperv4j.cim.CimSession session, java.time.Duration operationTimeout) {
        return new HostDiskImages(session, operationTimeout);
    }

    /**
     * Straight to the engine, on this machine's files; operations are done when returned.
     *
     * @return the local disk service
     */
    static DiskImages local() {
        return LocalDiskImages.INSTANCE;
    }

    /**
     * New-VHD. A differencing spec names its parent; its size comes from the parent.
     *
     * @param path where the new disk goes (its extension names the format)
     * @param spec the disk's format, type and size, or its parent for a differencing disk
     * @return the operation, yielding {@code path}
     */
    Operation<Path> create(Path path, DiskSpec spec);

    /**
     * Get-VHD.
     *
     * @param path the disk
     * @return what the disk's header says (format, type, sizes, parent)
     */
    DiskInfo inspect(Path path);

    /**
     * Resize-VHD: grow, or shrink a VHDX down to its minimum size.
     *
     * @param path    the disk
     * @param newSize the new virtual size in bytes
     * @return the operation, yielding {@code path}
     */
    Operation<Path> resize(Path path, long newSize);

    /**
     * Convert-VHD into a new file.
     *
     * @param source      the disk to read (left as it is)
     * @param destination the new disk to write
     * @param format      the new disk's format
     * @param type        the new disk's type (fixed or dynamic)
     * @return the operation, yielding {@code destination}
     */
    Operation<Path> convert(Path source, Path destination, VhdFormat format, VhdType type);

    /**
     * Optimize-VHD (CompactVirtualHardDisk Mode 0, Full).
     *
     * @param path the disk (dynamic or differencing)
     * @return the operation, yielding {@code path}
     */
    Operation<Path> compact(Path path);

    /**
     * Merge-VHD of a differencing disk into its parent {@code destination}; yields the destination.
     *
     * @param child       the differencing disk
     * @param destination its parent (direct or further up the chain)
     * @return the operation, yielding {@code destination}
     */
    Operation<Path> merge(Path child, Path destination);

    /**
     * Set-VHD -ParentPath.
     *
     * @param child     the differencing disk
     * @param newParent the parent it now refers to
     * @return the operation, yielding {@code child}
     */
    Operation<Path> setParent(Path child, Path newParent);

    /**
     * Test-VHD: the operation fails with {@link InvalidDiskException} when the disk or its chain is damaged.
     *
     * @param path the disk
     * @return the operation, yielding {@code path} when the disk and its chain are sound
     */
    Operation<Path> validate(Path path);
}
