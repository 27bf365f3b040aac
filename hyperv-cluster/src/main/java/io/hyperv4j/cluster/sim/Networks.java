package io.hyperv4j.cluster.sim;

import static io.hyperv4j.cluster.sim.ClusterEngine.refusal;
import static io.hyperv4j.cluster.sim.ClusterError.*;

import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.Txn;
import java.util.List;

/**
 * The cluster's networks: a network's metric and the cluster-wide order of live-migration
 * networks. Called under the lab lock; a refusal changes nothing.
 */
final class Networks {
    private final ClusterEngine engine;
    private final Lab lab;

    Networks(ClusterEngine engine) {
        this.engine = engine;
        this.lab = engine.lab;
    }

    void networkMetric(Txn txn, SimNetwork n, long metric) {
        if (metric < 0 || metric > 0xFFFFFFFFL) throw refusal(ERROR_CLUSTER_PARAMETER_OUT_OF_BOUNDS, "metric " + metric + " is out of range");
        txn.touch(n);
        n.metric = metric;
        n.autoMetric = false;
    }

    void migrationNetworks(Txn txn, SimCluster c, List<String> order) {
        for (String n : order)
            if (c.network(n) == null) throw refusal(ERROR_CLUSTER_NETWORK_NOT_FOUND, "cluster " + c.name + " has no network '" + n + "'");
        if (order.isEmpty()) throw refusal(ERROR_INVALID_PARAMETER, "select at least one network for live migration");
        txn.touch(c);
        c.groups.values().forEach(txn::touch);
        c.migrationNetworkOrder.clear();
        for (String n : order) c.migrationNetworkOrder.add(c.network(n).name);
    }

    /** The adapters of the cluster's nodes connected to {@code n} take its link speed: their Current Bandwidth follows the network. */
    void linkSpeedOfAdapters(Txn txn, SimCluster c, SimNetwork n) {
        for (SimNode node : c.nodes.values())
            if (lab.host(node.name) != null) lab.linkSpeed(txn, node.name, n.name, Math.round(n.bitsPerSecond));
    }
}
