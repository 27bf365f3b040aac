package io.hyperv4j.cluster.sim;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cluster.Clusters;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.cluster.migration.Workload;
import io.hyperv4j.job.Operation;
import io.hyperv4j.cluster.GroupInfo;
import io.hyperv4j.cluster.LinkChecks;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimNetworkAdapter;
import io.hyperv4j.sim.SimVm;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: concurrent live migrations share the adapters of their network. A Windows Server 2012
 * cluster (two live migrations per node) moves two 4 GB VMs off node A over one 1 GbE adapter: each
 * takes about twice as long as one alone, and the adapter never carries more than its speed.
 */
class SharedLinkTest {
    static final Duration LOCK = Duration.ofSeconds(10);

    /** Nodes A, B, C (32 GB each), network "lm" at 1 GbE with one adapter per node, VMs vm1 and vm2 running on A. */
    static Lab lab(long seed) {
        Lab lab = Lab.builder().seed(seed).clock(SimClock.virtual(Lab.DEFAULT_START)).host("A", 16, 32768).host("B", 16, 32768)
                .host("C", 16, 32768).build();
        ClusterLab cl = ClusterLab.of(lab);
        cl.create("tri", "corp.local", ClusterProfile.WS2012, "A", "B", "C").switches("VM-Net")
                .network("lm", SimNetwork.ROLE_CLUSTER, 1000, true, "10.1.0.0", 1e9).disk("Cluster Disk 1", 1L << 40)
                .migrationNetworks("lm");
        for (String h : List.of("A", "B", "C")) lab.addNetworkAdapter(h, new SimNetworkAdapter("LM adapter", 1_000_000_000L, "lm"));
        ClusterEngine e = cl.engine();
        for (String name : List.of("vm1", "vm2")) {
            SimVm vm = PaperClusters.vm(lab, "A", name, 4096, 2, true);
            cl.vm(vm.id(), t -> t.configPath(SimCluster.CSV_ROOT + "\\Volume1\\" + name).switchName("VM-Net").workload(Workload.SQL_LONG_TRANSACTION));
        }
        lab.write(LOCK, txn -> {
            SimCluster c = e.cluster("tri");
            e.storage().enableCsv(txn, c, true);
            e.storage().addToCsv(txn, c, "Cluster Disk 1");
            e.roles().addVirtualMachine(txn, c, "vm1");
            e.roles().addVirtualMachine(txn, c, "vm2");
            return null;
        });
        return lab;
    }

    static Duration took(Lab lab, String group) {
        return ClusterLab.of(lab).history("tri").stream().filter(r -> r.group().equals(group)).findFirst().orElseThrow().duration();
    }

    /** How long vm1's move from A to B takes with nothing else on the link. */
    static Duration vm1Alone() {
        try (Lab lab = lab(1); CimSession s = lab.session("A")) {
            Clusters.of(s).group("vm1").liveMigrate("B").await(Duration.ofMinutes(10));
            return took(lab, "vm1");
        }
    }

    @Test
    void twoMigrationsOnOneLinkEachTakeAboutTwiceAsLong() {
        Duration alone = vm1Alone();
        try (Lab lab = lab(1); CimSession s = lab.session("A")) {
            FailoverCluster c = Clusters.of(s);
            Instant start = lab.clock().now();
            Operation<GroupInfo> one = c.group("vm1").liveMigrate("B");
            Operation<GroupInfo> two = c.group("vm2").liveMigrate("C");
            // the plans as the two share the adapter: what each will copy in its rounds and its pause
            double planned = ClusterLab.of(lab).read(e -> List.of("vm1", "vm2").stream().map(n -> e.cluster("tri").group(n).migration().livePlan())
                    .mapToDouble(p -> p.bytesCopied() + p.residualBytes()).sum());
            assertEquals("B", one.await(Duration.ofMinutes(10)).ownerNode());
            assertEquals("C", two.await(Duration.ofMinutes(10)).ownerNode());
            double twice = 2 * alone.toMillis();
            for (String g : List.of("vm1", "vm2"))
                assertEquals(twice, took(lab, g).toMillis(), twice * 0.10, g + " alone " + alone + ", together " + took(lab, g));
            LinkChecks.assertNeverOverSpeed(lab, "A", "lm", start, 1e9);
            // conservation: what A's adapter sent is what B's and C's received, and what the moves copied
            double sent = LinkChecks.bytes(LinkChecks.through(lab, "A", "lm", start));
            double received = LinkChecks.bytes(LinkChecks.through(lab, "B", "lm", start)) + LinkChecks.bytes(LinkChecks.through(lab, "C", "lm", start));
            assertEquals(planned, sent, planned * 1e-6, "sent = copied");
            assertEquals(sent, received, sent * 1e-9, "sent = received");
        }
    }

