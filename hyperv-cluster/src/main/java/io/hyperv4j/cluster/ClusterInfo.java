package io.hyperv4j.cluster;

import io.hyperv4j.cim.CimInstance;

/** The cluster as last read (Get-Cluster: Name, Domain-qualified name, EnableSharedVolumes). */
public record ClusterInfo(String name, String fqdn, boolean sharedVolumesEnabled, String sharedVolumesRoot, String description) {
    static ClusterInfo from(CimInstance i) {
        return new ClusterInfo(MsCluster.str(i, "Name"), MsCluster.str(i, "Fqdn"), MsCluster.num(i, "EnableSharedVolumes", 0) == 1,
                MsCluster.str(i, "SharedVolumesRoot"), MsCluster.str(i, "Description"));
    }
}
