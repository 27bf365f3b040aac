package io.hyperv4j.cluster;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cluster.migration.Workload;
import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.cluster.sim.ClusterProfile;
import io.hyperv4j.cluster.sim.MigrationRecord;
import io.hyperv4j.cluster.sim.PaperClusters;
import io.hyperv4j.cluster.sim.SimCluster;
import io.hyperv4j.cluster.sim.SimGroup;
import io.hyperv4j.cluster.sim.SimMigration;
import io.hyperv4j.cluster.sim.SimNetwork;
import io.hyperv4j.cluster.sim.SimNode;
import io.hyperv4j.sim.HostCapacity;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimVm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Random sequences of live and quick migrations, cancels, CSV moves, drains, resumes, node failures
 * and recoveries on a four-node cluster, with time advancing in random steps. After every step:
 * every role has exactly one owner and its VM is registered on exactly that node; no node takes
 * part in more live migrations than its limit; no VM runs on two nodes; every completed live
 * migration carried the memory over intact; a cancelled one left the VM running on its source;
 * no node runs more VM memory than it has (issue 18: every move checks room first); no node's
 * live-migration link carries more than its speed. The same seed repeats a run exactly.
 */
class ClusterProperties {
    static final String[] NODES = {"N1", "N2", "N3", "N4"};
    static final int VMS = 6;

