package io.hyperv4j.cluster;

import io.hyperv4j.cim.CimInstance;

/**
 * A Cluster Shared Volume as last read (Get-ClusterSharedVolume: Name, State, OwnerNode, path).
 *
 * @param faultState MSCluster_ClusterSharedVolume.FaultState bits: 1 redirected access, 2 no access, 4 maintenance
 */
public record CsvInfo(String name, String path, String ownerNode, long faultState, boolean backupInProgress) {
    /**
     * FaultState bit 1: I/O is redirected through the owner node.
     *
     * @return whether it is set
     */
    public boolean redirectedAccess() { return (faultState & 1) != 0; }
    /**
     * FaultState bit 2: no access.
     *
     * @return whether it is set
     */
    public boolean noAccess() { return (faultState & 2) != 0; }
    /**
     * FaultState bit 4: in maintenance.
     *
     * @return whether it is set
     */
    public boolean inMaintenance() { return (faultState & 4) != 0; }

    static CsvInfo from(CimInstance i, String owner) {
        return new CsvInfo(MsCluster.str(i, "Name"), MsCluster.str(i, "VolumeName"), owner,
                MsCluster.num(i, "FaultState", 0), MsCluster.num(i, "BackupState", 0) == 1);
    }
}
