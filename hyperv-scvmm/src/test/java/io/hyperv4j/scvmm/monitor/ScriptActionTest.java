package io.hyperv4j.scvmm.monitor;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.cluster.MigrationType;
import io.hyperv4j.job.Operation;
import io.hyperv4j.scvmm.monitor.spi.ManagementServer;
import io.hyperv4j.scvmm.sim.guest.Seed001;
import io.hyperv4j.scvmm.sim.guest.SimMonitorClock;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Script action runs a real process (a JVM running {@link Child}, present wherever the tests run).
 * The monitor's clock is virtual; the test waits (with a finite real-time bound) only for the process.
 */
class ScriptActionTest {
    private static final Duration PROCESS_WAIT = Duration.ofSeconds(60);
    private static final String ALARM = "PD_DD";

    /** The script: exits with args[0] when HV_VM is args[1] and HV_ALARM args[2] (else 99); "hang" runs for ten minutes. */
    public static final class Child {
        public static void main(String[] args) throws InterruptedException {
            if (args[0].equals("hang")) Thread.sleep(600_000);
            boolean env = args[1].equals(System.getenv("HV_VM")) && args[2].equals(System.getenv("HV_ALARM"));
            System.exit(env ? Integer.parseInt(args[0]) : 99);
        }
    }

    private Seed001.MonitoredHostCluster mhc;
    private ClusterManagementServer server;
    private final List<Operation<?>> scripts = new ArrayList<>();
    private AlarmTable table;
    private SimMonitorClock clock;
    private final boolean[] up = {true};

    @BeforeEach
    void setUp() {
        mhc = Seed001.monitoredHostCluster(1, SimClock.virtual(Lab.DEFAULT_START));
        clock = new SimMonitorClock(mhc.lab().clock());
        server = new ClusterManagementServer(mhc.lab().connect("host2").capability(FailoverCluster.class), mhc.guests(), h -> true, clock);
        table = new AlarmTable(clock, new Recording(server), MonitorTimings.immediate());
        table.addProbe(ALARM, Seed001.VM, t -> new ProbeResult(up[0], Duration.ZERO, up[0] ? "up" : "down"), Duration.ofSeconds(10), Duration.ofSeconds(1));
    }

    @AfterEach
    void tearDown() {
        scripts.forEach(Operation::cancel);
        server.close();
        mhc.close();
    }

    /** A command line running {@link Child} in a new JVM (the one running the tests, so present wherever they run). */
    static List<String> child(String exitCode, String vm, String alarm) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-cp", System.getProperty("java.class.path"), Child.class.getName(), exitCode, vm, alarm);
    }

    private static List<String> child(String exitCode) {
        return child(exitCode, Seed001.VM, ALARM);
    }

    /** Fails the probe and lets the table fire and start the script. */
    private Operation<?> fire(MonitorAction.Script script) {
        table.bind(ALARM, Seed001.VM, script, false);
        up[0] = false;
        mhc.lab().clock().advance(Duration.ofSeconds(10));
        assertEquals(1, scripts.size(), "the script started: " + table.history());
        return scripts.get(0);
    }

    private List<MonitorEvent> actions() {
        return table.history().stream().filter(e -> e.kind().name().startsWith("ACTION_")).toList();
    }

    @Test
    void aScriptThatExitsNonZeroFailsTheActionWithItsExitCode() {
        Operation<?> run = fire(new MonitorAction.Script(child("3")));
        assertEquals(3, run.await(PROCESS_WAIT), "the script saw HV_VM and HV_ALARM");
        mhc.lab().clock().advance(Duration.ofSeconds(2));
        List<MonitorEvent> a = actions();
        assertEquals(List.of(MonitorEvent.Kind.ACTION_STARTED, MonitorEvent.Kind.ACTION_FAILED), a.stream().map(MonitorEvent::kind).toList());
        assertEquals("exit code 3", a.get(1).detail());
    }

    @Test
    void aScriptThatExitsZeroSucceeds() {
        Operation<?> run = fire(new MonitorAction.Script(child("0")));
        assertEquals(0, run.await(PROCESS_WAIT));
        mhc.lab().clock().advance(Duration.ofSeconds(2));
        assertEquals(List.of(MonitorEvent.Kind.ACTION_STARTED, MonitorEvent.Kind.ACTION_SUCCEEDED), actions().stream().map(MonitorEvent::kind).toList());
    }

    @Test
    void aScriptOverItsTimeoutIsKilledAndTheActionFails() {
        Operation<?> run = fire(new MonitorAction.Script(child("hang"), Duration.ofSeconds(30)));
        Instant started = actions().get(0).time();
        mhc.lab().clock().advance(Duration.between(clock.now(), started.plusSeconds(29)));
        assertFalse(run.isDone(), "still running before its timeout");
        assertEquals(List.of(MonitorEvent.Kind.ACTION_STARTED), actions().stream().map(MonitorEvent::kind).toList(), actions().toString());
        mhc.lab().clock().advance(Duration.ofSeconds(2));
        List<MonitorEvent> a = actions();
        assertEquals(MonitorEvent.Kind.ACTION_FAILED, a.get(a.size() - 1).kind());
        assertTrue(a.get(a.size() - 1).detail().startsWith("killed"), a.get(a.size() - 1).detail());
        assertNotEquals(0, run.await(PROCESS_WAIT), "the process was killed, not left running");
    }

    @Test
    void aScriptNeedsAPositiveTimeout() {
        assertThrows(IllegalArgumentException.class, () -> new MonitorAction.Script(List.of("x"), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new MonitorAction.Script(List.of()));
    }

    /** The real server, keeping the scripts it starts so the test can wait for their processes. */
    private final class Recording implements ManagementServer {
        private final ManagementServer real;

        Recording(ManagementServer real) { this.real = real; }

        @Override public boolean hasVm(String vm) { return real.hasVm(vm); }
        @Override public Optional<String> owner(String vm) { return real.owner(vm); }
        @Override public boolean moving(String vm) { return real.moving(vm); }
        @Override public List<Instant> ownerChangesSince(String vm, Instant since) { return real.ownerChangesSince(vm, since); }
        @Override public Operation<?> failover(String vm) { return real.failover(vm); }
        @Override public Operation<?> migrate(String vm, MigrationType type) { return real.migrate(vm, type); }
        @Override public Operation<?> restart(String vm) { return real.restart(vm); }
        @Override public Operation<?> startService(String vm, String service) { return real.startService(vm, service); }
        @Override public Operation<?> stopService(String vm, String service) { return real.stopService(vm, service); }

        @Override
        public Operation<?> runScript(List<String> commandLine, Map<String, String> environment) {
            Operation<?> op = real.runScript(commandLine, environment);
            scripts.add(op);
            return op;
        }
    }
}
