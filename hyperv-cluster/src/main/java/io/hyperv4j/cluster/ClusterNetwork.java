package io.hyperv4j.cluster;

import static io.hyperv4j.cluster.MsCluster.*;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;

/**
 * A cluster network (MSCluster_Network). The lowest metric carries CSV traffic. A handle holding only
 * the network's name; thread-safe.
 */
public final class ClusterNetwork {
    private final FailoverCluster cluster;
    private final String name;

    ClusterNetwork(FailoverCluster cluster, String name) {
        this.cluster = cluster;
        this.name = name;
    }

    /**
     * The network's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The network as read now.
     *
     * @return its role, metric and state
     */
    public NetworkInfo info() {
        return NetworkInfo.from(get(cluster.session(), NETWORK, name, "cluster network"));
    }

    /**
     * {@code (Get-ClusterNetwork name).Metric = m}: AutoMetric becomes false.
     *
     * @param metric the new metric, a uint32
     * @return the network as read afterwards
     * @throws IllegalArgumentException when the metric is no uint32
     */
    public NetworkInfo setMetric(long metric) {
        if (metric < 0 || metric > 0xFFFFFFFFL) throw new IllegalArgumentException("metric must be a uint32: " + metric);
        CimInstance i = get(cluster.session(), NETWORK, name, "cluster network");
        modify(cluster.session(), i.toBuilder().put("Metric", CimValue.uint32(metric)).build(), "metric of network " + name);
        return info();
    }

    @Override
    public String toString() {
        return "ClusterNetwork[" + name + "]";
    }
}
