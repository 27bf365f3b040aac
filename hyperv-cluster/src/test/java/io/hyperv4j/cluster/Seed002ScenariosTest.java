package io.hyperv4j.cluster;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.NotFoundException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.cluster.sim.ClusterProfile;
import io.hyperv4j.cluster.sim.MigrationRecord;
import io.hyperv4j.cluster.sim.PaperClusters;
import io.hyperv4j.cluster.sim.SimCluster;
import io.hyperv4j.cluster.sim.SimNetwork;
import io.hyperv4j.cluster.sim.SimNode;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.job.Operation;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.vm.VirtualMachines;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Seed 002 (NEC Live Migration setup guide), digest section 5.4, scenarios 1-10, on the virtual clock. */
class Seed002ScenariosTest {
    static final Duration WAIT = Duration.ofMinutes(10);
    Lab lab;
    CimSession ariel;
    FailoverCluster cluster;

    void open(Lab l) {
        lab = l;
        ariel = lab.session("ARIEL");
        cluster = Clusters.of(ariel);
    }

    @AfterEach
    void close() {
        if (ariel != null) ariel.close();
        if (lab != null) lab.close();
    }

    static SimClock clock() {
        return SimClock.virtual(Lab.DEFAULT_START);
    }

    ClusterLab sim() {
        return ClusterLab.of(lab);
    }

    MigrationRecord last(String cluster) {
        List<MigrationRecord> h = sim().history(cluster);
        return h.get(h.size() - 1);
    }

    static ClusterRefusal refusal(Executable call) {
        return assertThrows(ClusterRefusedException.class, call).reason();
    }

    List<String> vmNamesOn(String host) {
        try (CimSession s = lab.session(host)) {
            return new VirtualMachines(s, Duration.ofMinutes(1)).list().stream().map(v -> v.name()).toList();
        }
    }

    /** 1. Enable CSV, add the disk, make the VM highly available, choose networks, start it, live-migrate it. */
    @Test
    void happyPathSetupAndLiveMigration() {
        open(PaperClusters.seed002Bare(1, clock()));
        assertFalse(cluster.info().sharedVolumesEnabled());
        assertEquals(ClusterRefusal.INVALID_REQUEST, refusal(() -> cluster.addToSharedVolumes("Cluster Disk 1")));
        assertTrue(cluster.enableSharedVolumes().sharedVolumesEnabled());
        CsvInfo csv = cluster.addToSharedVolumes("Cluster Disk 1").info();
        assertEquals("C:\\ClusterStorage\\Volume1", csv.path());
        assertEquals("ARIEL", csv.ownerNode());
        assertEquals(0, csv.faultState());

        ClusterGroup vm = cluster.addVirtualMachine("ws2003r2-lm");
        GroupInfo g = vm.info();
        assertEquals(GroupState.OFFLINE, g.state());
        assertEquals("ARIEL", g.ownerNode());
        assertTrue(vm.preferredOwners().isEmpty());
        assertTrue(g.isVirtualMachine());
        cluster.setLiveMigrationNetworks(List.of("heartbeat", "management"));
        assertEquals(List.of("heartbeat", "management"), cluster.liveMigrationNetworks());
        assertEquals(GroupState.ONLINE, vm.start().state());

        List<Integer> progress = new CopyOnWriteArrayList<>();
        Operation<GroupInfo> op = vm.liveMigrate("umbriel");
        op.onProgress(progress::add);
        GroupInfo done = op.await(WAIT);
        assertEquals("umbriel", done.ownerNode());
        assertEquals(GroupState.ONLINE, done.state());
        assertEquals(100, op.progress());
        assertTrue(progress.stream().anyMatch(p -> p > 0 && p < 100), "progress seen on the way: " + progress);
        MigrationRecord r = last("satellite");
        assertEquals("COMPLETED", r.outcome());
        assertTrue(r.outage().compareTo(Duration.ofSeconds(1)) < 0, "blackout " + r.outage());
        assertEquals(r.sourceDigest(), r.destinationDigest(), "memory content moved intact");
        assertEquals(List.of("ws2003r2-lm"), vmNamesOn("umbriel"));
        assertEquals(List.of(), vmNamesOn("ARIEL"));
    }

