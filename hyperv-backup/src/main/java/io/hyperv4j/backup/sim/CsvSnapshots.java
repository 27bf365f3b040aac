package io.hyperv4j.backup.sim;

import io.hyperv4j.cluster.sim.ClusterProfile;

/**
 * What a host-level backup of a VM does to its Cluster Shared Volume, by the cluster's Windows
 * Server version (the sources are in the module's docs, backup.md, "CSV access by version").
 */
enum CsvSnapshots {
    /**
     * Windows Server 2008 R2: preparing the volume for backup pins it to the backing-up node and
     * disables direct I/O (ClusterPrepareSharedVolumeForBackup), so the other nodes' I/O goes
     * through that node until the backup ends (a pair backup: until the split), unless only that
     * node runs VMs on it (seed 004).
     */
    PINNED,
    /**
     * Windows Server 2012 and 2012 R2: the CSV writer and provider take the volume's snapshot; the
     * volume is in file-system redirection while the snapshot is taken and in direct I/O for the
     * rest of the backup; the coordinator stays where it is and any node may back up.
     */
    SNAPSHOT_ONLY,
    /**
     * Windows Server 2016 and later: host-level backup goes through WMI (recovery checkpoints,
     * reference points, resilient change tracking) with no VSS in the management OS, so the
     * volume is neither snapshotted nor redirected.
     */
    UNTOUCHED;

    /** The behaviour of a cluster of this profile. */
    static CsvSnapshots of(ClusterProfile p) {
        if (p.equals(ClusterProfile.WS2008R2) || p.equals(ClusterProfile.WS2008)) return PINNED;
        if (p.equals(ClusterProfile.WS2012) || p.equals(ClusterProfile.WS2012R2)) return SNAPSHOT_ONLY;
        return UNTOUCHED;
    }
}
