package io.hyperv4j.bench;

import io.hyperv4j.cim.schema.CimSchema;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * What a command pays for a namespace's schema at start: the CPU time of the first
 * {@code CimSchema.forNamespace} in a fresh JVM (reading and checking the data file, Jackson's first
 * use included), then of a second namespace once Jackson is warm. Start a new JVM for each figure.
 * <p>Run: {@code bench/jmh hyperv-core --main io.hyperv4j.bench.SchemaLoadHarness} (repeat; take the median)
 */
public final class SchemaLoadHarness {
    public static void main(String[] args) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long t0 = cpu.getCurrentThreadCpuTime();
        int v2 = CimSchema.forNamespace("root\\virtualization\\v2").classes().size();
        long t1 = cpu.getCurrentThreadCpuTime();
        int cluster = CimSchema.forNamespace("root\\MSCluster").classes().size();
        long t2 = cpu.getCurrentThreadCpuTime();
        System.out.printf("root\\virtualization\\v2 (%d classes, first): %.1f ms CPU; root\\MSCluster (%d classes, then): %.1f ms CPU%n",
                v2, (t1 - t0) / 1e6, cluster, (t2 - t1) / 1e6);
    }
}
