package io.hyperv4j.cli;

import io.hyperv4j.cim.CimSession;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimHost;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * {@code hyperv --lab FILE --json vm list} on labs of growing size, to show the work grows linearly
 * in the number of VMs: builds a lab file with N VMs on its default host, runs the command in-process
 * (load, render every VM, print, save) a few times and prints the best time, and its time per VM.
 * A harness, not a test: it asserts nothing about time.
 * <p>Run: {@code bench/jmh examples --main io.hyperv4j.cli.VmListHarness 1000 10000 100000}
 */
public final class VmListHarness {
    private static final int RUNS = 3;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("vm-list-bench");
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        Cli cli = Cli.withInstalledNouns(sink, sink, Environment.isolated(Map.of(), Clock.systemUTC()));
        measure(cli, dir, 2000);   // warm-up: the JIT compiles the paths first
        System.out.printf("%8s %12s %14s%n", "VMs", "best (ms)", "per VM (µs)");
        for (String a : args.length == 0 ? new String[] {"1000", "10000", "100000"} : args) {
            int n = Integer.parseInt(a);
            long best = measure(cli, dir, n);
            System.out.printf("%8d %12.0f %14.1f%n", n, best / 1e6, best / 1e3 / n);
        }
    }

    /** The best of {@value #RUNS} runs of vm list on a lab file of {@code n} VMs, in nanoseconds. */
    private static long measure(Cli cli, Path dir, int n) throws Exception {
        Path file = dir.resolve("lab-" + n + ".json");
        try (Lab lab = populate(n)) {
            lab.save(file);
        }
        long best = Long.MAX_VALUE;
        for (int run = 0; run < RUNS; run++) {
            long t0 = System.nanoTime();
            int code = cli.run("--lab", file.toString(), "--json", "vm", "list");
            long t = System.nanoTime() - t0;
            if (code != Cli.OK) throw new IllegalStateException("vm list failed with " + code);
            best = Math.min(best, t);
        }
        Files.delete(file);
        return best;
    }

    /** One host (the lab's default) with {@code vms} VMs named vm-NNNNNN. */
    static Lab populate(int vms) {
        Lab lab = Lab.builder().seed(42).host(Lab.DEFAULT_HOST, 2048, 1L << 30).build();
        SimHost host = lab.host(Lab.DEFAULT_HOST);
        lab.write(CimSession.DEFAULT_TIMEOUT, txn -> {
            for (int v = 0; v < vms; v++) lab.createVm(txn, host, String.format("vm-%06d", v));
            return null;
        });
        return lab;
    }
}
