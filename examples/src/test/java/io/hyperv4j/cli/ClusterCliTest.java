package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster noun against the seed 002 template: state carries over between commands through the lab file. */
class ClusterCliTest {
    @TempDir
    Path dir;
    final CliRunner cli = new CliRunner(Map.of());

    private CliRunner.Result run(Path lab, int expected, String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "--lab";
        full[1] = lab.toString();
        System.arraycopy(args, 0, full, 2, args.length);
        CliRunner.Result r = cli.run(full);
        assertEquals(expected, r.code(), r.toString());
        return r;
    }

    @Test
    void templatesAreListed() {
        CliRunner.Result r = cli.run("lab", "templates");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("seed002-cluster") && r.out().contains("seed000-cluster") && r.out().contains("seed002-bare"), r.out());
    }

    @Test
    void moveDrainAndNetworkMetricThroughTheCli() {
        Path lab = dir.resolve("cluster.json");
        assertEquals(0, cli.run("lab", "new", lab.toString(), "--template", "seed002-cluster").code());

        JsonNode nodes = run(lab, 0, "--json", "cluster", "node", "list").json();
        assertEquals(2, nodes.size());
        assertEquals("ARIEL", nodes.get(0).get("Name").asText());
        assertEquals("Up", nodes.get(0).get("State").asText());

        JsonNode moved = run(lab, 0, "--json", "cluster", "group", "move", "ws2003r2-lm", "--node", "umbriel").json();
        assertEquals("umbriel", moved.get(0).get("OwnerNode").asText());
        assertEquals("Online", moved.get(0).get("State").asText());
        JsonNode groups = run(lab, 0, "--json", "cluster", "group", "list").json();
        JsonNode vm = null;
        for (JsonNode g : groups) if (g.get("Name").asText().equals("ws2003r2-lm")) vm = g;
        assertNotNull(vm, groups.toString());
        assertEquals("umbriel", vm.get("OwnerNode").asText(), "the move was saved with the lab");
        assertEquals("VirtualMachine", vm.get("GroupType").asText());

        run(lab, 1, "cluster", "group", "move", "ws2003r2-lm", "--node", "umbriel");
        run(lab, 2, "cluster", "group", "move", "ws2003r2-lm", "--node", "ARIEL", "--migration-type", "sideways");

        JsonNode drained = run(lab, 0, "--json", "cluster", "node", "pause", "umbriel", "--drain").json();
        assertEquals("Paused", drained.get(0).get("State").asText());
        assertEquals("Completed", drained.get(0).get("DrainStatus").asText());
        run(lab, 0, "cluster", "node", "resume", "umbriel");

        JsonNode net = run(lab, 0, "--json", "cluster", "network", "set", "management", "--metric", "2000").json();
        assertEquals(2000, net.get(0).get("Metric").asLong());
        assertFalse(net.get(0).get("AutoMetric").asBoolean());

        JsonNode csv = run(lab, 0, "--json", "cluster", "csv", "redirect", "Cluster Disk 1", "on").json();
        assertEquals("Redirected", csv.get(0).get("State").asText());
        assertEquals("C:\\ClusterStorage\\Volume1", csv.get(0).get("FriendlyVolumeName").asText());
        assertEquals("ARIEL", run(lab, 0, "--json", "cluster", "group", "list").json().get(1).get("OwnerNode").asText());
    }

    /** Issue 11: {@code cluster group list --watch} prints a role's move as it happens. */
    @Test
    void groupListWatchPrintsTheOwnerChangeOfAMove() {
        Path lab = dir.resolve("watch.json");
        assertEquals(0, cli.run("lab", "new", lab.toString(), "--template", "seed002-cluster").code());
        run(lab, 0, "cluster", "group", "move", "ws2003r2-lm", "--node", "umbriel", "--as-job");
        CliRunner.Result r = run(lab, 0, "cluster", "group", "list", "--watch", "--count", "1", "--timeout", "10m");
        assertTrue(r.out().contains("ws2003r2-lm"), "the list first: " + r);
        assertTrue(r.out().lines().anyMatch(l -> l.contains("__InstanceModificationEvent") && l.contains("MSCluster_ResourceGroup")), r.toString());
        assertTrue(r.err().contains("1 event"), r.toString());
    }
}
