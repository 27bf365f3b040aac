package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vmm noun on seed 000's managed pair: hosts, ratings, advice, a SAN transfer and a network transfer as a job, command by command. */
class VmmCliTest {
    @TempDir
    Path dir;
    final CliRunner cli = new CliRunner(Map.of());

    private CliRunner.Result run(Path lab, int expected, String... args) {
        return cli.onLab(lab, expected, args);
    }

    @Test
    void hostsRatingsAdviceAndMovesThroughTheCli() {
        Path lab = dir.resolve("vmm.json");
        assertEquals(0, cli.run("lab", "new", lab.toString(), "--template", "seed000-vmm").code());

        JsonNode hosts = run(lab, 0, "--json", "vmm", "host", "list").json();
        assertEquals("Seed 000", hosts.get(0).get("VMHostGroup").asText());
        assertEquals("Windows Server 2008 R2", hosts.get(1).get("OperatingSystem").asText());
        JsonNode ratings = run(lab, 0, "--json", "vmm", "host", "rating", "SQL Server").json();
        assertEquals("host2", ratings.get(0).get("VMHost").asText());
        assertTrue(ratings.get(0).get("Rating").asDouble() > 0);
        assertEquals("the VM already runs there", ratings.get(1).get("ZeroRatingReasonList").get(0).asText());

        JsonNode advice = run(lab, 0, "--json", "vmm", "advise", "SQL Server", "--host", "host2").json();
        assertEquals("San", advice.get("Recommended").asText());
        String text = run(lab, 0, "vmm", "advise", "SQL Server", "--host", "host2").out();
        assertTrue(text.contains("not a node of a failover cluster") && text.contains("105.3") && text.contains("945.7"), text);

        JsonNode moved = run(lab, 0, "--json", "vmm", "move", "SQL Server", "--host", "host2").json();
        assertEquals("San", moved.get("TransferType").asText());
        assertEquals(105.3, moved.get("DurationSeconds").asDouble(), 0.1);
        assertTrue(moved.get("Reason").asText().startsWith("least downtime"));
        assertTrue(run(lab, 1, "vmm", "move", "SQL Server", "--host", "host1", "--method", "live").err().contains("NOT_CLUSTERED")
                || run(lab, 1, "vmm", "move", "SQL Server", "--host", "host1", "--method", "live").err().contains("not a node of a failover cluster"));
        assertTrue(run(lab, 2, "vmm", "move", "SQL Server", "--host", "host1", "--method", "teleport").err().contains("teleport"));

        JsonNode job = run(lab, 0, "--json", "vmm", "move", "SQL Server", "--host", "host1", "--method", "network", "--as-job").json();
        String id = job.get("InstanceID").asText();
        JsonNode seen = run(lab, 0, "--json", "job", "get", id).json();
        assertEquals("Running", seen.get("State").asText(), seen.toString());
        assertEquals("host2", seen.get("Location").asText(), "the job runs on the source host");
        run(lab, 0, "job", "wait", id);
        assertEquals("Completed", run(lab, 0, "--json", "job", "get", id).json().get("State").asText());
        JsonNode after = run(lab, 0, "--json", "vmm", "host", "rating", "SQL Server").json();
        assertEquals("host2", after.get(0).get("VMHost").asText(), "the VM is on host1 again, so host2 is the best place for it");
    }
}
