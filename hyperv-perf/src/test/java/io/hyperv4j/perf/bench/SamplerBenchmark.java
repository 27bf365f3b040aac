package io.hyperv4j.perf.bench;

import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.CounterType;
import io.hyperv4j.perf.sampler.CounterSampler;
import io.hyperv4j.perf.sampler.SampleView;
import io.hyperv4j.perf.sampler.SamplingClock;
import io.hyperv4j.perf.sampler.VirtualClock;
import io.hyperv4j.perf.sim.Background;
import io.hyperv4j.perf.sim.HostSpec;
import io.hyperv4j.perf.sim.HostModel;
import io.hyperv4j.perf.sim.VmModel;
import io.hyperv4j.perf.sim.SimulatedCounterSource;
import io.hyperv4j.perf.sim.VmPresence;
import io.hyperv4j.perf.sim.VmWorkload;
import io.hyperv4j.perf.source.CounterDescriptor;
import io.hyperv4j.perf.source.CounterSource;
import io.hyperv4j.perf.source.RawReader;
import io.hyperv4j.perf.CounterSetDefinition;
import io.hyperv4j.perf.CounterCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One sampler tick over 10,000+ counters: collecting raw values, cooking them with PDH's formulas,
 * and keeping them in the statistics window. Two sources: simulated hosts (the tick includes
 * integrating the hosts' workload model), and a bare array source (the sampler alone).
 * Run: see hyperv-perf/docs/perf.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
@State(Scope.Thread)
public class SamplerBenchmark {
    VirtualClock clock;
    CounterSampler simulated;
    CounterSampler bare;

    @Setup(Level.Trial)
    public void setUp() {
        clock = SamplingClock.virtual(1_700_000_000_000L);
        CounterSampler.Builder b = CounterSampler.builder().clock(clock).windowCapacity(60);
        for (int h = 0; h < 4; h++) b.source(new SimulatedCounterSource(bigHost("HV" + h), clock));
        simulated = b.counters("\\*(*)\\*", "\\Memory\\*").build();
        if (simulated.counters().size() < 10_000) throw new IllegalStateException("only " + simulated.counters().size() + " counters");
        simulated.prime();
        bare = CounterSampler.builder().clock(clock).windowCapacity(60).source(new ArraySource(10_000))
                .counters("\\Bench(*)\\*").build();
        bare.prime();
    }

    static HostModel bigHost(String name) {
        List<String> disks = new ArrayList<>();
        for (int d = 0; d < 16; d++) disks.add(d + " " + (char) ('C' + d) + ":");
        List<HostSpec.Nic> nics = new ArrayList<>();
        for (int n = 0; n < 8; n++) nics.add(new HostSpec.Nic("NIC " + n, 10_000_000_000L));
        HostModel host = new HostModel(new HostSpec(name, 64, 524_288, 1_048_576, disks, nics, List.of("Management")), 1_699_999_000_000L);
        host.add(new Background().cpu(4, 0.5).memory(100_000, 400_000, 200).disk(0, 500, 0.002, 800, 0.001).network(0, 1e6, 1e6, 0));
        for (int v = 0; v < 50; v++) {
            host.add(new VmModel("VM" + v, 4, 8192, 8192, (char) ('C' + v % 16) + ":-VMs-VM" + v + ".vhdx",
                    new VmWorkload(0.3, 0.1, 50, 80, 8192, 0.004, 0.002, disks.get(v % 16), 1e6, 2e6))
                    .at(0, name, VmPresence.RUNNING));
        }
        return host;
    }

    @Benchmark
    public double tickSimulatedHosts() {
        clock.advance(1000);
        SampleView v = simulated.tick();
        return v.value(v.size() - 1);
    }

    @Benchmark
    public double tickArraySource() {
        clock.advance(1000);
        SampleView v = bare.tick();
        return v.value(v.size() - 1);
    }

    /** A host of {@code n} counters of mixed types whose raw values advance each read; no model behind them. */
    static final class ArraySource implements CounterSource {
        private final int n;
        private static final CounterType[] TYPES = {CounterType.PERF_COUNTER_COUNTER, CounterType.PERF_COUNTER_BULK_COUNT,
                CounterType.PERF_100NSEC_TIMER_INV, CounterType.PERF_PRECISION_100NS_TIMER, CounterType.PERF_AVERAGE_TIMER,
                CounterType.PERF_COUNTER_LARGE_RAWCOUNT, CounterType.PERF_RAW_FRACTION, CounterType.PERF_COUNTER_100NS_QUEUELEN_TYPE};

        ArraySource(int n) {
            this.n = n;
        }

        @Override public String host() { return "BENCH"; }
        @Override public List<CounterSetDefinition> counterSets() { return CounterCatalog.standard().sets(); }
        @Override public List<String> instances(String set) { return List.of(); }

        @Override
        public List<CounterDescriptor> expand(CounterPath path) {
            List<CounterDescriptor> l = new ArrayList<>(n);
            for (int i = 0; i < n; i++) l.add(new CounterDescriptor(CounterPath.of("BENCH", "Bench", "i" + i, "c"), TYPES[i % TYPES.length]));
            return l;
        }

        @Override
        public RawReader open(List<CounterDescriptor> counters) {
            long[] tick = {0};
            return batch -> {
                long t = ++tick[0];
                for (int i = 0; i < batch.size(); i++) batch.set(i, t * (i + 1) * 1000, t * 10_000_000, 10_000_000);
            };
        }
    }
}
