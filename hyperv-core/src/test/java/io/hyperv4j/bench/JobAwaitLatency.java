package io.hyperv4j.bench;

import io.hyperv4j.ConnectOptions;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.job.JobOperation;
import io.hyperv4j.job.Operation;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import io.hyperv4j.vm.VmState;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;

/**
 * Latency from a job's completion to the return of {@code Operation.await()}, through the typed
 * API on a simulated host: {@link JobOperation#completionObservedNanos()} is taken when the
 * completion event reaches the client (the simulator fires it in the same step that completes the
 * job), the end when {@code await} returns. Runs start/turn-off cycles on a virtual clock (the
 * caller's thread completes the job while it waits) and on a scaled real-time clock (the clock's
 * driver thread completes it and the waiting caller must wake up).
 * <p>Run: {@code ./bench hyperv-core --main io.hyperv4j.bench.JobAwaitLatency [cycles]}
 */
public final class JobAwaitLatency {
    private JobAwaitLatency() {}

    public static void main(String[] args) {
        int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        report("virtual clock", Lab.builder().host("HV01", 16, 65536).build(), cycles);
        report("scaled clock x10000", Lab.builder().clock(SimClock.scaled(Lab.DEFAULT_START, 10_000))
                .host("HV01", 16, 65536).build(), Math.max(1, cycles / 10));
    }

    static void report(String label, Lab lab, int cycles) {
        try (lab; HyperVHost host = new HyperVHost(URI.create("sim:bench"), lab.session("HV01"), ConnectOptions.defaults())) {
            VirtualMachine vm = host.vms().create(VmSpec.builder("latency").build());
            long[] micros = new long[cycles * 2];
            int n = 0;
            for (int i = 0; i < cycles + 50; i++) {
                long a = measure(vm.start(), VmState.RUNNING);
                long b = measure(vm.turnOff(), VmState.OFF);
                if (i >= 50 && a >= 0) micros[n++] = a; // the first 50 cycles warm up
                if (i >= 50 && b >= 0) micros[n++] = b;
            }
            long[] s = Arrays.copyOf(micros, n);
            Arrays.sort(s);
            System.out.printf(Locale.ROOT, "%-22s n=%d  p50=%.1f us  p90=%.1f us  p99=%.1f us  max=%.1f us%n", label, n,
                    pct(s, 0.50), pct(s, 0.90), pct(s, 0.99), s.length == 0 ? 0.0 : s[s.length - 1] / 1000.0);
        }
    }

    /** Nanoseconds from the observed completion to the return of await; -1 when no job was involved. */
    private static long measure(Operation<VmState> op, VmState expected) {
        VmState got = op.await();
        long end = System.nanoTime();
        if (got != expected) throw new IllegalStateException("expected " + expected + ", got " + got);
        if (!(op instanceof JobOperation<VmState> job)) return -1;
        return end - job.completionObservedNanos();
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))] / 1000.0;
    }
}
