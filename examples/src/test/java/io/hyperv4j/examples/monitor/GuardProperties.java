package io.hyperv4j.examples.monitor;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.InvalidParameterException;
import io.hyperv4j.scvmm.monitor.MonitorEvent;
import io.hyperv4j.scvmm.sim.guest.FaultLocation;
import io.hyperv4j.scvmm.sim.guest.Seed001;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimHost;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random fault sequences against the monitored host cluster with the guard on. */
class GuardProperties {

    record Fault(int afterSeconds, FaultLocation location, String host, boolean hang) {
    }

    @Provide
    Arbitrary<List<Fault>> faults() {
        return Combinators.combine(Arbitraries.integers().between(0, 400), Arbitraries.of(FaultLocation.class),
                Arbitraries.of("host1", "host2"), Arbitraries.of(true, false)).as(Fault::new).list().ofMinSize(1).ofMaxSize(3);
    }

    @Property(tries = 40, seed = "1")
    void theGuardNeverDoublesAFailoverAndAccountsForEveryFiredAction(@ForAll("faults") List<Fault> faults,
                                                                     @ForAll boolean monitorHeartbeat) {
        try (MonitoredCluster m = new MonitoredCluster(11, true, true)) {
            if (monitorHeartbeat) m.guests().monitorHeartbeat(Seed001.VM);
            int injected = 0;
            for (Fault f : faults) {
                m.run(Duration.ofSeconds(f.afterSeconds()));
                try {
                    if (f.location().scope() == FaultLocation.Scope.HOST) m.faults().injectHost(f.location(), f.host());
                    else m.faults().injectVm(f.location(), Seed001.VM, f.hang());
                    injected++;
                } catch (InvalidParameterException refused) {
                    // a host already down: refused, nothing changed
                }
                assertAtMostOneRunningCopy(m);
            }
            m.run(Duration.ofMinutes(15));
            assertAtMostOneRunningCopy(m);

            long attempts = m.clusterFailoverAttempts() + m.events(MonitorEvent.Kind.ACTION_STARTED).size();
            assertTrue(attempts <= injected, "at most one failover per fault: " + attempts + " for " + injected + " faults; " + m.table().history());
            int fired = m.events(MonitorEvent.Kind.FIRED).size(), started = m.events(MonitorEvent.Kind.ACTION_STARTED).size();
            List<MonitorEvent> skipped = m.events(MonitorEvent.Kind.ACTION_SKIPPED);
            assertEquals(fired, started + skipped.size(), "every fired action ran or was skipped: " + m.table().history());
            assertEquals(started, m.events(MonitorEvent.Kind.ACTION_SUCCEEDED).size() + m.events(MonitorEvent.Kind.ACTION_FAILED).size(),
                    "every action that ran ended: " + m.table().history());
            for (MonitorEvent s : skipped) assertTrue(s.skip() != null && !s.detail().isEmpty(), "a skip says why: " + s);
        }
    }

    private static void assertAtMostOneRunningCopy(MonitoredCluster m) {
        int running = 0;
        for (SimHost h : m.lab().hosts())
            running += (int) h.vms().stream().filter(v -> v.name().equals(Seed001.VM) && v.state() != PowerState.OFF).count();
        assertTrue(running <= 1, "the VM runs on " + running + " nodes");
    }
}