    /** 2. umbriel runs Standard edition: refused, ownership unchanged. */
    @Test
    void standardEditionIsRefused() {
        open(PaperClusters.seed002(1, clock()));
        sim().configure("satellite").node("umbriel", SimNode.Edition.STANDARD, "GenuineIntel", "Xeon X5570", "VM-Net");
        ClusterGroup vm = cluster.group("ws2003r2-lm");
        assertEquals(ClusterRefusal.INCOMPATIBLE_NODES, refusal(() -> vm.liveMigrate("umbriel")));
        assertEquals("ARIEL", vm.info().ownerNode());
        assertEquals(GroupState.ONLINE, vm.info().state());
        assertTrue(sim().history("satellite").isEmpty());
    }

    /** 3. The VM's switch "VM-Net" does not exist on umbriel: the live migration fails, the VM keeps running on ARIEL. */
    @Test
    void switchNameMismatchFails() {
        open(PaperClusters.seed002(1, clock()));
        sim().configure("satellite").node("umbriel", SimNode.Edition.DATACENTER, "GenuineIntel", "Xeon X5570", "VMNet2");
        ClusterGroup vm = cluster.group("ws2003r2-lm");
        ClusterRefusedException e = assertThrows(ClusterRefusedException.class, () -> vm.liveMigrate("umbriel"));
        assertEquals(ClusterRefusal.INCOMPATIBLE_NODES, e.reason());
        assertTrue(e.getMessage().contains("VM-Net"), e.getMessage());
        assertEquals("ARIEL", vm.info().ownerNode());
        assertEquals(List.of("ws2003r2-lm"), vmNamesOn("ARIEL"));
    }

    /** 4. Three nodes on the 2008 R2 profile: a node takes part in one live migration at a time. */
    @Test
    void concurrencyLimitOfOneLiveMigrationPerNode() {
        Lab l = Lab.builder().seed(4).clock(clock()).host("A", 8, 32768).host("B", 8, 32768).host("C", 8, 32768).build();
        ClusterLab cl = ClusterLab.of(l);
        cl.create("tri", "uranus.local", ClusterProfile.WS2008R2, "A", "B", "C").switches("VM-Net")
                .network("lm", SimNetwork.ROLE_CLUSTER, 1000, true, "10.1.0.0", 1e9).disk("Cluster Disk 1", 100 * PaperClusters.GIB);
        for (String[] v : new String[][] {{"A", "vm1"}, {"A", "vm2"}, {"C", "vm3"}}) {
            SimVm vm = PaperClusters.vm(l, v[0], v[1], 2048, 2, true);
            cl.vm(vm.id(), t -> t.configPath("C:\\ClusterStorage\\Volume1\\" + v[1]).switchName("VM-Net"));
        }
        lab = l;
        ariel = l.session("A");
        cluster = Clusters.of(ariel);
        cluster.enableSharedVolumes();
        cluster.addToSharedVolumes("Cluster Disk 1");
        for (String v : List.of("vm1", "vm2", "vm3")) cluster.addVirtualMachine(v);

        Operation<GroupInfo> first = cluster.group("vm1").liveMigrate("B");
        assertEquals(ClusterRefusal.NOT_ENOUGH_RESOURCES_ON_SOURCE, refusal(() -> cluster.group("vm2").liveMigrate("C")), "A is busy");
        assertEquals(ClusterRefusal.NOT_ENOUGH_RESOURCES_ON_DESTINATION, refusal(() -> cluster.group("vm3").liveMigrate("B")), "B is busy");
        assertEquals("B", first.await(WAIT).ownerNode());
        assertEquals("C", cluster.group("vm2").liveMigrate("C").await(WAIT).ownerNode());
        assertEquals("B", cluster.group("vm3").liveMigrate("B").await(WAIT).ownerNode());
    }

