package io.hyperv4j.cluster;

import io.hyperv4j.cim.CimInstance;

/** A node as last read (Get-ClusterNode: Name, State, DrainStatus). */
public record NodeInfo(String name, String id, NodeState state, DrainStatus drainStatus, String drainTarget) {
    static NodeInfo from(CimInstance i) {
        return new NodeInfo(MsCluster.str(i, "Name"), MsCluster.str(i, "Id"),
                Enums.fromCode(NodeState.class, MsCluster.num(i, "State", -1), NodeState.UNKNOWN),
                Enums.fromCode(DrainStatus.class, MsCluster.num(i, "NodeDrainStatus", -1), DrainStatus.UNKNOWN),
                MsCluster.str(i, "NodeDrainTarget"));
    }
}
