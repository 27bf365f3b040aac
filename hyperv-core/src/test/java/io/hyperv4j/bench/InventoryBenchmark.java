package io.hyperv4j.bench;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.v2.V2;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Inventory queries through CimSession on a simulated datacenter of 1,000 hosts with 20 VMs each
 * (20,000 VMs): a key lookup ({@code get} by path, the fast way users are told to find a VM), a
 * filtered WQL query on one host (what a client sends to a host), and the same filter over every
 * host of the datacenter (1,000 queries, 20,000 VMs scanned).
 * <p>Run: {@code bench/jmh hyperv-core InventoryBenchmark}. On a shared, loaded machine wall time
 * says more about the neighbours than the code; {@code bench/jmh hyperv-core --main
 * io.hyperv4j.bench.InventoryBenchmark} reports the median thread CPU time per operation instead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class InventoryBenchmark {
    static final int HOSTS = 1_000;
    static final int VMS_PER_HOST = 20;

    private Lab lab;
    private final List<CimSession> sessions = new ArrayList<>();
    private final List<ObjectPath> vmPaths = new ArrayList<>();
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        lab = populate(HOSTS, VMS_PER_HOST);
        for (SimHost h : lab.hosts()) {
            CimSession s = lab.session(h.name());
            sessions.add(s);
            h.vms().forEach(vm -> vmPaths.add(V2.computerSystem(h.name(), vm.id())));
        }
    }

    /** A lab of {@code hosts} hosts named HV0000.. with {@code perHost} VMs each, named vm-HHHH-NN. */
    static Lab populate(int hosts, int perHost) {
        Lab.Builder b = Lab.builder().seed(42);
        for (int h = 0; h < hosts; h++) b.host(String.format("HV%04d", h), 32, 262_144);
        Lab lab = b.build();
        lab.write(CimSession.DEFAULT_TIMEOUT, txn -> {
            for (SimHost host : lab.hosts()) {
                String n = host.name().substring(2);
                for (int v = 0; v < perHost; v++) lab.createVm(txn, host, String.format("vm-%s-%02d", n, v));
            }
            return null;
        });
        return lab;
    }

    @TearDown
    public void tearDown() {
        sessions.forEach(CimSession::close);
        lab.close();
    }

    @Benchmark
    public CimInstance keyLookup() {
        ObjectPath p = vmPaths.get(next = (next + 7919) % vmPaths.size());
        return sessions.get(hostIndex(p)).get(p);
    }

    @Benchmark
    public List<CimInstance> filteredQueryOneHost() {
        int h = next = (next + 1) % HOSTS;
        return sessions.get(h).query(V2.NAMESPACE, String.format(
                "SELECT Name, EnabledState FROM Msvm_ComputerSystem WHERE ElementName LIKE 'vm-%04d-1%%' AND EnabledState = 3", h));
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int filteredScanAllHosts() {
        int found = 0;
        for (CimSession s : sessions)
            found += s.query(V2.NAMESPACE, "SELECT Name FROM Msvm_ComputerSystem WHERE ElementName LIKE 'vm-%-07'").size();
        if (found != HOSTS) throw new AssertionError("expected one match per host, got " + found);
        return found;
    }

    private static int hostIndex(ObjectPath p) {
        return Integer.parseInt(p.server().substring(2));
    }

    /** The CPU-time harness: median over 15 rounds of the CPU time per operation of each benchmark. */
    public static void main(String[] args) {
        InventoryBenchmark b = new InventoryBenchmark();
        b.setUp();
        try {
            java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            report(cpu, "keyLookup (us)", 20_000, 1e3, b::keyLookup);
            report(cpu, "filteredQueryOneHost (us)", 2_000, 1e3, b::filteredQueryOneHost);
            report(cpu, "filteredScanAllHosts (ms)", 3, 1e6, b::filteredScanAllHosts);
        } finally {
            b.tearDown();
        }
    }

    private static void report(java.lang.management.ThreadMXBean cpu, String name, int opsPerRound, double unit, Runnable op) {
        for (int i = 0; i < opsPerRound * 5; i++) op.run(); // warm-up
        double[] perOp = new double[15];
        for (int r = 0; r < perOp.length; r++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < opsPerRound; i++) op.run();
            perOp[r] = (cpu.getCurrentThreadCpuTime() - t0) / (double) opsPerRound / unit;
        }
        java.util.Arrays.sort(perOp);
        System.out.printf("%-28s median %.2f  min %.2f  max %.2f  (thread CPU time per op)%n", name, perOp[7], perOp[0], perOp[14]);
    }
}
