package io.hyperv4j.contract;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hyperv4j.AmbiguousNameException;
import io.hyperv4j.BusyException;
import io.hyperv4j.HostInfo;
import io.hyperv4j.HyperVException;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.HyperVTimeoutException;
import io.hyperv4j.InvalidStateException;
import io.hyperv4j.NotFoundException;
import io.hyperv4j.OperationCancelledException;
import io.hyperv4j.cim.Subscription;
import io.hyperv4j.job.CompletedOperation;
import io.hyperv4j.job.Operation;
import io.hyperv4j.job.OperationState;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmInfo;
import io.hyperv4j.vm.VmSpec;
import io.hyperv4j.vm.VmState;
import io.hyperv4j.vm.VmStateChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The VM lifecycle as any Hyper-V host must behave through the typed API. Subclasses say which
 * host: the simulator (runs everywhere) or a real Windows host. Every test makes its own uniquely
 * named VMs and removes them afterwards, so it is safe to run against a shared host.
 * <p>Reusable from other modules through hyperv-core's test-jar.
 */
public abstract class VmLifecycleContract {

    /** Opens the host under test; called before each test and closed after it. */
    protected abstract HyperVHost openHost();

    protected HyperVHost host;
    private final List<VirtualMachine> created = new ArrayList<>();
    private final String prefix = "hv4j-contract-" + UUID.randomUUID().toString().substring(0, 8) + "-";

    @BeforeEach
    void connect() {
        host = openHost();
    }

    @AfterEach
    void cleanUp() {
        for (VirtualMachine vm : created) {
            try {
                if (host.vms().findById(vm.id()).isEmpty()) continue;
                VmState s = vm.state();
                if (s.isActive() || s == VmState.SAVED) vm.turnOff().await();
                vm.remove().await();
            } catch (RuntimeException e) {
                System.getLogger(getClass().getName()).log(System.Logger.Level.WARNING, "cleanup of " + vm + " failed", e);
            }
        }
        host.close();
    }

    protected VirtualMachine newVm(String suffix) {
        return newVm(VmSpec.builder(prefix + suffix).processors(2).memoryMb(1024).generation(2).build());
    }

    protected VirtualMachine newVm(VmSpec spec) {
        VirtualMachine vm = host.vms().create(spec);
        created.add(vm);
        return vm;
    }

    protected VirtualMachine runningVm(String suffix) {
        VirtualMachine vm = newVm(suffix);
        assertEquals(VmState.RUNNING, vm.start().await());
        return vm;
    }

    @Test
    void createdVmHasTheSpecifiedSettingsAndIsOff() {
        VmSpec spec = VmSpec.builder(prefix + "spec").processors(2).memoryMb(1536).generation(1).notes("made by the contract").build();
        VirtualMachine vm = newVm(spec);
        VmInfo info = vm.info();
        assertEquals(vm.id(), info.id());
        assertEquals(spec.name(), info.name());
        assertEquals(VmState.OFF, info.state());
        assertEquals(3, info.enabledState());
        assertEquals(2, info.processors());
        assertEquals(1536, info.memoryMb());
        assertEquals(1, info.generation());
        assertEquals("made by the contract", info.notes());
        assertEquals(Duration.ZERO, info.uptime());
        assertFalse(info.version().isEmpty(), "configuration version");
        assertNotNull(info.created());
        assertDoesNotThrow(() -> UUID.fromString(vm.id()));
    }

    @Test
    void listFindAndRemove() {
        VirtualMachine vm = newVm("find");
        assertTrue(host.vms().list().contains(vm));
        assertEquals(List.of(vm), host.vms().findByName(vm.lastKnownName()));
        assertEquals(vm, host.vms().get(vm.lastKnownName()));
        assertEquals(vm, host.vms().getById(vm.id()));
        assertEquals(vm, host.vms().getById("{" + vm.id().toLowerCase() + "}"));

        vm.remove().await();
        assertTrue(host.vms().findById(vm.id()).isEmpty());
        assertTrue(host.vms().findByName(vm.lastKnownName()).isEmpty());
        assertFalse(host.vms().list().contains(vm));
        NotFoundException gone = assertThrows(NotFoundException.class, vm::state);
        assertTrue(gone.getMessage().contains(vm.id()), gone.getMessage());
        assertThrows(NotFoundException.class, () -> host.vms().get(vm.lastKnownName()));
    }

    @Test
    void namesAreNotUniqueSoGetByNameRefusesToGuess() {
        VirtualMachine a = newVm("twin");
        VirtualMachine b = newVm("twin");
        assertNotEquals(a.id(), b.id());
        assertEquals(2, host.vms().findByName(prefix + "twin").size());
        AmbiguousNameException e = assertThrows(AmbiguousNameException.class, () -> host.vms().get(prefix + "twin"));
        assertTrue(e.ids().containsAll(List.of(a.id(), b.id())), e.getMessage());
    }

