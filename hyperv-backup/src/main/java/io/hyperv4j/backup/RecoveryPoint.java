package io.hyperv4j.backup;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A recovery point (Get-DPMRecoveryPoint): a VM's disks and configuration as they were at the
 * snapshot, kept in the backup store.
 *
 * @param id               the point's id
 * @param vm               the VM's name
 * @param vmId             the VM's id
 * @param kind             the job that made it
 * @param path             how its data reached the store
 * @param representedPointInTime when the snapshot was committed (DPM's RepresentedPointInTime)
 * @param transferredBytes what the job moved (the nominal data of the VM's profile when it has one)
 * @param files            the point's files in the store: one VHDX per disk (differencing for an express full), then the configuration
 * @param clusterResource  whether the VM was a cluster resource when the point was made
 */
public record RecoveryPoint(String id, String vm, String vmId, BackupKind kind, BackupPath path, Instant representedPointInTime,
                            long transferredBytes, List<Path> files, boolean clusterResource) {
    /**
     * Copies the file list.
     *
     * @param id               the point's id
     * @param vm               the VM's name
     * @param vmId             the VM's id
     * @param kind             the job that made it
     * @param path             how its data reached the store
     * @param representedPointInTime when the snapshot was committed
     * @param transferredBytes what the job moved
     * @param files            the point's files
     * @param clusterResource  whether the VM was a cluster resource
     */
    public RecoveryPoint {
        files = List.copyOf(files);
    }
}