    /** 5. Different processor versions: refused unless the VM has processor compatibility mode. */
    @Test
    void processorVersionMismatchNeedsCompatibilityMode() {
        open(PaperClusters.seed002(1, clock()));
        sim().configure("satellite").node("umbriel", SimNode.Edition.DATACENTER, "GenuineIntel", "Xeon E5405", "VM-Net");
        ClusterGroup vm = cluster.group("ws2003r2-lm");
        assertEquals(ClusterRefusal.INCOMPATIBLE_NODES, refusal(() -> vm.liveMigrate("umbriel")));
        sim().vm(vm.info().vmId(), t -> t.processorCompatibility(true));
        assertEquals("umbriel", vm.liveMigrate("umbriel").await(WAIT).ownerNode());
        sim().configure("satellite").node("ARIEL", SimNode.Edition.DATACENTER, "AuthenticAMD", "Opteron 2435", "VM-Net");
        assertEquals(ClusterRefusal.INCOMPATIBLE_NODES, refusal(() -> vm.liveMigrate("ARIEL")), "vendor mismatch is always refused");
    }

    /** 6. The lowest metric carries CSV traffic; setting a metric clears AutoMetric; the validator warns when LM = CSV network. */
    @Test
    void csvNetworkFollowsTheLowestMetric() {
        open(PaperClusters.seed002(1, clock()));
        assertEquals("management", cluster.csvNetwork().name());
        NetworkInfo heartbeat = cluster.network("heartbeat").info();
        assertEquals(1100, heartbeat.metric());
        assertTrue(heartbeat.autoMetric());
        assertEquals(NetworkRole.CLUSTER, heartbeat.role());
        assertEquals(NetworkRole.BOTH, cluster.network("management").info().role());
        assertEquals(NetworkRole.NONE, cluster.network("iscsi").info().role());
        NetworkInfo m = cluster.network("management").setMetric(2000);
        assertEquals(2000, m.metric());
        assertFalse(m.autoMetric());
        assertEquals("heartbeat", cluster.csvNetwork().name());
        List<ValidationWarning> w = cluster.validateLiveMigration(cluster.group("ws2003r2-lm"));
        assertTrue(w.stream().anyMatch(x -> x.code().equals("LM_NETWORK_IS_CSV_NETWORK")), w.toString());
        cluster.network("management").setMetric(500);
        assertTrue(cluster.validateLiveMigration(cluster.group("ws2003r2-lm")).stream()
                .noneMatch(x -> x.code().equals("LM_NETWORK_IS_CSV_NETWORK")));
    }

    /** 7. A change through Hyper-V leaves the cluster's copy stale until UpdateVirtualMachine. */
    @Test
    void configurationRefreshClearsTheStaleFlag() {
        open(PaperClusters.seed002(1, clock()));
        ClusterGroup vm = cluster.group("ws2003r2-lm");
        vm.stop();
        assertFalse(vm.info().configurationStale());
        new VirtualMachines(ariel, Duration.ofMinutes(1)).get("ws2003r2-lm").setMemory(2048).await(WAIT);
        assertTrue(vm.info().configurationStale());
        assertFalse(vm.refreshConfiguration().configurationStale());
    }

