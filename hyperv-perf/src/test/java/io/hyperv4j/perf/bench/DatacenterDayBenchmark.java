package io.hyperv4j.perf.bench;

import io.hyperv4j.perf.sampler.CounterSampler;
import io.hyperv4j.perf.sampler.SampleView;
import io.hyperv4j.perf.sim.LabCounterSource;
import io.hyperv4j.perf.sim.VmWorkload;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimVm;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A day in a datacenter, simulated: 100 hosts with 20 running VMs each (2,000 VMs), every host's
 * processor, memory and per-VM virtual-processor counters sampled every 15 s for 24 hours of the
 * lab's clock (5,760 ticks), while VMs are stopped, saved and started again every simulated
 * minute. Reports wall time, process CPU time, the peak heap and how many samples were taken; run
 * it with the heap the issue allows:
 * {@code bench/jmh hyperv-perf --main io.hyperv4j.perf.bench.DatacenterDayBenchmark} (the launcher's
 * JVM; add {@code -Xmx2g} through JAVA_TOOL_OPTIONS to hold it to 2 GiB).
 */
public final class DatacenterDayBenchmark {
    static final int HOSTS = 100;
    static final int VMS_PER_HOST = 20;
    static final Duration INTERVAL = Duration.ofSeconds(15);
    static final Duration DAY = Duration.ofHours(24);
    private static final Duration T = Duration.ofSeconds(30);

    private DatacenterDayBenchmark() {}

    /** What one simulated day cost. */
    public record Result(int hosts, int vms, int counters, long ticks, long samples, long stateChanges,
                         long wallMillis, long cpuMillis, long peakHeapMb) {
        String line() {
            return String.format(Locale.ROOT, "| %d hosts, %d VMs | %d counters | %d ticks | %,d samples | %d state changes | %.1f s | %.1f s | %d MB |",
                    hosts, vms, counters, ticks, samples, stateChanges, wallMillis / 1000.0, cpuMillis / 1000.0, peakHeapMb);
        }
    }

    public static Result run(int hosts, int vmsPerHost, Duration length) {
        long wall = System.nanoTime();
        long cpu = processCpuNanos();
        Instant start = Instant.parse("2025-01-06T00:00:00Z");
        Lab.Builder b = Lab.builder().seed(24).clock(SimClock.manual(start));
        for (int h = 0; h < hosts; h++) b.host(String.format(Locale.ROOT, "HV%03d", h), 32, 262_144);
        try (Lab lab = b.build()) {
            List<String> vmIds = new ArrayList<>();
            lab.write(T, txn -> {
                for (SimHost host : lab.hosts())
                    for (int v = 0; v < vmsPerHost; v++) {
                        SimVm vm = lab.createVm(txn, host, host.name() + "-vm" + v);
                        vm.processors(2);
                        vm.memoryMb(8192);
                        vm.state(PowerState.RUNNING, txn.now());
                        vmIds.add(vm.id());
                    }
                return null;
            });
            VmWorkload busy = VmWorkload.builder().cpuPerVp(0.35).hypervisorOverhead(0.1).reads(40, 0.004).writes(25, 0.006)
                    .bytesPerIo(8192).hostDisk("0 C:").network(200_000, 150_000).build();
            CounterSampler.Builder sb = CounterSampler.builder().windowCapacity(240);
            LabCounterSource first = null;
            for (SimHost host : lab.hosts()) {
                LabCounterSource src = LabCounterSource.builder(lab, host.name())
                        .workloads(vm -> vm.name().endsWith("0") ? busy : LabCounterSource.IDLE_VM).build();
                if (first == null) first = src;
                sb.source(src);
            }
            CounterSampler sampler = sb.clock(first.clock()).counters(
                    "\\Hyper-V Hypervisor Logical Processor(_Total)\\% Total Run Time",
                    "\\Hyper-V Hypervisor Virtual Processor(*)\\% Guest Run Time",
                    "\\Memory\\Available MBytes").build();
            sampler.prime();
            Random random = new Random(24);
            long ticks = 0, samples = 0, changes = 0;
            long steps = length.dividedBy(INTERVAL);
            for (long i = 1; i <= steps; i++) {
                lab.clock().advance(INTERVAL);
                if (i % 4 == 0) changes += changeOne(lab, vmIds, random); // a VM changes state every simulated minute
                SampleView view = sampler.tick();
                ticks++;
                samples += view.size();
            }
            return new Result(hosts, vmIds.size(), sampler.counters().size(), ticks, samples, changes,
                    (System.nanoTime() - wall) / 1_000_000, (processCpuNanos() - cpu) / 1_000_000, peakHeapMb());
        }
    }

    /** Stops a running VM, saves a stopped one's neighbour or starts a stopped one: what an operator's day looks like. */
    private static int changeOne(Lab lab, List<String> vmIds, Random random) {
        String id = vmIds.get(random.nextInt(vmIds.size()));
        return lab.write(T, txn -> {
            SimVm vm = lab.vm(id);
            PowerState next = vm.state() == PowerState.RUNNING ? (random.nextBoolean() ? PowerState.OFF : PowerState.SAVED) : PowerState.RUNNING;
            vm.state(next, txn.now());
            return 1;
        });
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
            if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        return peak >> 20;
    }

    public static void main(String[] args) {
        System.out.println("max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MB, " + Runtime.getRuntime().availableProcessors() + " processors");
        System.out.println("| lab | counters | ticks | samples | state changes | wall | CPU | peak heap |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        System.out.println(run(HOSTS, VMS_PER_HOST, DAY).line());
    }
}