    @Test
    void aMigrationArrivingDuringAnotherCopyWaitsForTheLink() {
        try (Lab lab = lab(2); CimSession s = lab.session("A")) {
            FailoverCluster c = Clusters.of(s);
            Instant start = lab.clock().now();
            Operation<GroupInfo> one = c.group("vm1").liveMigrate("B");
            lab.clock().advance(Duration.ofSeconds(20));
            Operation<GroupInfo> two = c.group("vm2").liveMigrate("C");
            one.await(Duration.ofMinutes(10));
            two.await(Duration.ofMinutes(10));
            LinkChecks.assertNeverOverSpeed(lab, "A", "lm", start, 1e9);
            MigrationRecord first = ClusterLab.of(lab).history("tri").get(0);
            assertTrue(took(lab, "vm2").compareTo(took(lab, "vm1")) > 0, "the second waited for the first's copy");
            assertEquals("vm1", first.group());
        }
    }

    @Test
    void adaptersFollowTheirNetworksSpeed() {
        try (Lab lab = lab(3)) {
            for (double gbps : new double[] {10, 25, 40}) {
                ClusterLab.of(lab).configure("tri").networkSpeed("lm", gbps * 1e9, Duration.ofNanos(200_000));
                for (String h : List.of("A", "B", "C"))
                    assertEquals((long) (gbps * 1e9), lab.host(h).adapterOn("lm").orElseThrow().bitsPerSecond(), h + " at " + gbps + " Gb/s");
            }
        }
    }


    /**
     * A live migration and another flow of the lab (a network transfer's copy, a backup) on one
     * adapter: the migration plans with what the other leaves it, reserves its rate while it
     * copies, the other gets what is left and its full speed back when the migration ends; the
     * adapter never carries more than its speed.
     */
    @Test
    void aLiveMigrationSharesItsAdapterWithTheLabsOtherFlows() {
        Duration alone = vm1Alone();
        try (Lab lab = lab(1); CimSession s = lab.session("A")) {
            io.hyperv4j.sim.Fabric fabric = lab.fabric();
            String adapterA = io.hyperv4j.sim.Fabric.adapter("A", "lm");
            fabric.link(adapterA, 125e6, Double.POSITIVE_INFINITY);
            io.hyperv4j.sim.Fabric.Flow copy = fabric.start(new io.hyperv4j.substrate.FlowNetwork.FlowSpec("vmm/network-transfer/CopyFiles",
                    100_000_000_000L, Double.POSITIVE_INFINITY, 1 << 20, List.of(adapterA)), at -> { });
            Operation<GroupInfo> move = Clusters.of(s).group("vm1").liveMigrate("B");
            lab.clock().advance(Duration.ofSeconds(30)); // into the first round
            assertEquals(125e6, fabric.load(adapterA), 1, "the migration's reservation and the copy fill the adapter, no more");
            // the migration planned on half the adapter, and its pages take 94 % of that (protocol efficiency)
            assertEquals(125e6 - 0.94 * 62.5e6, copy.rate(), 125e6 * 0.02, "the copy gets what the migration's pages leave");
            move.await(Duration.ofMinutes(10));
            double twice = 2 * alone.toMillis();
            assertEquals(twice, took(lab, "vm1").toMillis(), twice * 0.10, "alone " + alone + ", beside the copy " + took(lab, "vm1"));
            assertEquals(125e6, copy.rate(), "the copy has the whole adapter again");
            copy.close();
        }
    }
}
