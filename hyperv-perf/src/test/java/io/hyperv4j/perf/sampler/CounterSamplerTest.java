package io.hyperv4j.perf.sampler;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.PdhStatus;
import io.hyperv4j.perf.PerfException;
import io.hyperv4j.perf.UnknownCounterSetException;
import io.hyperv4j.perf.sim.Background;
import io.hyperv4j.perf.sim.Seed000Workloads;
import io.hyperv4j.perf.sim.HostModel;
import io.hyperv4j.perf.sim.VmModel;
import io.hyperv4j.perf.sim.SimulatedCounterSource;
import io.hyperv4j.perf.sim.Transfer;
import io.hyperv4j.perf.sim.VmPresence;
import io.hyperv4j.perf.sim.VmWorkload;
import io.hyperv4j.perf.source.HostUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CounterSamplerTest {
    static final long T0 = 1_700_000_000_000L;
    final VirtualClock clock = SamplingClock.virtual(T0);

    HostModel host(String name) {
        HostModel h = new HostModel(Seed000Workloads.paperHost(name), T0 - 60_000);
        h.add(new Background().cpu(0.8, 0.16).memory(4096, 2048, 50).disk(0, 10, 0.005, 20, 0.002).network(0, 1000, 3000, 0));
        return h;
    }

    /** Primes, lets one interval pass, and collects. */
    SampleView first(CounterSampler s) {
        s.prime();
        clock.advance(1000);
        return s.tick();
    }

    CounterSampler.Builder builder(HostModel... hosts) {
        CounterSampler.Builder b = CounterSampler.builder().clock(clock).interval(Duration.ofSeconds(1));
        for (HostModel h : hosts) b.source(new SimulatedCounterSource(h, clock));
        return b;
    }

    @Test
    void samplesLikeGetCounter() {
        List<CounterSampleSet> sets = builder(host("A")).counters("\\Memory\\Pages/sec", "\\Hyper-V Hypervisor Logical Processor(_Total)\\% Total Run Time",
                "\\Memory\\Available MBytes", "\\PhysicalDisk(0 C:)\\Avg. Disk sec/Read").samples(3).build().run();
        assertEquals(3, sets.size());
        assertEquals(T0 + 1000, sets.get(0).timestamp().toEpochMilli());
        assertEquals(T0 + 3000, sets.get(2).timestamp().toEpochMilli());
        CounterSample pages = sets.get(0).counterSamples().get(0);
        assertEquals("\\\\A\\Memory\\Pages/sec", pages.path().toString());
        assertEquals(50.0, pages.cookedValue(), 1e-9);
        assertEquals(0, pages.status());
        assertEquals(12.0, sets.get(1).counterSamples().get(1).cookedValue(), 1e-9); // (0.8 + 0.16) / 8 LPs
        assertEquals(6144.0, sets.get(2).counterSamples().get(2).cookedValue());
        assertEquals(0.005, sets.get(2).counterSamples().get(3).cookedValue(), 1e-12);
    }

    @Test
    void wildcardsExpandToTheHostsInstances() {
        CounterSampler s = builder(host("A")).counters("\\Processor(*)\\% Processor Time", "\\Network Interface(*)\\Bytes Total/sec").build();
        assertEquals(9 + 4, s.counters().size());
        assertTrue(s.counters().contains(CounterPath.parse("\\\\A\\Processor(_Total)\\% Processor Time")));
        SampleView v = first(s);
        // root partition uses 0.8 of 8 logical processors: 10 % busy
        assertEquals(10.0, v.value(8), 1e-9);
        assertEquals(4000.0, v.value(9), 1e-9);
    }

    @Test
    void badSettingsAreRefused() {
        assertTrue(assertThrows(PerfException.class, () -> CounterSampler.builder().interval(Duration.ZERO)).getMessage().contains("interval must be positive"));
        assertThrows(PerfException.class, () -> CounterSampler.builder().interval(Duration.ofSeconds(-1)));
        assertThrows(PerfException.class, () -> CounterSampler.builder().samples(0));
        assertThrows(PerfException.class, () -> CounterSampler.builder().duration(Duration.ZERO));
        assertTrue(assertThrows(PerfException.class, () -> builder(host("A")).build()).getMessage().contains("no counter paths"));
        assertTrue(assertThrows(PerfException.class, () -> CounterSampler.builder().counters("\\Memory\\Pages/sec").build()).getMessage().contains("no counter source"));
        UnknownCounterSetException e = assertThrows(UnknownCounterSetException.class, () -> builder(host("A")).counters("\\Memroy\\Pages/sec").build());
        assertTrue(e.getMessage().contains("'Memroy'") && e.getMessage().contains("Memory"), e.getMessage());
        assertThrows(UnknownCounterSetException.class, () -> builder(host("A")).counters("\\Memory\\Pages per second").build());
        assertTrue(assertThrows(PerfException.class, () -> builder(host("A")).counters("\\\\B\\Memory\\Pages/sec").build()).getMessage().contains("no counter source for host 'B'"));
        assertThrows(PerfException.class, () -> builder(host("A")).counters("\\Processor(nope*)\\% Processor Time").build());
        assertThrows(PerfException.class, () -> builder(host("A")).counters("\\Memory\\Pages/sec").continuous().build().run());
    }

    @Test
    void aHostThatStopsAnsweringIsReportedWhileTheOthersAreStillSampled() {
        HostModel a = host("A");
        HostModel b = host("B");
        CounterSampler s = builder(a, b).counters("\\Memory\\Pages/sec").build();
        SampleView v = first(s);
        assertEquals(50.0, v.value(0), 1e-9);
        b.setAnswering(false);
        clock.advance(1000);
        v = s.tick();
        assertEquals(50.0, v.value(0), 1e-9);
        assertEquals(PdhStatus.NO_MACHINE, v.status(1));
        assertTrue(Double.isNaN(v.value(1)));
        assertEquals(List.of("B"), s.hostsDown());
        b.setAnswering(true);
        clock.advance(1000);
        v = s.tick();
        // back, but a rate needs two readings: no value yet, then values again
        assertEquals(PdhStatus.INVALID_DATA, v.status(1));
        clock.advance(1000);
        v = s.tick();
        assertEquals(50.0, v.value(1), 1e-9);
        assertEquals(List.of(), s.hostsDown());
        Statistics st = s.statistics(CounterPath.parse("\\\\B\\Memory\\Pages/sec")).orElseThrow();
        assertEquals(2, st.count());
        assertEquals(2, st.unavailable());
    }

    @Test
    void streamingReportsHostsGoingDownAndComingBack() {
        HostModel a = host("A");
        HostModel b = host("B");
        List<String> events = new ArrayList<>();
        CounterSampler s = builder(a, b).counters("\\Memory\\Available MBytes").samples(5).build();
        SamplingHandle h = s.stream(new SampleListener() {
            @Override
            public void onSample(SampleView view) {
                events.add(view.status(1) == 0 ? "ok" : "down");
                if (events.size() == 1) b.setAnswering(false);
                if (events.size() == 3) b.setAnswering(true);
            }

            @Override
            public void onHostDown(String host, HostUnavailableException cause) {
                events.add("host down " + host);
            }

            @Override
            public void onHostUp(String host) {
                events.add("host up " + host);
            }
        });
        assertTrue(h.await(Duration.ofSeconds(10)));
        assertEquals(List.of("ok", "host down B", "down", "host up B", "ok", "ok", "ok"), events);
    }

    @Test
    void continuousSamplingRunsUntilCancelled() {
        CounterSampler s = builder(host("A")).counters("\\Memory\\Pages/sec").continuous().build();
        java.util.concurrent.atomic.AtomicReference<SamplingHandle> handle = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        handle.set(s.stream(v -> {
            try {
                started.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (seen.incrementAndGet() == 25) handle.get().cancel();
        }));
        started.countDown();
        assertTrue(handle.get().await(Duration.ofSeconds(10)));
        assertTrue(handle.get().isDone());
        assertEquals(25, seen.get());
        assertEquals(T0 + 25_000, clock.millis());
    }

    @Test
    void aVmArrivingMidWindowIsUnavailableUntilItArrives() {
        HostModel a = host("A");
        HostModel b = host("B");
        VmModel vm = new VmModel("VM1", 2, 1024, 512, null, new VmWorkload(0.5, 0.1, 0, 0, 4096, 0, 0, null, 0, 0))
                .at(T0 - 60_000, "A", VmPresence.RUNNING).at(T0 + 2_000, "B", VmPresence.RUNNING);
        a.add(vm);
        b.add(vm);
        CounterSampler s = builder(a, b).counters("\\\\B\\Hyper-V Hypervisor Virtual Processor(VM1:Hv VP 0)\\% Guest Run Time").build();
        assertEquals(PdhStatus.NO_INSTANCE, first(s).status(0));
        clock.advance(1000);
        s.tick();
        clock.advance(1000);
        assertEquals(50.0, s.tick().value(0), 1e-9);
    }

    @Test
    void aPausedVmsProcessorsGoIdle() {
        HostModel a = host("A");
        VmModel vm = new VmModel("VM1", 2, 1024, 512, null, new VmWorkload(0.5, 0.1, 0, 0, 4096, 0, 0, null, 0, 0))
                .at(T0 - 60_000, "A", VmPresence.RUNNING).at(T0 + 1_000, "A", VmPresence.PAUSED);
        a.add(vm);
        CounterSampler s = builder(a).counters("\\Hyper-V Hypervisor Virtual Processor(VM1:Hv VP 1)\\% Guest Run Time",
                "\\Hyper-V Dynamic Memory VM(VM1)\\Physical Memory").build();
        assertEquals(50.0, first(s).value(0), 1e-9);
        clock.advance(1000);
        SampleView v = s.tick();
        assertEquals(0.0, v.value(0), 1e-9);
        assertEquals(1024.0, v.value(1));
    }

    @Test
    void aMigrationsTrafficAndABackupsReadsShowOnTheirInstances() {
        HostModel a = host("A");
        int nic = a.spec().nicIndex(Seed000Workloads.MIGRATION_NIC);
        a.add(new Transfer("live migration", T0, T0 + 10_000).send(nic, 100_000_000, 0));
        a.add(new Transfer("backup", T0 + 5_000, T0 + 10_000).read(1, 400, 65536, 0.02));
        CounterSampler s = builder(a).counters("\\Network Interface(" + Seed000Workloads.MIGRATION_NIC + ")\\Bytes Sent/sec",
                "\\PhysicalDisk(1 E:)\\Disk Read Bytes/sec", "\\PhysicalDisk(1 E:)\\Avg. Disk Queue Length").build();
        SampleView v = first(s);
        assertEquals(100_000_000.0, v.value(0), 1e-6);
        assertEquals(0.0, v.value(1));
        for (int i = 0; i < 5; i++) {
            clock.advance(1000);
            v = s.tick();
        }
        assertEquals(400 * 65536.0, v.value(1), 1e-6);
        assertEquals(8.0, v.value(2), 1e-9); // Little's law: 400/s x 20 ms
    }

    @Test
    void countersTheModelDoesNotProduceAreUnavailableNotZero() {
        CounterSampler s = builder(host("A")).counters("\\Memory\\Cache Bytes").build();
        SampleView v = first(s);
        assertEquals(PdhStatus.NO_COUNTER, v.status(0));
        assertTrue(Double.isNaN(v.value(0)));
    }

    @Test
    void statisticsAreThoseOfTheWindow() {
        Statistics st = Statistics.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertEquals(5.5, st.mean(), 1e-12);
        assertEquals(1, st.min());
        assertEquals(10, st.max());
        assertEquals(5.5, st.p50(), 1e-12);
        assertEquals(9.1, st.p90(), 1e-12); // rank 0.9 * 9 = 8.1 -> 9 + 0.1 * (10 - 9)
        assertEquals(9.55, st.p95(), 1e-12);
        Statistics gaps = Statistics.of(Double.NaN, 4, Double.NaN, 8);
        assertEquals(2, gaps.count());
        assertEquals(2, gaps.unavailable());
        assertEquals(6, gaps.mean());
        assertFalse(Statistics.of(Double.NaN).hasValues());
    }
}
