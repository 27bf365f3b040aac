package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor and fault nouns on seed 001's lab templates, command by command, the monitor kept in the lab file. */
class MonitorCliTest {
    @TempDir
    Path dir;
    final CliRunner cli = new CliRunner(Map.of());

    private Path lab(String template) {
        Path f = dir.resolve(template + ".json");
        CliRunner.Result r = cli.run("lab", "new", f.toString(), "--template", template);
        assertEquals(0, r.code(), r.toString());
        return f;
    }

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
    void aGuardedScriptSkipsTheSecondFailoverAfterAPowerOff() throws Exception {
        Path lab = lab("seed001-monitored");
        run(lab, 0, "monitor", "probe", "add", "PD_DD", "--interval", "60", "--timeout", "6");
        run(lab, 0, "monitor", "alarm", "bind", "script", "--alarm", "PD_DD", "--guard");
        String alarms = run(lab, 0, "monitor", "alarm", "list").out();
        assertTrue(alarms.contains("PD_DD  PROBE  SQL Server  NORMAL") && alarms.contains("[guarded]"), alarms);
        assertTrue(Files.readString(lab).contains("\"PD_DD\""), "the probe is in the lab file");
        run(lab, 0, "monitor", "run", "150s");
        run(lab, 0, "fault", "inject", "power-off", "--host", "host1");
        String after = run(lab, 0, "monitor", "run", "10m").out();
        assertTrue(after.contains("SQL Server on host2, service RUNNING"), after);
        String history = run(lab, 0, "monitor", "history").out();
        assertTrue(history.contains("FIRED PD_DD") && history.contains("ACTION_SKIPPED") && !history.contains("ACTION_STARTED"), history);
    }

    @Test
    void anApplicationStopIsFailedOverByTheMonitorAcrossCommands() {
        Path lab = lab("seed001-monitored");
        run(lab, 0, "monitor", "probe", "add", "PD_DD");
        run(lab, 0, "monitor", "alarm", "bind", "script", "--alarm", "PD_DD", "--guard");
        run(lab, 0, "monitor", "run", "30s");
        run(lab, 0, "fault", "inject", "application", "--vm", "SQL Server");
        // cut the run where the action is under way: the saved table resumes it from the lab file
        for (int i = 0; i < 12; i++) run(lab, 0, "monitor", "run", "25s");
        String history = run(lab, 0, "monitor", "history").out();
        assertTrue(history.contains("FIRED PD_DD") && history.contains("ACTION_STARTED") && history.contains("ACTION_SUCCEEDED")
                && history.contains("RECOVERED PD_DD") && !history.contains("ACTION_FAILED"), history);
        String status = run(lab, 0, "monitor", "run", "1s").out();
        assertTrue(status.contains("SQL Server on host2, service RUNNING"), status);
    }

    @Test
    void theGuestClusterTemplateFailsOverInsideItsGuests() {
        Path lab = lab("seed001-guest-cluster");
        run(lab, 0, "monitor", "probe", "add", "SQL1", "--vm", "SQL Server 1");
        run(lab, 0, "monitor", "alarm", "bind", "start-service", "--alarm", "SQL1", "--vm", "SQL Server 1");
        String before = run(lab, 0, "monitor", "run", "10s").out();
        assertTrue(before.contains("guest cluster sqlcluster (10.0.0.50): active SQL Server 1, 0 failover(s)"), before);
        run(lab, 0, "fault", "inject", "application", "--vm", "SQL Server 1");
        String after = run(lab, 0, "monitor", "run", "2m").out();
        assertTrue(after.contains("active SQL Server 2, 1 failover(s)") && after.contains("SQL Server 2 on host2, service RUNNING"), after);
        String history = run(lab, 0, "monitor", "history").out();
        assertTrue(history.contains("FIRED SQL1"), history);
        run(lab, 0, "monitor", "probe", "add", "SQL2", "--vm", "SQL Server 2");
        run(lab, 0, "monitor", "alarm", "bind", "failover", "--alarm", "SQL2", "--vm", "SQL Server 2");
        run(lab, 0, "monitor", "alarm", "bind", "restart", "--alarm", "SQL2", "--vm", "SQL Server 2");
        run(lab, 0, "fault", "inject", "guest-os", "--vm", "SQL Server 2");
        String restarted = run(lab, 0, "monitor", "run", "5m").out();
        String h2 = run(lab, 0, "monitor", "history").out();
        assertTrue(h2.contains("action=failover : 'SQL Server 2' is no role of a host cluster"), h2);
        assertTrue(h2.contains("ACTION_SUCCEEDED SQL2 vm=SQL Server 2 action=restart"), h2);
        // the crashed active guest lost the role inside the guest cluster; after its reset it is the passive node
        assertTrue(restarted.contains("active SQL Server 1, 2 failover(s)") && restarted.contains("SQL Server 2 on host2, service STOPPED"), restarted);
    }

    @Test
    void aGracefulStopGoesThroughStoppingAndTheMonitorBringsTheServiceBack() {
        Path lab = lab("seed001-monitored");
        run(lab, 0, "monitor", "probe", "add", "PD_DD");
        run(lab, 0, "monitor", "alarm", "bind", "script", "--alarm", "PD_DD", "--guard");
        run(lab, 0, "monitor", "run", "30s");
        run(lab, 0, "fault", "inject", "application", "--vm", "SQL Server", "--graceful");
        assertTrue(run(lab, 0, "monitor", "run", "1s").out().contains("SQL Server on host1, service STOPPING"));
        assertTrue(run(lab, 0, "monitor", "run", "10s").out().contains("SQL Server on host1, service STOPPED"));
        String after = run(lab, 0, "monitor", "run", "5m").out();
        assertTrue(after.contains("SQL Server on host2, service RUNNING"), after);
    }

    @Test
    void badInputIsRefusedAndTheLabFileIsUnchanged() throws Exception {
        Path lab = lab("seed001-monitored");
        run(lab, 0, "monitor", "probe", "add", "PD_DD");
        byte[] before = Files.readAllBytes(lab);
        assertTrue(run(lab, 1, "fault", "inject", "flux-capacitor", "--host", "host1").err().contains("unknown fault location 'flux-capacitor'"));
        assertTrue(run(lab, 1, "monitor", "probe", "add", "P2", "--interval", "0").err().contains("interval must be positive"));
        assertTrue(run(lab, 1, "monitor", "probe", "add", "P3", "--interval", "-5").err().contains("interval must be positive"));
        assertTrue(run(lab, 1, "monitor", "alarm", "bind", "failover", "--alarm", "PD_DD", "--vm", "Ghost").err().contains("no VM 'Ghost'"));
        assertTrue(run(lab, 1, "monitor", "alarm", "bind", "failover", "--alarm", "NOPE").err().contains("no alarm 'NOPE'"));
        assertTrue(run(lab, 1, "fault", "inject", "application", "--host", "host1").err().contains("--vm"));
        assertTrue(run(lab, 1, "fault", "inject", "cpu", "--host", "host1", "--graceful").err().contains("--graceful"));
        assertTrue(run(lab, 1, "fault", "inject", "application", "--vm", "Ghost").err().contains("Ghost"));
        assertArrayEquals(before, Files.readAllBytes(lab), "a refused command leaves the lab file byte for byte");
    }
}
