package io.hyperv4j.vm;

import java.time.Instant;

/**
 * A recovery checkpoint as read from the host: a snapshot whose VirtualSystemType is
 * {@code Microsoft:Hyper-V:Snapshot:Recovery}, taken by a backup application (Get-VMSnapshot
 * -SnapshotType Recovery). It freezes the VM's disks at {@code creationTime} until it is converted
 * to a reference point or deleted; it is not part of the user's checkpoint tree.
 *
 * @param id           the checkpoint's GUID
 * @param name         its name
 * @param vmId         the VM's GUID
 * @param creationTime when it was taken
 * @param path         the snapshot settings' WMI path
 */
public record RecoveryCheckpoint(String id, String name, String vmId, Instant creationTime, String path) {
}
