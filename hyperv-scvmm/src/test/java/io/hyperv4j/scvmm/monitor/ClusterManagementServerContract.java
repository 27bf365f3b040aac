package io.hyperv4j.scvmm.monitor;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.NotFoundException;
import io.hyperv4j.cluster.ClusterNode;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.job.OperationState;
import io.hyperv4j.scvmm.monitor.spi.MonitorClock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What {@link ClusterManagementServer} does on any cluster, simulated or real: the simulator's test and
 * the Windows one run these same checks. One check moves the VM's role through an alarm's failover
 * action, and moves it back.
 */
abstract class ClusterManagementServerContract {
    /** @return the cluster the server acts on */
    abstract FailoverCluster cluster();

    /** @return the server under test */
    abstract ClusterManagementServer server();

    /** @return the server's clock */
    abstract MonitorClock clock();

    /** @return a clustered VM's name */
    abstract String vm();

    /**
     * Lets time pass until {@code done} holds (the simulator advances its clock; a real cluster is
     * looked at every second), failing past {@code limit}.
     *
     * @param done  the condition
     * @param limit the longest wait
     */
    abstract void awaitUntil(java.util.function.BooleanSupplier done, Duration limit);

    @Test
    void anAlarmsGuardedFailoverMovesTheRoleToAnotherNodeAndLogsTheOwnerChange() {
        String before = server().owner(vm()).orElseThrow();
        boolean[] healthy = {true};
        AlarmTable table = new AlarmTable(clock(), server(), MonitorTimings.immediate());
        try (var polls = table.addProbe("contract", vm(), timeout -> new ProbeResult(healthy[0], Duration.ZERO, healthy[0] ? "answers" : "does not answer"),
                Duration.ofSeconds(5), Duration.ofSeconds(5))) {
            table.bind("contract", vm(), new MonitorAction.FailoverRole(), true);
            java.time.Instant start = clock().now();
            healthy[0] = false;
            awaitUntil(() -> table.history().stream().anyMatch(e -> e.kind() == MonitorEvent.Kind.ACTION_SUCCEEDED || e.kind() == MonitorEvent.Kind.ACTION_FAILED),
                    Duration.ofMinutes(10));
            assertTrue(table.history().stream().anyMatch(e -> e.kind() == MonitorEvent.Kind.ACTION_SUCCEEDED), table.history().toString());
            String after = server().owner(vm()).orElseThrow();
            assertNotEquals(before.toLowerCase(Locale.ROOT), after.toLowerCase(Locale.ROOT), "the role moved");
            awaitUntil(() -> !server().ownerChangesSince(vm(), start).isEmpty(), Duration.ofSeconds(30));
        } finally {
            if (!server().owner(vm()).orElseThrow().equalsIgnoreCase(before)) {
                var back = cluster().groupOfVm(vm()).quickMigrate(before);
                awaitUntil(back::isDone, Duration.ofMinutes(10));
            }
        }
        assertEquals(before.toLowerCase(Locale.ROOT), server().owner(vm()).orElseThrow().toLowerCase(Locale.ROOT), "moved back");
    }

    @Test
    void itKnowsTheClustersVmRolesByNameInAnyCase() {
        assertTrue(server().hasVm(vm()));
        assertTrue(server().hasVm(vm().toUpperCase(Locale.ROOT)));
        assertFalse(server().hasVm("no such vm " + vm()));
        assertFalse(server().hasVm(null));
    }

    @Test
    void aVmsOwnerIsTheRolesOwnerNode() {
        String owner = server().owner(vm()).orElseThrow();
        assertEquals(cluster().groupOfVm(vm()).info().ownerNode(), owner);
        assertTrue(cluster().nodes().stream().map(ClusterNode::name).anyMatch(owner::equalsIgnoreCase), owner);
    }

    @Test
    void atRestTheRoleIsNotMovingAndNoOwnerChangeIsLogged() {
        assertFalse(server().moving(vm()));
        assertEquals(java.util.List.of(), server().ownerChangesSince(vm(), clock().now()));
    }

    @Test
    void anUnknownVmIsRefusedAndNothingMoves() {
        String owner = server().owner(vm()).orElseThrow();
        NotFoundException e = assertThrows(NotFoundException.class, () -> server().failover("no such vm"));
        assertTrue(e.getMessage().contains("no such vm"), e.getMessage());
        assertThrows(NotFoundException.class, () -> server().restart("no such vm"));
        assertEquals(owner, server().owner(vm()).orElseThrow());
    }

    @Test
    void aScriptRunsAsAProcessWithTheAlarmInItsEnvironment() {
        var run = server().runScript(ScriptActionTest.child("7", vm(), "contract"), Map.of("HV_VM", vm(), "HV_ALARM", "contract"));
        assertEquals(7, run.await(Duration.ofSeconds(60)));
        assertEquals(OperationState.FAILED, run.state(), "a non-zero exit code is a failure");
    }
}
