package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Long operations as jobs, from the tool alone, each command a separate load and save of the lab:
 * seed 000's live migration started with --as-job goes on between commands, shows in the counters
 * the next command samples (the live-migration adapters at the 1 GbE line rate) and ends with the
 * owner change at about 73 s; a cancelled one leaves the VM running on its source; host jobs
 * (Msvm_ConcreteJob) are listed and waited for the same way.
 */
class JobCliTest extends LabCli.OnSeed000 {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SENT = "\\\\host1\\Network Interface(*)\\Bytes Sent/sec";
    static final String RECEIVED = "\\\\host2\\Network Interface(*)\\Bytes Received/sec";
    static final String MIGRATION_ADAPTER = "live migration network";

    private String startMigrationAsJob() {
        JsonNode started = run(0, "--json", "cluster", "group", "move", "SQL Server", "--node", "host2", "--as-job").json();
        assertEquals("ClusterGroupMove", started.get("JobType").asText());
        assertEquals("Running", started.get("State").asText(), "it returned at once");
        assertEquals("host1", started.get("Location").asText());
        return started.get("Id").asText();
    }

    /** One sample set per line: the live-migration adapter's value of {@code path} in each. */
    private static double[] migrationAdapter(String jsonLines, String host) throws Exception {
        List<Double> out = new ArrayList<>();
        for (String line : jsonLines.strip().split("\n")) {
            for (JsonNode s : JSON.readTree(line).get("CounterSamples")) {
                if (s.get("Path").asText().startsWith("\\\\" + host + "\\") && s.get("InstanceName").asText().equals(MIGRATION_ADAPTER))
                    out.add(s.get("CookedValue").asDouble());
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void theLiveMigrationStartedAsAJobShowsInTheNextCommandsCountersAndEndsAtAbout73Seconds() throws Exception {
        String id = startMigrationAsJob();
        JsonNode listed = run(0, "--json", "job", "list").json();
        assertEquals(1, listed.size(), listed.toString());
        assertEquals(id, listed.get(0).get("Id").asText());
        assertEquals("Running", listed.get(0).get("State").asText(), "the move went on between the commands");

        CliRunner.Result sampled = run(0, "--json", "counter", "get", SENT, RECEIVED, "--samples", "80", "--interval", "1s");
        double[] sent = migrationAdapter(sampled.out(), "host1");
        double[] received = migrationAdapter(sampled.out(), "host2");
        assertEquals(80, sent.length, sampled.out());
        assertEquals(80, received.length);
        int copying = 0, lastBusy = -1;
        for (int s = 0; s < 80; s++) {
            if (sent[s] > 1e6) lastBusy = s;
            if (sent[s] > 100e6) {
                copying++;
                assertTrue(sent[s] >= 110e6 && sent[s] <= 125e6, "second " + s + ": host1 sent " + sent[s] + " B/s, not about the 1 GbE line rate");
                assertEquals(sent[s], received[s], sent[s] * 0.01, "second " + s + ": what host1 sends host2 receives");
            }
        }
        assertTrue(copying >= 60, "the copy lasted " + copying + " s at line rate");
        assertTrue(lastBusy >= 70 && lastBusy <= 74, "the adapters go quiet at the switch-over, at about 73 s: last busy second " + lastBusy);
        assertTrue(sent[79] < 1e6 && received[79] < 1e6, "nothing crosses after the move");

        JsonNode job = run(0, "--json", "job", "get", id).json();
        assertEquals("Completed", job.get("State").asText(), job.toString());
        assertEquals(100, job.get("PercentComplete").asInt());
        Duration took = Duration.between(Instant.parse(job.get("BeginTime").asText()), Instant.parse(job.get("EndTime").asText()));
        assertEquals(73.0, took.toMillis() / 1000.0, 1.0, "the owner changed at about 73 s: " + job);
        JsonNode groups = run(0, "--json", "cluster", "group", "list").json();
        for (JsonNode g : groups) if (g.get("Name").asText().equals("SQL Server")) assertEquals("host2", g.get("OwnerNode").asText());
        assertEquals("Running", run(0, "--json", "--computer-name", "host2", "vm", "get", "SQL Server").json().get("State").asText());
    }

    @Test
    void jobWaitFollowsTheMoveToItsEndAndCancelLeavesTheVmRunningOnItsSource() {
        String first = startMigrationAsJob();
        JsonNode waited = run(0, "--json", "job", "wait", first).json();
        assertEquals("Completed", waited.get("State").asText(), waited.toString());
        Duration took = Duration.between(Instant.parse(waited.get("BeginTime").asText()), Instant.parse(waited.get("EndTime").asText()));
        assertEquals(73.0, took.toMillis() / 1000.0, 1.0);

        JsonNode back = run(0, "--json", "cluster", "group", "move", "SQL Server", "--node", "host1", "--as-job").json();
        String id = back.get("Id").asText();
        run(0, "counter", "get", "\\Memory\\Available MBytes", "--samples", "20"); // 20 s of the move pass
        JsonNode during = run(0, "--json", "job", "get", id).json();
        assertEquals("Running", during.get("State").asText());
        assertTrue(during.get("PercentComplete").asInt() > 10 && during.get("PercentComplete").asInt() < 99, during.toString());

        JsonNode cancelled = run(0, "--json", "job", "cancel", id).json();
        assertEquals("Stopped", cancelled.get("State").asText(), cancelled.toString());
        JsonNode vm = run(0, "--json", "--computer-name", "host2", "vm", "get", "SQL Server").json();
        assertEquals("Running", vm.get("State").asText(), "the VM keeps running on its source");
        assertEquals("host2", vm.get("ComputerName").asText());
        run(0, "counter", "get", "\\Memory\\Available MBytes", "--samples", "90");
        for (JsonNode g : run(0, "--json", "cluster", "group", "list").json())
            if (g.get("Name").asText().equals("SQL Server")) assertEquals("host2", g.get("OwnerNode").asText(), "nothing of the move is left to run");
        CliRunner.Result again = run(1, "job", "wait", id);
        assertTrue(again.err().contains("stopped"), again.err());
        assertTrue(run(1, "job", "cancel", id).err().contains("not running"));
    }

    @Test
    void hostJobsAreListedAndWaitedForAndAnUnknownIdFails() {
        run(0, "vm", "new", "web1", "--computer-name", "host2");
        JsonNode started = run(0, "--json", "--computer-name", "host2", "vm", "start", "web1", "--as-job").json();
        String id = started.get("InstanceID").asText();
        assertFalse(id.isEmpty(), started.toString());
        JsonNode listed = run(0, "--json", "job", "list").json();
        JsonNode mine = null;
        for (JsonNode j : listed) if (j.get("Id").asText().equalsIgnoreCase(id)) mine = j;
        assertNotNull(mine, "the host job is listed from the default host's command too: " + listed);
        assertEquals("Msvm_ConcreteJob", mine.get("JobType").asText());
        assertEquals("host2", mine.get("Location").asText());
        JsonNode done = run(0, "--json", "job", "wait", id).json();
        assertEquals("Completed", done.get("State").asText(), done.toString());
        assertEquals("Running", run(0, "--json", "--computer-name", "host2", "vm", "get", "web1").json().get("State").asText());

        CliRunner.Result unknown = run(1, "job", "get", "00000000-0000-0000-0000-000000000000");
        assertTrue(unknown.err().contains("host1, host2"), unknown.err());
    }

    @Test
    void aDrainAsAJobAndTheJobTableSurviveInTheirFile() throws Exception {
        JsonNode drain = run(0, "--json", "cluster", "node", "pause", "host1", "--drain", "--as-job").json();
        assertEquals("ClusterNodeDrain", drain.get("JobType").asText());
        assertTrue(Files.isRegularFile(JobTable.fileOf(lab.file())), "the job table is kept beside the lab");
        JsonNode waited = run(0, "--json", "job", "wait", drain.get("Id").asText()).json();
        assertEquals("Completed", waited.get("State").asText(), waited.toString());
        JsonNode nodes = run(0, "--json", "cluster", "node", "list").json();
        assertEquals("Completed", nodes.get(0).get("DrainStatus").asText());
        run(2, "cluster", "node", "resume", "host1", "--as-job");

        assertEquals(0, cli.run("lab", "new", lab.file().toString(), "--template", "seed000-cluster", "--force").code());
        assertEquals(0, run(0, "--json", "job", "list").json().size(), "a replaced lab starts with no jobs");
    }

    @Test
    void checkpointAndHostDiskOperationsRunAsJobsToo() {
        run(0, "vm", "new", "web1", "--computer-name", "host2");
        JsonNode cp = run(0, "--json", "--computer-name", "host2", "checkpoint", "new", "web1", "--name", "before", "--as-job").json();
        assertEquals("host2", cp.get("ComputerName").asText());
        assertEquals("Completed", run(0, "--json", "job", "wait", cp.get("InstanceID").asText()).json().get("State").asText());
        assertEquals("before", run(0, "--json", "--computer-name", "host2", "checkpoint", "list", "web1").json().get(0).get("Name").asText());

        Path disk = dir.resolve("d.vhdx").toAbsolutePath();
        JsonNode made = run(0, "--json", "vhd", "new", disk.toString(), "--size", "1GB", "--as-job").json();
        assertEquals("Completed", run(0, "--json", "job", "wait", made.get("InstanceID").asText()).json().get("State").asText());
        assertTrue(Files.isRegularFile(disk));
        CliRunner.Result local = cli.run("vhd", "new", dir.resolve("e.vhdx").toString(), "--size", "1GB", "--as-job");
        assertEquals(2, local.code(), local.toString());
    }

    @Test
    void aJobWhoseRoleIsGoneFailsWithoutFailingOtherCommands() throws Exception {
        String id = startMigrationAsJob();
        Path table = JobTable.fileOf(lab.file()); // a table that no longer matches its lab (the lab file was replaced by hand)
        Files.writeString(table, Files.readString(table).replace("\"Target\" : \"SQL Server\"", "\"Target\" : \"Gone\""));
        assertEquals(1, run(0, "--json", "vm", "list").json().size(), "other commands still work");
        JsonNode job = run(0, "--json", "job", "get", id).json();
        assertEquals("Failed", job.get("State").asText(), job.toString());
        assertTrue(job.get("Error").asText().contains("cannot follow it"), job.toString());
    }
}
