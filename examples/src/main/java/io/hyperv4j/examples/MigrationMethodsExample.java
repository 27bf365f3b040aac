package io.hyperv4j.examples;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.scvmm.MethodAdvice;
import io.hyperv4j.scvmm.MigrationMethod;
import io.hyperv4j.scvmm.MoveAdvice;
import io.hyperv4j.scvmm.MoveResult;
import io.hyperv4j.scvmm.VirtualMachineManager;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Seed 000's three ways of moving its 6 GB SQL Server VM from host1 to host2, each on the lab the
 * paper used for it, through the management server: live migration in the cluster, SAN transfer
 * and network transfer between the standalone hosts; time and outage beside the paper's (Table 4-1,
 * 4-4, 4-7). Before moving, the server says why the other methods do not apply.
 */
public final class MigrationMethodsExample {
    private MigrationMethodsExample() {
    }

    public static void main(String[] args) {
        MoveAdvice standalone;
        try (HyperVHost host1 = HyperV.connect(URI.create("sim:template:seed000-vmm?host=host1"))) {
            standalone = host1.capability(VirtualMachineManager.class).advise("SQL Server", "host2");
        }
        System.out.println("Between seed 000's standalone hosts:");
        for (MethodAdvice m : standalone.methods())
            System.out.printf(Locale.ROOT, "  %-8s %s%n", m.method().transferType(), m.possible() ? "possible" : m.refusal().orElseThrow() + ": " + m.detail());
        System.out.printf(Locale.ROOT, "%n%-18s %9s %9s %7s   %9s %9s %7s%n", "method", "paper s", "sim s", "diff", "outage", "sim", "diff");
        row("Live migration", "seed000-cluster", MigrationMethod.CLUSTER_LIVE, 73.0, 1.0);
        row("SAN transfer", "seed000-vmm", MigrationMethod.SAN, 105.3, 26.0);
        row("Network transfer", "seed000-vmm", MigrationMethod.NETWORK, 945.7, 45.7);
    }

    private static void row(String name, String template, MigrationMethod method, double paperTotal, double paperOutage) {
        try (HyperVHost host1 = HyperV.connect(URI.create("sim:template:" + template + "?host=host1"))) {
            VirtualMachineManager vmm = host1.capability(VirtualMachineManager.class);
            MoveResult r = vmm.move("SQL Server", "host2", method).await(Duration.ofHours(1));
            double total = r.total().toMillis() / 1000.0, outage = r.outage().toMillis() / 1000.0;
            System.out.printf(Locale.ROOT, "%-18s %9.1f %9.1f %6.2f%%   %9.1f %9.2f %6.2f%%%n", name, paperTotal, total,
                    100 * (total - paperTotal) / paperTotal, paperOutage, outage, 100 * (outage - paperOutage) / paperOutage);
        }
    }
}
