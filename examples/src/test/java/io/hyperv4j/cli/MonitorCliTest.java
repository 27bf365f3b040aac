package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor and fault nouns: seed 001's power-off with the guarded script, command by command, across runs. */
class MonitorCliTest {
    @TempDir
    Path dir;
    final CliRunner cli = new CliRunner(Map.of());

    private CliRunner.Result run(int expected, String... args) {
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--file";
        full[args.length + 1] = dir.resolve("monitor.json").toString();
        CliRunner.Result r = cli.run(full);
        assertEquals(expected, r.code(), r.toString());
        return r;
    }

    @Test
    void aGuardedScriptSkipsTheSecondFailoverAfterAPowerOff() throws Exception {
        run(0, "monitor", "probe", "add", "PD_DD", "--interval", "60", "--timeout", "6");
        run(0, "monitor", "alarm", "bind", "script", "--alarm", "PD_DD", "--guard");
        String alarms = run(0, "monitor", "alarm", "list").out();
        assertTrue(alarms.contains("PD_DD  PROBE  SQL Server  NORMAL") && alarms.contains("[guarded]"), alarms);
        run(0, "monitor", "run", "150s");
        run(0, "fault", "inject", "power-off", "--host", "host1");
        String after = run(0, "monitor", "run", "10m").out();
        assertTrue(after.contains("SQL Server on host2, service RUNNING"), after);
        String history = run(0, "monitor", "history").out();
        assertTrue(history.contains("FIRED PD_DD") && history.contains("ACTION_SKIPPED") && !history.contains("ACTION_STARTED"), history);
    }

    @Test
    void badInputIsRefusedAndTheSessionFileIsUnchanged() throws Exception {
        run(0, "monitor", "probe", "add", "PD_DD");
        String before = Files.readString(dir.resolve("monitor.json"));
        assertTrue(run(1, "fault", "inject", "flux-capacitor", "--host", "host1").err().contains("unknown fault location 'flux-capacitor'"));
        assertTrue(run(1, "monitor", "probe", "add", "P2", "--interval", "0").err().contains("interval must be positive"));
        assertTrue(run(1, "monitor", "probe", "add", "P3", "--interval", "-5").err().contains("interval must be positive"));
        assertTrue(run(1, "monitor", "alarm", "bind", "failover", "--alarm", "PD_DD", "--vm", "Ghost").err().contains("no VM 'Ghost'"));
        assertTrue(run(1, "fault", "inject", "application", "--host", "host1").err().contains("--vm"));
        assertEquals(before, Files.readString(dir.resolve("monitor.json")));
    }
}
