package io.hyperv4j.cluster;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.NotSupportedException;
import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.spi.HostCapability;

/**
 * Gives a host that is a failover-cluster node its {@link FailoverCluster}
 * ({@code host.capability(FailoverCluster.class)}), with the host's operation timeout; found by
 * {@link java.util.ServiceLoader}, never called by users. A host that is no cluster node (no
 * root\MSCluster, or no cluster in it) gets {@link NotSupportedException} saying so.
 */
public final class FailoverClusterCapability implements HostCapability<FailoverCluster> {

    @Override
    public Class<FailoverCluster> type() {
        return FailoverCluster.class;
    }

    @Override
    public FailoverCluster open(HyperVHost host) {
        try {
            if (MsCluster.all(host.session(), MsCluster.CLUSTER).isEmpty())
                throw new NotSupportedException("host " + host.name() + " is not a failover cluster node: root\\MSCluster has no cluster");
        } catch (CimException e) {
            if (e.error() != CimError.INVALID_NAMESPACE && e.error() != CimError.INVALID_CLASS) throw e;
            throw new NotSupportedException("host " + host.name() + " is not a failover cluster node: " + e.getMessage());
        }
        return new FailoverCluster(host.session(), host.options().operationTimeout());
    }
}
