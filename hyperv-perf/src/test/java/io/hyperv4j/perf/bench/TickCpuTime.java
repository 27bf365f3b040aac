package io.hyperv4j.perf.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time per sampler tick (the thread's own CPU time, so other jobs on a shared machine do not
 * count), for the same setups as {@link SamplerBenchmark}.
 * Run: {@code bench/jmh hyperv-perf --main io.hyperv4j.perf.bench.TickCpuTime [ticks]}.
 */
public final class TickCpuTime {
    public static void main(String[] args) {
        int ticks = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        SamplerBenchmark b = new SamplerBenchmark();
        b.setUp();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (String which : new String[]{"tickSimulatedHosts", "tickArraySource"}) {
            Runnable tick = which.equals("tickArraySource") ? b::tickArraySource : b::tickSimulatedHosts;
            for (int i = 0; i < ticks; i++) tick.run(); // warm-up
            long cpu0 = mx.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            for (int i = 0; i < ticks; i++) tick.run();
            double cpuMs = (mx.getCurrentThreadCpuTime() - cpu0) / 1e6 / ticks;
            double wallMs = (System.nanoTime() - wall0) / 1e6 / ticks;
            int counters = which.equals("tickArraySource") ? b.bare.counters().size() : b.simulated.counters().size();
            System.out.printf("%-20s %6d counters  cpu %.3f ms/tick  wall %.3f ms/tick  (%d ticks)%n", which, counters, cpuMs, wallMs, ticks);
        }
    }
}
