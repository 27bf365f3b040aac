package io.hyperv4j.spi;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.ConnectOptions;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.NotSupportedException;
import io.hyperv4j.disk.DiskImages;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.junit.HyperVSimulator;
import io.hyperv4j.vm.VirtualMachines;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one extension point: a provider registered through ServiceLoader (this test's own, in test resources). */
class HostCapabilityTest {

    /** What a module's capability looks like: a handle made from the host's session and options. */
    public record Greeting(String hostName, Duration timeout) {}

    /** A capability no provider offers. */
    interface Teleport {}

    public static final class Greeter implements HostCapability<Greeting> {
        static final AtomicInteger OPENED = new AtomicInteger();

        @Override
        public Class<Greeting> type() {
            return Greeting.class;
        }

        @Override
        public Greeting open(HyperVHost host) {
            if (host.name().equalsIgnoreCase("HV02")) throw new NotSupportedException("host HV02 does not greet: it is shy");
            OPENED.incrementAndGet();
            return new Greeting(host.name(), host.options().operationTimeout());
        }
    }

    @Test
    void aProvidedCapabilityIsOpenedOncePerHostWithTheHostsOptions() {
        ConnectOptions options = ConnectOptions.builder().operationTimeout(Duration.ofMinutes(7)).build();
        try (Lab lab = Lab.fromTemplate("standalone"); HyperVHost host = lab.connect("HV01", options)) {
            int before = Greeter.OPENED.get();
            Greeting g = host.capability(Greeting.class);
            assertEquals(new Greeting("HV01", Duration.ofMinutes(7)), g);
            assertSame(g, host.capability(Greeting.class), "the host keeps the handle");
            assertEquals(Optional.of(g), host.findCapability(Greeting.class));
            assertEquals(before + 1, Greeter.OPENED.get());
        }
    }

    @Test
    void aHostThatLacksTheCapabilitySaysWhy() {
        try (Lab lab = Lab.builder().host("HV02", 4, 8192).build(); HyperVHost host = lab.connect("HV02")) {
            NotSupportedException e = assertThrows(NotSupportedException.class, () -> host.capability(Greeting.class));
            assertEquals("host HV02 does not greet: it is shy", e.getMessage());
            assertEquals(Optional.empty(), host.findCapability(Greeting.class));
        }
    }

    @Test
    @HyperVSimulator
    void aCapabilityNoModuleProvidesIsNamedInTheError(HyperVHost host) {
        NotSupportedException e = assertThrows(NotSupportedException.class, () -> host.capability(Teleport.class));
        assertTrue(e.getMessage().contains(Teleport.class.getName()) && e.getMessage().contains("Greeting"), e.getMessage());
        assertTrue(e.returnCode().isEmpty(), "refused by the SDK, not by the host");
    }

    @Test
    @HyperVSimulator
    void coresOwnCapabilitiesAreTheHostsHandles(HyperVHost host) {
        assertSame(host.vms(), host.capability(VirtualMachines.class));
        assertSame(host.disks(), host.capability(DiskImages.class));
    }
}
