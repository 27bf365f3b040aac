package io.hyperv4j.cluster.contract;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.wsman.ServedLab;
import java.net.URI;
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

    @Override
    protected FailoverCluster open(Lab lab) {
        served = ServedLab.serve(lab, "host1", false, dir);
        host = HyperV.connect(URI.create("wsman://127.0.0.1:" + served.server.port()), ServedLab.credentials());
        return host.capability(FailoverCluster.class);
    }

    @Override
    protected void release() {
        host.close();
        served.server.close();
    }
}