    record Step(int action, int group, int node, int seconds) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, VMS - 1),
                Arbitraries.integers().between(0, NODES.length - 1), Arbitraries.integers().between(0, 90)).as(Step::new);
        return step.list().ofMinSize(5).ofMaxSize(40);
    }

    @Property(tries = 60)
    void invariantsHoldUnderRandomOperations(@ForAll("steps") List<Step> steps, @ForAll boolean oldProfile,
                                             @ForAll @Size(value = VMS) List<@net.jqwik.api.constraints.IntRange(min = 1, max = 8) Integer> gib) {
        run(steps, oldProfile, gib);
    }

    /** Issue 18: the same seed and the same operations give the same moves, at the same instants, with the same pages. */
    @Property(tries = 10)
    void aRunRepeatsExactlyForItsSeed(@ForAll("steps") List<Step> steps, @ForAll boolean oldProfile,
                                      @ForAll @Size(value = VMS) List<@net.jqwik.api.constraints.IntRange(min = 1, max = 8) Integer> gib) {
        assertEquals(run(steps, oldProfile, gib), run(steps, oldProfile, gib));
    }

    /**
     * Runs the steps on a fresh lab (20 GB nodes, so the VMs' memory does not always fit where a
     * move wants to land them) and returns the cluster's history.
     */
    private List<MigrationRecord> run(List<Step> steps, boolean oldProfile, List<Integer> gib) {
        ClusterProfile profile = oldProfile ? ClusterProfile.WS2008R2 : ClusterProfile.WS2012;
        try (Lab lab = Lab.builder().seed(steps.size()).clock(SimClock.virtual(Lab.DEFAULT_START))
                .host("N1", 16, 20480).host("N2", 16, 20480).host("N3", 16, 20480).host("N4", 16, 20480).build()) {
            Instant begin = lab.clock().now();
            ClusterLab cl = ClusterLab.of(lab);
            cl.create("prop", "test.local", profile, NODES).switches("VM-Net")
                    .network("lm", SimNetwork.ROLE_CLUSTER, 1000, true, "10.0.0.0", 1e9)
                    .disk("Cluster Disk 1", 1L << 40);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < VMS; i++) {
                String name = "vm" + i;
                SimVm vm = PaperClusters.vm(lab, NODES[i % NODES.length], name, gib.get(i) * 1024L, 2, i != VMS - 1);
                Workload w = i % 3 == 0 ? Workload.HEAVY : i % 3 == 1 ? Workload.SQL_LONG_TRANSACTION : Workload.IDLE;
                cl.vm(vm.id(), t -> t.configPath("C:\\ClusterStorage\\Volume1\\" + name).switchName("VM-Net").workload(w));
                names.add(name);
            }
            try (CimSession s = lab.session("N1")) {
                FailoverCluster fc = Clusters.of(s);
                fc.enableSharedVolumes();
                fc.addToSharedVolumes("Cluster Disk 1");
                for (String n : names) fc.addVirtualMachine(n);
                checkInvariants(cl, lab);
                for (Step st : steps) {
                    apply(st, s, cl, lab, names.get(st.group()), NODES[st.node()]);
                    checkInvariants(cl, lab);
                    lab.clock().advance(Duration.ofSeconds(st.seconds()));
                    checkInvariants(cl, lab);
                }
                for (String node : NODES) LinkChecks.assertNeverOverSpeed(lab, node, "lm", begin, 1e9);
                lab.clock().advance(Duration.ofHours(1));
                checkInvariants(cl, lab);
                for (MigrationRecord r : cl.history("prop"))
                    net.jqwik.api.statistics.Statistics.label("moves").collect(r.kind() + " " + r.outcome());
                return cl.history("prop");
            }
        }
    }

    private void apply(Step st, CimSession s, ClusterLab cl, Lab lab, String chosen, String node) {
        // a cancel goes to a role that is being moved, when there is one
        String group = st.action() != 4 ? chosen : cl.read(e -> e.cluster("prop").groups().stream()
                .filter(x -> x.migration() != null).map(SimGroup::name).findFirst().orElse(chosen));
        ObjectPath g = ObjectPath.of("root\\MSCluster", "MSCluster_ResourceGroup", Map.of("Name", group));
        ObjectPath n = ObjectPath.of("root\\MSCluster", "MSCluster_Node", Map.of("Name", node));
        Snapshot before = Snapshot.of(cl, group);
        try {
            switch (st.action()) {
                case 0, 1, 2 -> s.invoke(g, "MoveToNewNodeEx", Map.of("NodeName", CimValue.string(node), "Parameters",
                        CimValue.object(CimInstance.builder("MSCluster_Property").put("MigrationType", CimValue.uint32(4)).build())));
                case 3 -> s.invoke(g, "MoveToNewNode", Map.of("NodeName", CimValue.string(node), "TimeOut", CimValue.uint32(0)));
                case 4 -> {
                    s.invoke(g, "CancelOperation", Map.of("Flags", CimValue.uint32(0)));
                    Snapshot after = Snapshot.of(cl, group);
                    assertEquals(before.migratingFrom, after.owner, "a cancelled live migration leaves the role on its source");
                    assertEquals(PowerState.RUNNING, after.vmState, "and its VM running there");
                    assertEquals(before.startedAt, after.startedAt, "without a restart");
                    return;
                }
                case 5 -> s.invoke(n, "Pause", Map.of("DrainType", CimValue.uint32(1), "TargetNode", CimValue.string("")));
                case 6 -> s.invoke(n, "Resume", Map.of("FailbackType", CimValue.uint32(1)));
                case 7 -> cl.powerOff(node);
                case 8 -> cl.recover(node);
                default -> s.invoke(ObjectPath.of("root\\MSCluster", "MSCluster_ClusterSharedVolume", Map.of("Name", "Cluster Disk 1")),
                        "MoveToNewHost", Map.of("HostName", CimValue.string(node)));
            }
        } catch (CimException | IllegalStateException e) {
            // refused: nothing may have changed for the role
            Snapshot after = Snapshot.of(cl, group);
            if (st.action() <= 4) assertEquals(before, after, "a refused call changed the role: " + e.getMessage());
        }
    }

    record Snapshot(String owner, SimGroup.State state, String migratingFrom, PowerState vmState, Instant startedAt, String vmHost) {
        static Snapshot of(ClusterLab cl, String group) {
            return cl.read(e -> {
                SimGroup g = e.cluster("prop").group(group);
                SimVm vm = e.lab().vm(g.vmId());
                SimMigration m = g.migration();
                return new Snapshot(g.owner().name(), g.state(), m == null ? null : m.source().name(), vm.state(), vm.startedAt(),
                        vm.host().name());
            });
        }
    }

    private void checkInvariants(ClusterLab cl, Lab lab) {
        cl.read(e -> {
            SimCluster c = e.cluster("prop");
            for (SimGroup g : c.groups()) {
                assertNotNull(g.owner(), g.name() + " has an owner");
                int registered = 0;
                for (SimHost h : lab.hosts()) for (SimVm v : h.vms()) if (v.id().equals(g.vmId())) registered++;
                assertEquals(1, registered, g.name() + "'s VM is registered on exactly one node");
                SimVm vm = lab.vm(g.vmId());
                assertEquals(g.owner().name(), vm.host().name(), g.name() + ": the owner is the node its VM is on");
                if (vm.state() == PowerState.RUNNING || vm.state() == PowerState.PAUSED)
                    assertTrue(g.owner().isUpOrPaused() || g.migration() != null, g.name() + " runs on a node that is down");
            }
            for (SimNode n : c.nodes()) {
                assertTrue(c.liveMigrationsOn(n) <= c.profile().maxLiveMigrationsPerNode(),
                        n.name() + " takes part in " + c.liveMigrationsOn(n) + " live migrations");
                SimHost h = lab.host(n.name());
                assertTrue(HostCapacity.freeMemoryMb(h, 0) >= 0, n.name() + " runs " + h.memoryInUseMb() + " MB of VMs in "
                        + h.memoryMb() + " MB (" + HostCapacity.PARENT_RESERVE_MB + " MB kept for the host)");
            }
            for (MigrationRecord r : c.history())
                if (r.kind().equals("LIVE") && r.outcome().equals("COMPLETED") && !r.detail().equals("offline role moved"))
                    assertEquals(r.sourceDigest(), r.destinationDigest(), "memory of " + r.group() + " changed in a live migration");
            return null;
        });
    }
}