    @Test
    void hostInfoCountsTheVms() {
        int before = host.info().virtualMachines();
        newVm("counted");
        HostInfo info = host.info();
        assertEquals(before + 1, info.virtualMachines());
        assertEquals(host.vms().list().size(), info.virtualMachines());
        assertFalse(info.name().isBlank());
        assertEquals(2, info.enabledState(), "the host is up");
    }

    @Test
    void lookupsWithBadInputFailClearly() {
        assertThrows(IllegalArgumentException.class, () -> host.vms().findById("not-a-guid"));
        assertTrue(host.vms().findById(UUID.randomUUID().toString()).isEmpty());
        NotFoundException e = assertThrows(NotFoundException.class, () -> host.vms().get(prefix + "nobody"));
        assertTrue(e.getMessage().contains(prefix + "nobody"), e.getMessage());
    }

    @Test
    void startReachesRunning() {
        VirtualMachine vm = newVm("start");
        Operation<VmState> op = vm.start();
        assertEquals(VmState.RUNNING, op.await());
        assertEquals(OperationState.SUCCEEDED, op.state());
        assertEquals(100, op.progress());
        assertEquals(VmState.RUNNING, vm.state());
        assertTrue(vm.state().isActive());
    }

    @Test
    void pauseAndResume() {
        VirtualMachine vm = runningVm("pause");
        assertEquals(VmState.PAUSED, vm.pause().await());
        assertEquals(VmState.PAUSED, vm.state());
        assertEquals(VmState.RUNNING, vm.resume().await());
        assertEquals(VmState.RUNNING, vm.state());
    }

    @Test
    void saveAndStartAgain() {
        VirtualMachine vm = runningVm("save");
        assertEquals(VmState.SAVED, vm.save().await());
        assertFalse(vm.state().isActive());
        assertEquals(VmState.RUNNING, vm.start().await());
    }

    @Test
    void gracefulStopTurnsTheVmOff() {
        VirtualMachine vm = runningVm("stop");
        assertEquals(VmState.OFF, vm.stop().await());
        assertEquals(VmState.OFF, vm.state());
    }

    @Test
    void turnOffAndReset() {
        VirtualMachine vm = runningVm("reset");
        assertEquals(VmState.RUNNING, vm.reset().await());
        assertEquals(VmState.OFF, vm.turnOff().await());
        assertEquals(VmState.OFF, vm.state());
    }

    @Test
    void processorsAndMemoryChangeWhileOff() {
        VirtualMachine vm = newVm("modify");
        vm.setProcessorCount(4).await();
        vm.setMemory(2048).await();
        VmInfo info = vm.info();
        assertEquals(4, info.processors());
        assertEquals(2048, info.memoryMb());
        assertEquals(VmState.OFF, info.state());
    }

    @Test
    void processorCountCannotChangeWhileRunningAndNothingChanges() {
        VirtualMachine vm = runningVm("cpu-running");
        InvalidStateException e = assertThrows(InvalidStateException.class, () -> vm.setProcessorCount(4).await());
        assertEquals(java.util.Optional.of(VmState.RUNNING), e.currentState(), e.getMessage());
        assertEquals(2, vm.info().processors());
        assertEquals(VmState.RUNNING, vm.state());
    }

    @Test
    void renameChangesTheNameOnly() {
        VirtualMachine vm = newVm("old");
        vm.rename(prefix + "new").await();
        assertEquals(prefix + "new", vm.name());
        assertEquals(List.of(vm), host.vms().findByName(prefix + "new"));
        assertTrue(host.vms().findByName(prefix + "old").isEmpty());
        assertEquals(VmState.OFF, vm.state());
    }

    @Test
    void invalidTransitionsAreRefusedAndChangeNothing() {
        VirtualMachine vm = newVm("invalid");
        InvalidStateException pause = assertThrows(InvalidStateException.class, () -> vm.pause().await());
        assertEquals(java.util.Optional.of(VmState.OFF), pause.currentState());
        assertTrue(pause.getMessage().contains("pause") && pause.getMessage().contains(vm.id()), pause.getMessage());
        assertThrows(InvalidStateException.class, () -> vm.save().await());
        assertThrows(InvalidStateException.class, () -> vm.resume().await());
        assertThrows(InvalidStateException.class, () -> vm.stop().await());
        assertEquals(VmState.OFF, vm.state());

        vm.start().await();
        assertThrows(InvalidStateException.class, () -> vm.resume().await());
        assertThrows(InvalidStateException.class, () -> vm.start().await());
        assertEquals(VmState.RUNNING, vm.state());
    }

