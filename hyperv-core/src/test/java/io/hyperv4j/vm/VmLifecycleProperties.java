package io.hyperv4j.vm;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.InvalidStateException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random sequences of power operations through the typed API on the simulated host, checked
 * against a model of Hyper-V's documented state machine: an allowed operation ends in the state
 * the model says, a disallowed one raises {@link InvalidStateException} naming the current state
 * and changes nothing.
 */
class VmLifecycleProperties {
    private static HyperVHost host;

    enum Action { START, TURN_OFF, SAVE, PAUSE, RESUME, RESET, STOP }

    /** Where each action leads from each settled state; absent means Hyper-V refuses it. */
    private static final Map<Action, Map<VmState, VmState>> MODEL = Map.of(
            Action.START, Map.of(VmState.OFF, VmState.RUNNING, VmState.SAVED, VmState.RUNNING, VmState.PAUSED, VmState.RUNNING),
            Action.TURN_OFF, Map.of(VmState.RUNNING, VmState.OFF, VmState.PAUSED, VmState.OFF, VmState.SAVED, VmState.OFF),
            Action.SAVE, Map.of(VmState.RUNNING, VmState.SAVED, VmState.PAUSED, VmState.SAVED),
            Action.PAUSE, Map.of(VmState.RUNNING, VmState.PAUSED),
            Action.RESUME, Map.of(VmState.PAUSED, VmState.RUNNING),
            Action.RESET, Map.of(VmState.RUNNING, VmState.RUNNING),
            Action.STOP, Map.of(VmState.RUNNING, VmState.OFF));

    private static final Map<Action, Function<VirtualMachine, io.hyperv4j.job.Operation<VmState>>> CALL = Map.of(
            Action.START, VirtualMachine::start, Action.TURN_OFF, VirtualMachine::turnOff, Action.SAVE, VirtualMachine::save,
            Action.PAUSE, VirtualMachine::pause, Action.RESUME, VirtualMachine::resume, Action.RESET, VirtualMachine::reset,
            Action.STOP, VirtualMachine::stop);

    @BeforeContainer
    static void connect() {
        host = HyperV.simulator();
    }

    @AfterContainer
    static void close() {
        host.close();
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        return Arbitraries.of(Action.class).list().ofMinSize(1).ofMaxSize(15);
    }

    @Property(tries = 25)
    void everyOperationEndsWhereTheModelSaysOrIsRefusedWithoutChange(@ForAll("actions") List<Action> actions) {
        VirtualMachine vm = host.vms().create(VmSpec.builder("prop").memoryMb(512).build());
        try {
            VmState model = VmState.OFF;
            for (Action a : actions) {
                VmState expected = MODEL.get(a).get(model);
                if (expected == null) {
                    VmState before = model;
                    InvalidStateException e = assertThrows(InvalidStateException.class, () -> CALL.get(a).apply(vm).await(),
                            a + " from " + before);
                    assertEquals(java.util.Optional.of(before), e.currentState(), e.getMessage());
                    assertEquals(before, vm.state(), a + " was refused, so nothing changed");
                } else {
                    assertEquals(expected, CALL.get(a).apply(vm).await(), a + " from " + model);
                    assertEquals(expected, vm.state());
                    model = expected;
                }
            }
        } finally {
            if (vm.state() != VmState.OFF) vm.turnOff().await();
            vm.remove().await();
        }
    }
}
