package io.hyperv4j.cluster.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cluster.ClusterException;
import io.hyperv4j.cluster.Clusters;
import io.hyperv4j.cluster.DrainType;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.cluster.migration.Workload;
import io.hyperv4j.sim.HostCapacity;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimNetworkAdapter;
import io.hyperv4j.sim.SimVm;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Capacity over random mixes of moves (issue 18): roles of 1-6 GB on three 12 GB nodes are live-
 * and quick-migrated to random nodes, nodes drained and one powered off (its roles fail over), the
 * moves overlapping at random delays; at every second and once everything settled, no powered-on
 * host runs more VM memory than it has less the parent partition's reserve. Moves that would
 * overfill a host are refused or fail; none lands.
 */
class ClusterCapacityProperties {
    private static final Duration LOCK = Duration.ofSeconds(10);
    private static final List<String> NODES = List.of("A", "B", "C");

    /** One step: what to do, to which role, towards which node, and how long to wait after it. */
    record Step(int kind, int role, int node, int waitSeconds) {
    }

    @Provide
    Arbitrary<Step> steps() {
        return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 40)).as(Step::new);
    }

    @Property(tries = 12)
    void noHostRunsMoreMemoryThanItHas(@ForAll @Size(min = 1, max = 5) List<@net.jqwik.api.constraints.LongRange(min = 1, max = 6) Long> gib,
                                       @ForAll @Size(min = 1, max = 8) List<@net.jqwik.api.From("steps") Step> steps) {
        try (Lab lab = lab(gib); CimSession s = lab.session("A")) {
            FailoverCluster c = Clusters.of(s);
            boolean poweredOff = false;
            for (Step step : steps) {
                String role = "vm" + (step.role % gib.size()), node = NODES.get(step.node);
                try {
                    switch (step.kind) {
                        case 0 -> c.group(role).liveMigrate(node);
                        case 1 -> c.group(role).quickMigrate(node);
                        case 2 -> c.node(node).pause(DrainType.DRAIN, null);
                        case 3 -> {
                            if (!poweredOff && !node.equals("A")) { // the session's node stays; one node down keeps quorum
                                ClusterLab.of(lab).powerOff(node);
                                poweredOff = true;
                            }
                        }
                        default -> { } // only wait
                    }
                } catch (ClusterException refused) {
                    // refused before anything moved: the invariant below still holds
                }
                for (int t = 0; t < step.waitSeconds; t++) {
                    lab.clock().advance(Duration.ofSeconds(1));
                    assertWithinMemory(lab, steps);
                }
            }
            for (int t = 0; t < 600; t += 5) {
                lab.clock().advance(Duration.ofSeconds(5));
                assertWithinMemory(lab, steps);
            }
        }
    }

    private static void assertWithinMemory(Lab lab, List<Step> steps) {
        lab.read(LOCK, () -> {
            for (SimHost h : lab.hosts()) {
                if (!h.poweredOn()) continue;
                long room = h.memoryMb() - HostCapacity.PARENT_RESERVE_MB;
                assertTrue(h.memoryInUseMb() <= room, h.name() + " runs " + h.memoryInUseMb() + " MB of VMs with " + room
                        + " MB for them at " + lab.clock().now() + " after " + steps);
            }
            return null;
        });
    }

    /** Three 12 GB nodes; the roles placed in turn on the first node with room (a role with none stays off on A). */
    private static Lab lab(List<Long> gib) {
        Lab lab = Lab.builder().seed(gib.size()).clock(SimClock.virtual(Lab.DEFAULT_START)).host("A", 16, 12288).host("B", 16, 12288)
                .host("C", 16, 12288).build();
        ClusterLab cl = ClusterLab.of(lab);
        cl.create("tri", "corp.local", ClusterProfile.WS2012, "A", "B", "C").switches("VM-Net")
                .network("lm", SimNetwork.ROLE_CLUSTER, 1000, true, "10.1.0.0", 1e9).disk("Cluster Disk 1", 1L << 40)
                .migrationNetworks("lm");
        for (String h : NODES) lab.addNetworkAdapter(h, new SimNetworkAdapter("LM adapter", 1_000_000_000L, "lm"));
        ClusterEngine e = cl.engine();
        for (int i = 0; i < gib.size(); i++) {
            long mb = gib.get(i) * 1024;
            String host = NODES.stream().filter(n -> lab.read(LOCK, () -> HostCapacity.freeMemoryMb(lab.host(n), mb)) >= 0).findFirst().orElse(null);
            String name = "vm" + i;
            SimVm vm = PaperClusters.vm(lab, host == null ? "A" : host, name, mb, 2, host != null);
            cl.vm(vm.id(), t -> t.configPath(SimCluster.CSV_ROOT + "\\Volume1\\" + name).switchName("VM-Net").workload(Workload.SQL_LONG_TRANSACTION));
        }
        lab.write(LOCK, txn -> {
            SimCluster c = e.cluster("tri");
            e.storage().enableCsv(txn, c, true);
            e.storage().addToCsv(txn, c, "Cluster Disk 1");
            for (int i = 0; i < gib.size(); i++) e.roles().addVirtualMachine(txn, c, "vm" + i);
            return null;
        });
        return lab;
    }
}
