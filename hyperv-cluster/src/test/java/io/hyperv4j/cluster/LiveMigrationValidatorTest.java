package io.hyperv4j.cluster;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.cluster.sim.PaperClusters;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seed 002's non-fatal findings: slow or IPsec live-migration network, LM = CSV network, pass-through disks. */
class LiveMigrationValidatorTest {
    @Test
    void warnsAboutTheNetworkAndPassThroughDisks() {
        try (Lab lab = PaperClusters.seed002(0, SimClock.virtual(Lab.DEFAULT_START)); CimSession s = lab.session("ARIEL")) {
            FailoverCluster c = Clusters.of(s);
            ClusterGroup vm = c.group("ws2003r2-lm");
            assertEquals(List.of(), codes(c, vm), "the document's set-up: heartbeat for LM, management for CSV");
            ClusterLab.of(lab).configure("satellite").networkSpeed("heartbeat", 100e6, Duration.ofMillis(1)).ipsec("heartbeat", true);
            ClusterLab.of(lab).vm(vm.info().vmId(), t -> t.passThroughDisks(4));
            assertEquals(List.of("LM_NETWORK_SLOW", "LM_NETWORK_IPSEC", "PASS_THROUGH_DISKS"), codes(c, vm));
            ValidationWarning ptd = c.validateLiveMigration(vm).get(2);
            assertTrue(ptd.message().contains("6.6 s"), ptd.message()); // the paper measured 6.5 s
        }
    }

    static List<String> codes(FailoverCluster c, ClusterGroup g) {
        return c.validateLiveMigration(g).stream().map(ValidationWarning::code).toList();
    }
}
