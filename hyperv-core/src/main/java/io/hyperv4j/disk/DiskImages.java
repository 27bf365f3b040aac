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
 */
public interface DiskImages {

    /**
     * Through a host's Msvm_ImageManagementService on {@code session}. Users call
     * {@link HyperVHost#disks()}, which is this with the host's session and operation timeout.
     */
    static DiskImages over(io.hyperv4j.cim.CimSession session, java.time.Duration operationTimeout) {
        return new HostDiskImages(session, operationTimeout);
    }

    /** Straight to the engine, on this machine's files; operations are done when returned. */
    static DiskImages local() {
        return LocalDiskImages.INSTANCE;
    }

    /** New-VHD. A differencing spec names its parent; its size comes from the parent. */
    Operation<Path> create(Path path, DiskSpec spec);

    /** Get-VHD. */
    DiskInfo inspect(Path path);

    /** Resize-VHD: grow, or shrink a VHDX down to its minimum size. */
    Operation<Path> resize(Path path, long newSize);

    /** Convert-VHD into a new file. */
    Operation<Path> convert(Path source, Path destination, VhdFormat format, VhdType type);

    /** Optimize-VHD (CompactVirtualHardDisk Mode 0, Full). */
    Operation<Path> compact(Path path);

    /** Merge-VHD of a differencing disk into its parent {@code destination}; yields the destination. */
    Operation<Path> merge(Path child, Path destination);

    /** Set-VHD -ParentPath. */
    Operation<Path> setParent(Path child, Path newParent);

    /** Test-VHD: the operation fails with {@link InvalidDiskException} when the disk or its chain is damaged. */
    Operation<Path> validate(Path path);
}