    /** 8. An offline VM cannot be live-migrated; after ARIEL fails, live migration is refused and failover restarts the VM. */
    @Test
    void offlineVmAndUnplannedFailure() {
        open(PaperClusters.seed002(1, clock()));
        ClusterGroup vm = cluster.group("ws2003r2-lm");
        vm.stop();
        assertEquals(ClusterRefusal.GROUP_NOT_ONLINE, refusal(() -> vm.liveMigrate("umbriel")));
        vm.start();
        try (CimSession umbriel = lab.session("umbriel")) {
            FailoverCluster fromUmbriel = Clusters.of(umbriel);
            sim().powerOff("ARIEL");
            assertEquals(NodeState.DOWN, fromUmbriel.node("ARIEL").info().state());
            assertEquals(ClusterRefusal.INVALID_STATE, refusal(() -> fromUmbriel.group("ws2003r2-lm").liveMigrate("umbriel")));
            lab.clock().advance(Duration.ofMinutes(2));
            GroupInfo g = fromUmbriel.group("ws2003r2-lm").info();
            assertEquals("umbriel", g.ownerNode());
            assertEquals(GroupState.ONLINE, g.state());
            MigrationRecord r = last("satellite");
            assertEquals("FAILOVER", r.outcome());
            assertTrue(r.outage().compareTo(Duration.ofSeconds(30)) > 0, "a restart, not a live move: " + r.outage());
        }
    }

    /** 9. Pass-through disks: the VM pauses while their ownership moves; 8 disks about 7.8 s, 32 about 25.0 s. */
    @Test
    void passThroughDisksLengthenTheBlackout() {
        open(PaperClusters.seed002(1, clock()));
        ClusterGroup vm = cluster.group("ws2003r2-lm");
        String id = vm.info().vmId();
        sim().vm(id, t -> t.passThroughDisks(8));
        assertTrue(cluster.validateLiveMigration(vm).stream().anyMatch(w -> w.code().equals("PASS_THROUGH_DISKS")));
        VirtualMachines vms = new VirtualMachines(ariel, Duration.ofMinutes(1));
        Operation<GroupInfo> op = vm.liveMigrate("umbriel");
        var plan = sim().read(e -> e.cluster("satellite").group("ws2003r2-lm").migration().livePlan());
        lab.clock().advance(plan.preCopyEnd().plusSeconds(1));
        assertEquals(io.hyperv4j.vm.VmState.PAUSED, vms.get("ws2003r2-lm").state(), "paused while disk ownership moves");
        assertEquals("ARIEL", vm.info().ownerNode());
        op.await(WAIT);
        assertEquals("umbriel", vm.info().ownerNode());
        assertEquals(7.8, last("satellite").outage().toMillis() / 1000.0, 7.8 * 0.05);
        assertTrue(sim().read(e -> e.cluster("satellite").history()).size() == 1);
        sim().vm(id, t -> t.passThroughDisks(32));
        vm.liveMigrate("ARIEL").await(WAIT);
        assertEquals(25.0, last("satellite").outage().toMillis() / 1000.0, 25.0 * 0.05);
    }

    /** 10. The live-migration network order is cluster-wide; a VM must be made highly available before it can be live-migrated. */
    @Test
    void liveMigrationNetworksAreClusterWideAndNewVmsNeedHighAvailability() {
        open(PaperClusters.seed002(1, clock()));
        SimVm vm2 = PaperClusters.vm(lab, "ARIEL", "vm2", 1024, 1, true);
        sim().vm(vm2.id(), t -> t.configPath("C:\\ClusterStorage\\Volume1\\vm2").switchName("VM-Net"));
        assertThrows(NotFoundException.class, () -> cluster.groupOfVm("vm2"), "created through Hyper-V: not clustered yet");
        cluster.addVirtualMachine("vm2");
        cluster.setLiveMigrationNetworks(List.of("management", "heartbeat"));
        for (CimInstance r : ariel.query("root\\MSCluster", "SELECT * FROM MSCluster_Resource WHERE Type = 'Virtual Machine'")) {
            CimInstance p = r.get("PrivateProperties").asInstance();
            assertEquals(List.of("management", "heartbeat"), p.get("MigrationNetworkOrder").asList(), r.getString("Name"));
        }
        assertEquals("umbriel", cluster.groupOfVm("vm2").liveMigrate("umbriel").await(WAIT).ownerNode());
        assertEquals("management", last("satellite").network(), "the first network of the cluster-wide order");
    }
}
