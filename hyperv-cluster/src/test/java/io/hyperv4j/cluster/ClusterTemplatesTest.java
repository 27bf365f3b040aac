package io.hyperv4j.cluster;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.LabTemplate;
import io.hyperv4j.sim.LabTemplates;
import io.hyperv4j.sim.junit.HyperVSimulator;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** hyperv-cluster registers the seed papers' clusters as lab templates, reachable from Java and by URI. */
class ClusterTemplatesTest {

    @Test
    void theClusterTemplatesAreOnTheClassPath() {
        assertTrue(LabTemplates.all().stream().map(LabTemplate::name).toList()
                .containsAll(java.util.List.of("seed000-cluster", "seed002-cluster", "seed002-bare", "standalone")));
    }

    @Test
    @HyperVSimulator(template = "seed000-cluster", host = "host1")
    void aClusterLabConnectsToEachNode(HyperVHost host1, Lab lab) {
        assertEquals("SQL Server", host1.vms().get("SQL Server").lastKnownName(), "the 6 GB VM runs on host1");
        try (HyperVHost host2 = lab.connect("host2")) {
            assertTrue(host2.vms().findByName("SQL Server").isEmpty());
        }
    }

    @Test
    void theTemplateUriPicksTheNode() {
        try (HyperVHost host = HyperV.connect(URI.create("sim:template:seed000-cluster?host=host2&seed=0"))) {
            assertEquals("host2", host.name().toLowerCase(java.util.Locale.ROOT));
        }
    }
}
