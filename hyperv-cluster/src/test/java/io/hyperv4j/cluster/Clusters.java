package io.hyperv4j.cluster;

import io.hyperv4j.ConnectOptions;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.cim.CimSession;
import java.net.URI;

/** Tests reach a lab node's cluster as users reach a host's: through the host capability. */
public final class Clusters {
    private Clusters() {
    }

    /** The cluster seen from {@code session} (a lab node's), with the default connect options. */
    public static FailoverCluster of(CimSession session) {
        return new HyperVHost(URI.create("sim://" + session.host()), session, ConnectOptions.defaults()).capability(FailoverCluster.class);
    }
}
