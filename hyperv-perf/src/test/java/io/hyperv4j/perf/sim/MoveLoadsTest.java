package io.hyperv4j.perf.sim;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.perf.sampler.CounterSampler;
import io.hyperv4j.perf.sampler.SampleView;
import io.hyperv4j.perf.sampler.SamplingClock;
import io.hyperv4j.perf.sampler.VirtualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The move models follow their physical parameters, beyond the paper's one data point. */
class MoveLoadsTest {
    static final long T0 = 1_277_942_400_000L;

    @Test
    void aLargerVmTakesLongerToLiveMigrateAndItsTrafficCrossesTheMigrationNetwork() {
        HostModel src = new HostModel(Seed000Workloads.paperHost("A"), T0 - 60_000);
        HostModel dst = new HostModel(Seed000Workloads.paperHost("B"), T0 - 60_000);
        VmModel vm = new VmModel("Big", 8, 12_288, 4096, null, Seed000Workloads.SQL_LOAD_CSV).at(T0 - 60_000, "A", VmPresence.RUNNING);
        src.add(vm);
        dst.add(vm);
        long end = Seed000Workloads.LIVE_MIGRATION.apply(src, dst, vm, 4096, T0);
        assertEquals(T0 + 145_000, end); // twice the memory: 144 s of copy + 1 s blackout
        VirtualClock clock = SamplingClock.virtual(T0);
        CounterSampler s = CounterSampler.builder().clock(clock)
                .source(new SimulatedCounterSource(src, clock)).source(new SimulatedCounterSource(dst, clock))
                .counters("\\Network Interface(" + Seed000Workloads.MIGRATION_NIC + ")\\Bytes Total/sec",
                        "\\\\B\\Hyper-V Hypervisor Virtual Processor(Big:Hv VP 0)\\% Guest Run Time").build();
        s.prime();
        clock.advance(10_000);
        SampleView v = s.tick();
        assertEquals(6144.0 * 1048576 / 72, v.value(0), 1.0); // sent on A
        assertEquals(6144.0 * 1048576 / 72, v.value(1), 1.0); // received on B
        assertEquals(io.hyperv4j.perf.PdhStatus.NO_INSTANCE, v.status(2)); // not on B yet
        clock.sleepUntil(end + 1000);
        v = s.tick();
        assertEquals(io.hyperv4j.perf.PdhStatus.INVALID_DATA, v.status(2)); // its first reading: a rate needs two
        clock.advance(1000);
        v = s.tick();
        assertEquals(5.0, v.value(2), 1e-9); // running on B now
    }

    @Test
    void fasterBitsShortensTheNetworkTransferAndPagesProportionally() {
        MoveLoads.NetworkTransfer one = Seed000Workloads.NETWORK_TRANSFER;
        MoveLoads.NetworkTransfer twice = new MoveLoads.NetworkTransfer(one.disk(), one.nic(), one.bytesPerSecond() * 2, one.pagesPerMb(),
                one.readLatencySeconds(), one.writeLatencySeconds(), one.source(), one.destination(), one.rootMemoryChargeMb());
        HostModel src = new HostModel(Seed000Workloads.paperHost("A"), T0 - 60_000);
        HostModel dst = new HostModel(Seed000Workloads.paperHost("B"), T0 - 60_000);
        VmModel vm = new VmModel("SQL Server", 4, 6144, 2048, null, Seed000Workloads.SQL_LOAD_LOCAL).at(T0 - 60_000, "A", VmPresence.RUNNING);
        src.add(vm);
        dst.add(vm);
        long end = twice.apply(src, dst, vm, Seed000Workloads.DISK_BYTES, Seed000Workloads.SAVED_STATE_BYTES, T0);
        assertEquals(T0 + 450_000 + 22_850, end);
        VirtualClock clock = SamplingClock.virtual(T0);
        CounterSampler s = CounterSampler.builder().clock(clock).source(new SimulatedCounterSource(src, clock))
                .counters("\\Memory\\Pages/sec").build();
        s.prime();
        clock.advance(1000);
        // the paper's 14,096 pages a second at one BITS rate (Table 4-8, the lab's fit), twice as many at twice the rate
        assertEquals(one.pagesPerMb() * one.bytesPerSecond() * 2 / 1048576, s.tick().value(0), 1.0);
        assertEquals(28_873.6, one.pagesPerMb() * one.bytesPerSecond() * 2 / 1048576, 0.1);
    }
}
