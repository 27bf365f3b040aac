package io.hyperv4j.perf.sim;

import static io.hyperv4j.perf.sim.LabCounterSourceTest.value;
import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.perf.sampler.CounterSampler;
import io.hyperv4j.perf.sampler.SampleView;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimNetworkAdapter;
import io.hyperv4j.vm.MigrationSpec;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A live migration through the v2 migration service shows on both hosts' adapters at its flow's rate, twice as slow beside another. */
class V2MigrationCountersTest {
    private static final String SENT = "\\\\A\\Network Interface(LiveMigration)\\Bytes Sent/sec",
            RECEIVED = "\\\\B\\Network Interface(LiveMigration)\\Bytes Received/sec";

    @Test
    void aV2MigrationsMemorySendsAndReceivesAtItsShareOfTheLink() {
        try (Lab lab = Lab.builder().clock(SimClock.virtual(Instant.parse("2025-01-06T09:00:00Z"))).host("A", 8, 32768).host("B", 8, 32768).build();
             HyperVHost a = lab.connect("A"); HyperVHost b = lab.connect("B")) {
            for (String h : List.of("A", "B")) lab.addNetworkAdapter(h, new SimNetworkAdapter("Live Migration", 1_000_000_000L, "LiveMigration"));
            a.vms().migrations().enable(true).await();
            b.vms().migrations().enable(true).await();
            VirtualMachine one = a.vms().create(VmSpec.builder("one").memoryMb(4096).build()), two = a.vms().create(VmSpec.builder("two").memoryMb(4096).build());
            one.start().await();
            two.start().await();
            List<HostSpec.Nic> nics = List.of(new HostSpec.Nic("LiveMigration", 1_000_000_000L));
            LabCounterSource src = LabCounterSource.builder(lab, "A").spec(new HostSpec("A", 8, 32768, 65536, List.of("0 C:"), nics, List.of()))
                    .background(new Background()).build();
            LabCounterSource dst = LabCounterSource.builder(lab, "B").spec(new HostSpec("B", 8, 32768, 65536, List.of("0 C:"), nics, List.of()))
                    .background(new Background()).build();
            CounterSampler s = CounterSampler.builder().source(src).source(dst).clock(src.clock()).counters(SENT, RECEIVED).build();
            s.prime();
            one.migrate(MigrationSpec.live("B"));
            lab.clock().advance(Duration.ofSeconds(10)); // past the 6 s setup
            s.tick();
            lab.clock().advance(Duration.ofSeconds(1));
            SampleView v = s.tick();
            assertEquals(125e6, value(v, SENT), 1e6, "alone: the whole 1 GbE line");
            assertEquals(value(v, SENT), value(v, RECEIVED), 1, "what A sends B receives");
            two.migrate(MigrationSpec.live("B"));
            lab.clock().advance(Duration.ofSeconds(7));
            s.tick();
            lab.clock().advance(Duration.ofSeconds(1));
            v = s.tick();
            assertEquals(125e6, value(v, SENT), 1e6, "two moves share the line: together no more than it");
            assertEquals(value(v, SENT), value(v, RECEIVED), 1);
            lab.clock().advance(Duration.ofMinutes(3));
            s.tick();
            lab.clock().advance(Duration.ofSeconds(1));
            v = s.tick();
            assertEquals(0, value(v, SENT), 1e6, "both moved");
            assertEquals("B", lab.vm(two.id()).host().name());
        }
    }
}
