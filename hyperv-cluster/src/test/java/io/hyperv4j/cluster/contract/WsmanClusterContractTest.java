package io.hyperv4j.cluster.contract;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.wsman.ServedLab;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster contract through WS-Management: host1 of the lab served by the WS-Management server on
 * loopback, reached with {@code wsman://} (NTLMv2, every message sealed) by the typed API.
 */
class WsmanClusterContractTest extends ClusterContract {
    @TempDir
    Path dir;
    private ServedLab served;
    private HyperVHost host;

    /** How the lab is served and reached. */
    protected ServedLab.Security security() {
        return ServedLab.Security.NTLM;
    }

    @Override
    protected FailoverCluster open(Lab lab) {
        served = ServedLab.serve(lab, "host1", security(), dir);
        host = HyperV.connect(served.uri(), served.login());
        return host.capability(FailoverCluster.class);
    }

    @Override
    protected void release() {
        host.close();
        served.server.close();
    }
}
