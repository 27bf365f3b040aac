package io.hyperv4j.bench;

import io.hyperv4j.sim.Lab;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Heap retained per simulated VM: builds the benchmark datacenter (1,000 hosts, 20 VMs each) and
 * compares the live heap after a full GC with that of the same hosts without VMs.
 * <p>Run: {@code bench/jmh hyperv-core --main io.hyperv4j.bench.VmFootprintHarness}
 */
public final class VmFootprintHarness {
    public static void main(String[] args) {
        int hosts = InventoryBenchmark.HOSTS, perHost = InventoryBenchmark.VMS_PER_HOST;
        Lab empty = InventoryBenchmark.populate(hosts, 0);
        long base = liveHeap();
        Lab full = InventoryBenchmark.populate(hosts, perHost);
        long withVms = liveHeap();
        int vms = full.vmCount();
        System.out.printf("%d VMs on %d hosts: %.1f MiB live heap for the VMs, %d bytes per VM%n",
                vms, hosts, (withVms - base) / 1048576.0, (withVms - base) / vms);
        full.close();
        empty.close();
    }

    private static long liveHeap() {
        MemoryMXBean m = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) System.gc();
        return m.getHeapMemoryUsage().getUsed();
    }
}