    @Test
    void aRunningVmCannotBeRemoved() {
        // DestroySystem: "The virtual machine must be in the powered off or saved state".
        VirtualMachine vm = runningVm("remove-running");
        InvalidStateException e = assertThrows(InvalidStateException.class, () -> vm.remove().await());
        assertEquals(java.util.Optional.of(VmState.RUNNING), e.currentState(), e.getMessage());
        assertTrue(host.vms().findById(vm.id()).isPresent());
        assertEquals(VmState.RUNNING, vm.state());
    }

    @Test
    void aSecondTransitionWhileOneIsInFlightIsBusy() {
        VirtualMachine vm = newVm("busy");
        Operation<VmState> start = vm.start();
        assumeTrue(!(start instanceof CompletedOperation), "the host completed the start synchronously");
        assertThrows(BusyException.class, () -> vm.turnOff());
        assertEquals(VmState.RUNNING, start.await());
        assertEquals(VmState.RUNNING, vm.state());
    }

    @Test
    void stateChangeEventsArePushed() {
        VirtualMachine vm = newVm("events");
        List<VmStateChange> mine = new CopyOnWriteArrayList<>();
        List<VmStateChange> all = new CopyOnWriteArrayList<>();
        CompletableFuture<VmStateChange> running = new CompletableFuture<>();
        try (Subscription one = vm.onStateChange(c -> {
                 mine.add(c);
                 if (c.current() == VmState.RUNNING) running.complete(c);
             });
             Subscription any = host.vms().onStateChange(all::add)) {
            vm.start().await();
            VmStateChange c = host.session().await(running, Duration.ofMinutes(1));
            assertEquals(vm.id(), c.vmId());
            assertEquals(vm.lastKnownName(), c.vmName());
            assertNotEquals(VmState.RUNNING, c.previous());
        }
        assertTrue(mine.stream().allMatch(c -> c.vmId().equals(vm.id())));
        assertTrue(all.stream().anyMatch(c -> c.vmId().equals(vm.id()) && c.current() == VmState.RUNNING), all.toString());
        int seen = mine.size();
        vm.turnOff().await();
        assertEquals(seen, mine.size(), "no events after the subscription is closed");
    }

    @Test
    void progressRisesTo100() {
        VirtualMachine vm = newVm("progress");
        Operation<VmState> op = vm.start();
        List<Integer> seen = new CopyOnWriteArrayList<>();
        op.onProgress(seen::add);
        op.await();
        assertEquals(100, op.progress());
        for (int i = 1; i < seen.size(); i++) assertTrue(seen.get(i) >= seen.get(i - 1), seen.toString());
        if (!seen.isEmpty()) assertEquals(100, seen.get(seen.size() - 1));
    }

    @Test
    void awaitTimesOutWithoutLosingTheOperation() {
        VirtualMachine vm = newVm("timeout");
        Operation<VmState> op = vm.start();
        assumeTrue(!op.isDone(), "the host completed the start at once");
        HyperVTimeoutException e = assertThrows(HyperVTimeoutException.class, () -> op.await(Duration.ofNanos(1)));
        assertTrue(e.getMessage().contains(vm.id()), e.getMessage());
        assertEquals(VmState.RUNNING, op.await());
    }

    @Test
    void futureCompletesWithTheNewState() throws Exception {
        VirtualMachine vm = newVm("future");
        CompletableFuture<VmState> f = vm.start().toCompletableFuture();
        assertEquals(VmState.RUNNING, host.session().await(f, Duration.ofMinutes(5)));
    }

    @Test
    void cancelWhereTheHostAllowsIt() {
        VirtualMachine vm = runningVm("cancel");
        Operation<VmState> save = vm.save();
        assumeTrue(!save.isDone(), "the host saved at once");
        if (save.cancel()) {
            assertThrows(OperationCancelledException.class, save::await);
            assertEquals(OperationState.CANCELLED, save.state());
            assertFalse(vm.state().isTransitional(), "a cancelled job leaves the VM in a settled state");
        } else {
            assertEquals(VmState.SAVED, save.await());
        }
    }

    @Test
    void aCreateTheHostRefusesLeavesNothingBehind() {
        // More virtual processors than the spec allows nowhere; more than the host's logical
        // processors is refused by Hyper-V when the processor settings are applied.
        String name = prefix + "too-big";
        HyperVException e = assertThrows(HyperVException.class,
                () -> newVm(VmSpec.builder(name).processors(VmSpec.MAX_PROCESSORS).build()));
        assertTrue(e.getMessage().contains(name), e.getMessage());
        assertTrue(host.vms().findByName(name).isEmpty(), "the half-created VM was removed again");
    }

    @Test
    void createRefusesABadSpecBeforeAskingTheHost() {
        int before = host.vms().list().size();
        assertThrows(IllegalArgumentException.class, () -> newVm(VmSpec.builder(prefix + "bad").memoryMb(33).build()));
        assertEquals(before, host.vms().list().size());
    }
}
