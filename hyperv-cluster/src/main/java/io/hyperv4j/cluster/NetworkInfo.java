package io.hyperv4j.cluster;

import io.hyperv4j.cim.CimInstance;

/** A cluster network as last read (Get-ClusterNetwork: Name, Metric, AutoMetric, Role, State, Address). */
public record NetworkInfo(String name, NetworkRole role, long metric, boolean autoMetric, NetworkState state,
                          String address, String description) {
    static NetworkInfo from(CimInstance i) {
        return new NetworkInfo(MsCluster.str(i, "Name"),
                Enums.fromCode(NetworkRole.class, MsCluster.num(i, "Role", -1), NetworkRole.UNKNOWN),
                MsCluster.num(i, "Metric", 0), MsCluster.bool(i, "AutoMetric"),
                Enums.fromCode(NetworkState.class, MsCluster.num(i, "State", -1), NetworkState.UNKNOWN),
                MsCluster.str(i, "Address"), MsCluster.str(i, "Description"));
    }
}
