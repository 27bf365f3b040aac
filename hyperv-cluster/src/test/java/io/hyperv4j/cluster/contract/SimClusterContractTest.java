package io.hyperv4j.cluster.contract;

import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cluster.Clusters;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.sim.Lab;

/** The cluster contract on the simulator's own session. */
class SimClusterContractTest extends ClusterContract {
    private CimSession session;

    @Override
    protected FailoverCluster open(Lab lab) {
        session = lab.session("host1");
        return Clusters.of(session);
    }

    @Override
    protected void release() {
        session.close();
    }
}
