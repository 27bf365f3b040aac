package io.hyperv4j.job;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.ConnectOptions;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.HyperVTimeoutException;
import io.hyperv4j.sim.ClockMode;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.junit.HyperVSimulator;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmState;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The one {@link Operation} contract on each kind of clock: a future completes without anybody
 * calling await (on a virtual clock a waiter thread makes time pass for it), and concurrent
 * awaits each keep their own timeout. The bounded {@code get}s only stop a broken build from
 * hanging; nothing here measures or sleeps through real time.
 */
class OperationClocksTest {
    /** How long a broken implementation may hang a test before it fails. */
    private static final long BOUND_S = 30;

    @Test
    @HyperVSimulator
    void aThenApplyChainCompletesOnTheVirtualClockWithoutAnyoneAwaiting(Lab lab, HyperVHost host) throws Exception {
        VirtualMachine vm = defineVm(lab, host);
        Operation<VmState> start = vm.start();
        assertFalse(start.isDone(), "a start job takes simulated seconds");
        CompletableFuture<String> f = start.toCompletableFuture().thenApply(VmState::name);
        assertEquals("RUNNING", f.get(BOUND_S, TimeUnit.SECONDS));
        assertEquals(VmState.RUNNING, vm.state());
    }

    @Test
    @HyperVSimulator(clock = ClockMode.SCALED, rate = 10_000)
    void aThenApplyChainCompletesOnAScaledClock(Lab lab, HyperVHost host) throws Exception {
        VirtualMachine vm = defineVm(lab, host);
        CompletableFuture<String> f = vm.start().toCompletableFuture().thenApply(VmState::name);
        assertEquals("RUNNING", f.get(BOUND_S, TimeUnit.SECONDS));
    }

    @Test
    @HyperVSimulator(clock = ClockMode.MANUAL)
    void aThenApplyChainCompletesOnTheManualClockWhenTimeIsAdvanced(Lab lab, HyperVHost host, SimClock clock) throws Exception {
        VirtualMachine vm = defineVm(lab, host);
        CompletableFuture<String> f = vm.start().toCompletableFuture().thenApply(VmState::name);
        assertFalse(f.isDone(), "no time has passed");
        clock.advance(Duration.ofMinutes(1));
        assertEquals("RUNNING", f.get(BOUND_S, TimeUnit.SECONDS));
    }

    @Test
    @HyperVSimulator
    void aFutureOnTheVirtualClockFailsWithATimeoutWhenTheDefaultTimeoutPasses(Lab lab) throws Exception {
        ConnectOptions shortOps = ConnectOptions.builder().operationTimeout(Duration.ofMillis(100)).build();
        try (HyperVHost host = lab.connect("HV01", shortOps)) {
            VirtualMachine vm = defineVm(lab, host);
            CompletableFuture<VmState> f = vm.start().toCompletableFuture();
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(BOUND_S, TimeUnit.SECONDS));
            assertInstanceOf(HyperVTimeoutException.class, e.getCause());
        }
    }

    @Test
    @HyperVSimulator(clock = ClockMode.MANUAL)
    void twoThreadsAwaitingOneOperationEachGetTheirOwnTimeout(Lab lab, HyperVHost host, SimClock clock) throws Exception {
        VirtualMachine vm = defineVm(lab, host);
        Operation<VmState> start = vm.start();
        // The patient caller waits first; the hasty one must not queue behind it.
        CompletableFuture<VmState> patient = CompletableFuture.supplyAsync(() -> start.await(Duration.ofMinutes(1)));
        CompletableFuture<VmState> hasty = CompletableFuture.supplyAsync(() -> start.await(Duration.ofMillis(1)));
        ExecutionException e = assertThrows(ExecutionException.class, () -> hasty.get(BOUND_S, TimeUnit.SECONDS));
        assertInstanceOf(HyperVTimeoutException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("PT0.001S"), e.getCause().getMessage());
        assertFalse(patient.isDone(), "the patient caller is still waiting for time to pass");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(VmState.RUNNING, patient.get(BOUND_S, TimeUnit.SECONDS));
    }

    /** A VM defined straight in the model, so no define job needs the (possibly manual) clock. */
    private static VirtualMachine defineVm(Lab lab, HyperVHost host) {
        String id = lab.write(Duration.ofSeconds(5), txn -> lab.createVm(txn, lab.host(host.name()), "web01").id());
        return host.vms().getById(id);
    }
}
