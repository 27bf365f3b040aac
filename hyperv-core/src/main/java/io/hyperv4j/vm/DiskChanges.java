package io.hyperv4j.vm;

import io.hyperv4j.vhd.ByteRange;
import java.nio.file.Path;
import java.util.List;

/**
 * What changed on one virtual disk since a change tracking id (GetVirtualDiskChanges).
 *
 * @param diskSettingsId   the disk's Msvm_StorageAllocationSettingData InstanceID, or null when asked by file
 * @param file             the file that was asked (read the changed ranges from it)
 * @param changeTrackingId the baseline id
 * @param size             the virtual disk's size in bytes
 * @param ranges           the changed ranges, disjoint and in offset order
 */
public record DiskChanges(String diskSettingsId, Path file, String changeTrackingId, long size, List<ByteRange> ranges) {

    /**
     * Copies the list.
     *
     * @param diskSettingsId   the disk settings id, or null
     * @param file             the file asked
     * @param changeTrackingId the baseline id
     * @param size             the disk's size
     * @param ranges           the ranges
     */
    public DiskChanges {
        ranges = List.copyOf(ranges);
    }

    /**
     * How many bytes the ranges cover.
     *
     * @return the sum of the ranges' lengths
     */
    public long changedBytes() {
        long n = 0;
        for (ByteRange r : ranges) n += r.length();
        return n;
    }
}
