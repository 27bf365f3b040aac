package io.hyperv4j.vm;

import java.util.List;

/**
 * A reference point of a VM (Msvm_VirtualSystemReferencePoint): what a converted recovery
 * checkpoint leaves behind, so that a later backup asks only for what changed since it.
 *
 * @param id               the reference point's id (its InstanceID without the {@code Microsoft:} prefix)
 * @param vmId             the VM's GUID (VirtualSystemIdentifier)
 * @param type             how changes are tracked
 * @param consistencyLevel the consistency of the moment it marks
 * @param disks            the VM's disks at that moment, each with its change tracking id
 * @param path             the instance's WMI path
 */
public record ReferencePoint(String id, String vmId, Type type, ConsistencyLevel consistencyLevel, List<Disk> disks, String path) {

    /**
     * Copies the list.
     *
     * @param id               the id
     * @param vmId             the VM's GUID
     * @param type             the type
     * @param consistencyLevel the consistency
     * @param disks            the disks
     * @param path             the WMI path
     */
    public ReferencePoint {
        disks = List.copyOf(disks);
    }

    /** ReferencePointType. */
    public enum Type {
        /** 1: Hyper-V Replica log tracking. */
        LOG_BASED,
        /** 2: resilient change tracking of the virtual disks. */
        RCT_BASED
    }

    /**
     * One disk of the reference point.
     *
     * @param diskSettingsId   the disk's Msvm_StorageAllocationSettingData InstanceID (as {@link HardDiskDrive#diskSettingsId()})
     * @param changeTrackingId its resilient change tracking id at the reference point
     */
    public record Disk(String diskSettingsId, String changeTrackingId) {
    }
}
