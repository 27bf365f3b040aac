package io.hyperv4j.sim.junit;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.sim.ClockMode;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import io.hyperv4j.vm.VmState;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@HyperVSimulator(seed = 5)
class HyperVSimulatorTest {

    @Test
    void injectsAHostOnTheTemplatesLabOnAVirtualClock(HyperVHost host, Lab lab, SimClock clock) {
        assertEquals(5, lab.seed());
        assertEquals("HV01", host.name());
        assertSame(lab, Lab.of(host.session()).orElseThrow(), "the host is on the injected lab");
        assertSame(lab.clock(), clock);
        assertEquals(ClockMode.VIRTUAL, clock.mode());
        VirtualMachine vm = host.vms().create(VmSpec.builder("web01").build());
        assertEquals(VmState.RUNNING, vm.start().await(), "a virtual clock: the job's simulated seconds pass at once");
    }

    @Test
    void theSameSeedGivesTheSameLabState(HyperVHost host) {
        String injected = host.vms().create(VmSpec.builder("web01").build()).id();
        try (Lab byHand = Lab.fromTemplate("standalone", 5); HyperVHost other = byHand.connect("HV01")) {
            assertEquals(other.vms().create(VmSpec.builder("web01").build()).id(), injected);
        }
    }

    @Test
    @HyperVSimulator(clock = ClockMode.MANUAL, seed = 9)
    void aMethodsAnnotationOverridesTheClasss(Lab lab, SimClock clock) {
        assertEquals(9, lab.seed());
        assertEquals(ClockMode.MANUAL, clock.mode());
        clock.advance(Duration.ofMinutes(1));
        assertEquals(Lab.DEFAULT_START.plus(Duration.ofMinutes(1)), clock.now());
    }

    @Nested
    class Nested1 {
        @Test
        void aNestedClassUsesTheEnclosingAnnotation(Lab lab) {
            assertEquals(5, lab.seed());
        }
    }
}
