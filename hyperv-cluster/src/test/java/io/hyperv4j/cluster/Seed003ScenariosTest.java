package io.hyperv4j.cluster;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.cluster.sim.ClusterProfile;
import io.hyperv4j.cluster.sim.MigrationRecord;
import io.hyperv4j.cluster.sim.PaperClusters;
import io.hyperv4j.cluster.sim.SimNode;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimNetworkAdapter;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.vm.SwitchType;
import io.hyperv4j.vm.VmSwitches;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Seed 003 (Dell, Hyper-V and SCVMM 2008), digest section 5.3, on the Windows Server 2008 (RTM)
 * profile and the virtual clock: scenarios 1 (cluster size), 2 (edition and architecture gate), 3 (quick migration timing, and its phases under the
 * article's names), 4 (unplanned failover: a cold boot, Server Core
 * faster), 5 (one LUN per VM; VMs sharing a LUN in one role, moving and failing over together),
 * 9 (drive letters versus mount points), 8 (the guest NIC sizing warning), 10 (profile gating).
 */
class Seed003ScenariosTest {
    static final Duration WAIT = Duration.ofMinutes(10);
    Lab lab;
    CimSession nodeA;
    FailoverCluster cluster;

    void open(Lab l) {
        lab = l;
        nodeA = lab.session("nodeA");
        cluster = Clusters.of(nodeA);
    }

    @AfterEach
    void close() {
        if (nodeA != null) nodeA.close();
        if (lab != null) lab.close();
    }

    static ClusterRefusal refusal(Executable call) {
        return assertThrows(ClusterRefusedException.class, call).reason();
    }

    private static Lab hosts(int n) {
        Lab.Builder b = Lab.builder().clock(SimClock.virtual(Lab.DEFAULT_START));
        for (int i = 1; i <= n; i++) b.host("n" + i, 8, 16384);
        return b.build();
    }

    private static String[] names(int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) out[i] = "n" + (i + 1);
        return out;
    }

    /** 1. One node and seventeen nodes are refused with the limits; two and sixteen are accepted. */
    @Test
    void scenario1_aHyperVClusterOn2008HasTwoToSixteenNodes() {
        for (int n : new int[] {1, 17})
            try (Lab l = hosts(n)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> ClusterLab.of(l).create("c", "x.local", ClusterProfile.WS2008, names(n)));
                assertTrue(e.getMessage().contains("2 to 16 nodes, not " + n), e.getMessage());
            }
        for (int n : new int[] {2, 16})
            try (Lab l = hosts(n)) {
                ClusterLab.of(l).create("c", "x.local", ClusterProfile.WS2008, names(n)).node("n1", SimNode.Edition.ENTERPRISE, "GenuineIntel", "Xeon", "");
                assertEquals(n, Clusters.of(l.session("n1")).nodes().size());
            }
    }

    /** 2. A Standard node or an x86 node is refused on a 2008 Hyper-V host cluster, and nothing changes; Datacenter x64 is accepted. */
    @Test
    void scenario2_standardEditionIsRefusedDatacenterAccepted() {
        try (Lab l = hosts(2)) {
            ClusterLab.ClusterBuilder c = ClusterLab.of(l).create("c", "x.local", ClusterProfile.WS2008, names(2));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> c.node("n2", SimNode.Edition.STANDARD, "GenuineIntel", "Xeon", ""));
            assertTrue(e.getMessage().contains("Enterprise x64 or Datacenter x64"), e.getMessage());
            assertEquals(SimNode.Edition.DATACENTER, c.cluster().node("n2").edition(), "the refused edition was not set");
            e = assertThrows(IllegalArgumentException.class, () -> c.architecture("n2", SimNode.Architecture.X86));
            assertTrue(e.getMessage().contains("'n2' runs x86 Windows") && e.getMessage().contains("Enterprise x64 or Datacenter x64"), e.getMessage());
            assertEquals(SimNode.Architecture.X64, c.cluster().node("n2").architecture(), "nothing changed");
            assertDoesNotThrow(() -> c.node("n2", SimNode.Edition.DATACENTER, "GenuineIntel", "Xeon", "").architecture("n2", SimNode.Architecture.X64));
        }
    }

    /** 3. Quick migration of the 2 GB VM ends running on nodeB within 15-120 s; the 4 GB VM takes longer. */
    @Test
    void scenario3_quickMigrationTakesFifteenToOneHundredTwentySecondsAndGrowsWithMemory() {
        open(PaperClusters.seed003(3, SimClock.virtual(Lab.DEFAULT_START)));
        assertEquals("nodeB", cluster.group("vm1").quickMigrate("nodeB").await(WAIT).ownerNode());
        MigrationRecord small = last();
        assertEquals("nodeB", cluster.group("vm2").quickMigrate("nodeB").await(WAIT).ownerNode());
        MigrationRecord big = last();
        double s = small.duration().toMillis() / 1000.0;
        assertTrue(s >= 15 && s <= 120, "2 GB quick migration took " + s + " s");
        assertTrue(big.duration().compareTo(small.duration()) > 0, small.duration() + " vs " + big.duration());
        assertTrue(big.outage().compareTo(small.outage()) > 0, "the outage grows with memory");
        assertEquals(small.sourceDigest(), small.destinationDigest(), "the memory contents came along");
    }

    /**
     * 3. The quick migration's steps, watched second by second: SaveState while nodeA still owns
     * vm1's disk, TransferStorageOwnership, RestoreState once nodeB owns it; in this order, each seen.
     */
    @Test
    void scenario3_quickMigrationGoesThroughSaveStateTransferStorageOwnershipRestoreState() {
        open(PaperClusters.seed003(3, SimClock.virtual(Lab.DEFAULT_START)));
        ClusterGroup vm1 = cluster.group("vm1");
        var op = vm1.quickMigrate("nodeB");
        java.util.Map<QuickMigrationPhase, String> ownerSeen = new java.util.LinkedHashMap<>();
        for (int s = 0; s < 600 && !op.isDone(); s++) {
            vm1.info().quickMigrationPhase().ifPresent(p -> ownerSeen.putIfAbsent(p, disk("Cluster Disk 1")));
            lab.clock().advance(Duration.ofSeconds(1));
        }
        assertEquals(List.of(QuickMigrationPhase.SAVE_STATE, QuickMigrationPhase.TRANSFER_STORAGE_OWNERSHIP, QuickMigrationPhase.RESTORE_STATE),
                List.copyOf(ownerSeen.keySet()));
        assertEquals("nodeA/vm1", ownerSeen.get(QuickMigrationPhase.SAVE_STATE));
        assertEquals("nodeB/vm1", ownerSeen.get(QuickMigrationPhase.RESTORE_STATE));
        assertEquals(List.of("SaveState", "TransferStorageOwnership", "RestoreState"),
                java.util.Arrays.stream(QuickMigrationPhase.values()).map(QuickMigrationPhase::title).toList());
        assertEquals("nodeB", op.await(WAIT).ownerNode());
    }

    /**
     * 4. nodeA loses power: its VMs start afresh on nodeB (guest memory and uptime not kept), the
     * outage is longer than vm1's planned quick migration, and the Server Core guest (vm1) runs before
     * the full installation (vm2).
     */
    @Test
    void scenario4_unplannedFailoverIsAColdBootAndServerCoreBootsFaster() {
        open(PaperClusters.seed003(4, SimClock.virtual(Lab.DEFAULT_START)));
        assertEquals("nodeB", cluster.group("vm1").quickMigrate("nodeB").await(WAIT).ownerNode());
        Duration planned = last().outage();
        close();

        open(PaperClusters.seed003(4, SimClock.virtual(Lab.DEFAULT_START)));
        ClusterLab cl = ClusterLab.of(lab);
        SimVm vm1 = vm("vm1");
        cl.vm(vm1.id(), t -> t.serverCore(true));
        long before = cl.read(e -> e.memoryOf(vm1).digest());
        Instant failedAt = lab.clock().now();
        cl.powerOff("nodeA");
        lab.clock().advance(Duration.ofMinutes(5));

        List<MigrationRecord> failovers = ClusterLab.of(lab).history("hv-2008").stream()
                .filter(r -> r.kind().equals("FAILOVER")).toList();
        assertEquals(List.of("vm1", "vm2"), failovers.stream().map(MigrationRecord::group).toList(), "Server Core runs first");
        for (MigrationRecord r : failovers) {
            assertEquals("nodeB", cluster.group(r.group()).info().ownerNode());
            assertTrue(r.outage().compareTo(planned) > 0, r.group() + ": cold boot " + r.outage() + " vs planned " + planned);
        }
        assertTrue(failovers.get(0).outage().compareTo(failovers.get(1).outage()) < 0, "Server Core boots faster");
        assertNotEquals(before, (long) cl.read(e -> e.memoryOf(vm1).digest()), "the guest's memory is not restored");
        assertTrue(vm1.startedAt().isAfter(failedAt), "uptime restarts");
    }

    private SimVm vm(String name) {
        return lab.host("nodeA").vms().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * 5. vm1 and vm2 have a LUN each: quick-migrating vm1 moves its disk's ownership and leaves vm2 and
     * its disk alone. vm3 and vm4 share a LUN: made highly available, vm4 joins vm3's group (its disk
     * is in that group, and a resource depends only on resources of its own group), so the group holds
     * both VMs; quick-migrating it saves both, moves the disk and restores both on nodeB with their
     * memory, taking longer than vm3 alone would.
     */
    @Test
    void scenario5_oneLunPerVmFailsOverAloneAndVmsSharingALunMoveTogether(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        open(PaperClusters.seed003(5, SimClock.virtual(Lab.DEFAULT_START)));
        assertEquals("nodeA/vm1", disk("Cluster Disk 1"));
        assertEquals("nodeB", cluster.group("vm1").quickMigrate("nodeB").await(WAIT).ownerNode());
        assertEquals("nodeB/vm1", disk("Cluster Disk 1"), "vm1's LUN went with it");
        assertEquals("nodeA/vm2", disk("Cluster Disk 2"), "vm2's LUN stayed");
        assertEquals("nodeA", cluster.group("vm2").info().ownerNode());
        Duration alone = last().duration();

        SimVm[] shared = sharedLun("vm3", 2048, "vm4", 2048);
        ClusterGroup g = cluster.addVirtualMachine("vm4");
        assertEquals("vm3", g.name(), "vm4 joined the role of the VM whose disk holds its files");
        assertEquals(List.of(shared[0].id(), shared[1].id()), g.virtualMachineIds());
        assertEquals("vm3", cluster.groupOfVm("vm4").name());
        assertEquals(List.of("vm1", "vm2", "vm3"), cluster.virtualMachineGroups().stream().map(x -> x.info().name()).sorted().toList());
        assertEquals(List.of("Virtual Machine vm3", "Virtual Machine vm4"), nodeA.query(MsCluster.NAMESPACE,
                "SELECT * FROM MSCluster_Resource WHERE OwnerGroup = 'vm3' AND Type = 'Virtual Machine'").stream().map(r -> r.getString("Name")).sorted().toList());

        ClusterLab cl = ClusterLab.of(lab);
        long[] before = {cl.read(e -> e.memoryOf(shared[0]).digest()), cl.read(e -> e.memoryOf(shared[1]).digest())};
        var op = g.quickMigrate("nodeB");
        for (int t = 0; t < 120 && shared[0].state() != io.hyperv4j.sim.PowerState.SAVING; t++) lab.clock().advance(Duration.ofSeconds(1));
        assertEquals(List.of(io.hyperv4j.sim.PowerState.SAVING, io.hyperv4j.sim.PowerState.SAVING),
                List.of(shared[0].state(), shared[1].state()), "both are saved together");
        assertEquals("nodeB", op.await(WAIT).ownerNode());
        assertEquals("nodeB/vm3", disk("Cluster Disk 3"));
        for (int i = 0; i < 2; i++) {
            assertEquals("nodeB", shared[i].host().name());
            assertEquals(io.hyperv4j.sim.PowerState.RUNNING, shared[i].state());
            int k = i;
            assertEquals(before[i], (long) cl.read(e -> e.memoryOf(shared[k]).digest()), shared[i].name() + "'s memory came along");
        }
        assertTrue(last().duration().compareTo(alone) > 0, "4 GB of two VMs take longer than vm1's 2 GB: " + last().duration() + " vs " + alone);

        java.nio.file.Path file = dir.resolve("lab.json");
        lab.save(file);
        try (Lab back = Lab.load(file); CimSession s = back.session("nodeA")) {
            assertEquals(List.of(shared[0].id(), shared[1].id()), Clusters.of(s).group("vm3").virtualMachineIds(), "saved with the lab");
        }
    }

    /**
     * 5. The two VMs sharing a LUN fail over together when their node loses power: both cold-boot
     * on the survivor. A VM on that LUN running on the other node cannot join the role (the disk is
     * reached from its owner only), and nothing changes.
     */
    @Test
    void scenario5_vmsSharingALunFailOverTogether() {
        open(PaperClusters.seed003(5, SimClock.virtual(Lab.DEFAULT_START)));
        SimVm[] shared = sharedLun("vm3", 1024, "vm4", 1024);
        cluster.addVirtualMachine("vm4");
        ClusterLab.of(lab).vm(PaperClusters.vm(lab, "nodeB", "vm5", 512, 1, true).id(), t -> t.configPath("Z:\\vm5"));
        ClusterRefusedException e = assertThrows(ClusterRefusedException.class, () -> cluster.addVirtualMachine("vm5"));
        assertEquals(ClusterRefusal.INVALID_PARAMETER, e.reason());
        assertTrue(e.getMessage().contains("in the group of 'vm3' owned by nodeA, but 'vm5' runs on nodeB"), e.getMessage());
        assertEquals(2, cluster.group("vm3").virtualMachineIds().size(), "nothing changed");

        java.time.Instant failedAt = lab.clock().now();
        ClusterLab.of(lab).powerOff("nodeA");
        lab.clock().advance(Duration.ofMinutes(5));
        assertEquals("nodeB/vm3", disk("Cluster Disk 3"));
        for (SimVm v : shared) {
            assertEquals("nodeB", v.host().name());
            assertEquals(io.hyperv4j.sim.PowerState.RUNNING, v.state());
            assertTrue(v.startedAt().isAfter(failedAt), v.name() + " booted afresh");
        }
    }

    /** Puts two running VMs on nodeA with their files on a new "Cluster Disk 3" (Z:) and makes the first highly available. */
    private SimVm[] sharedLun(String a, long aMb, String b, long bMb) {
        ClusterLab.of(lab).configure("hv-2008").disk("Cluster Disk 3", 100L << 30, "Z:");
        SimVm[] out = {PaperClusters.vm(lab, "nodeA", a, aMb, 1, true), PaperClusters.vm(lab, "nodeA", b, bMb, 1, true)};
        for (SimVm v : out) ClusterLab.of(lab).vm(v.id(), t -> t.configPath("Z:\\" + v.name()));
        cluster.addVirtualMachine(a);
        assertEquals("nodeA/" + a, disk("Cluster Disk 3"));
        return out;
    }

    /** The owner node and group of a cluster disk, as MSCluster_Resource has them. */
    private String disk(String name) {
        var r = nodeA.query(MsCluster.NAMESPACE, "SELECT * FROM MSCluster_Resource WHERE Name = '" + name + "'").get(0);
        return r.getString("OwnerNode") + "/" + r.getString("OwnerGroup");
    }

    /** 8. Ten running VMs on two external-switch (guest) ports draw the warning: three needed; with three, none. */
    @Test
    void scenario8_tenVmsNeedThreeGuestPorts() {
        open(PaperClusters.seed003(8, SimClock.virtual(Lab.DEFAULT_START)));
        for (int i = 3; i <= 10; i++) PaperClusters.vm(lab, "nodeA", "vm" + i, 512, 1, true);
        try (HyperVHost host = lab.connect("nodeA")) {
            VmSwitches switches = new VmSwitches(host.session(), WAIT);
            for (int i = 1; i <= 3; i++) lab.addNetworkAdapter("nodeA", new SimNetworkAdapter("Guest GbE " + i, 1_000_000_000L, ""));
            switches.create("Guest 1", SwitchType.EXTERNAL, "Guest GbE 1");
            switches.create("Guest 2", SwitchType.EXTERNAL, "Guest GbE 2");
            switches.create("Internal", SwitchType.INTERNAL, null);
            ValidationWarning w = GuestPortSizing.check(host).orElseThrow();
            assertEquals(GuestPortSizing.CODE, w.code());
            assertTrue(w.message().contains("runs 10 VMs on 2 dedicated GbE guest port(s): 3 needed"), w.message());
            switches.create("Guest 3", SwitchType.EXTERNAL, "Guest GbE 3");
            assertEquals(java.util.Optional.empty(), GuestPortSizing.check(host));
        }
        assertEquals(List.of(0, 1, 1, 2, 3, 3), java.util.stream.IntStream.of(0, 1, 4, 5, 10, 12).map(GuestPortSizing::portsNeeded).boxed().toList());
    }

    /**
     * 9. Once the cluster's 21 drive letters (seed 003's figure, configurable) are given to disks,
     * another disk with a drive letter is refused; the same disk as a highly available mount point
     * is accepted, and so is the letter when the limit is raised.
     */
    @Test
    void scenario9_driveLettersRunOutMountPointsDoNot() {
        try (Lab l = hosts(2)) {
            ClusterLab.ClusterBuilder c = ClusterLab.of(l).create("c", "x.local", ClusterProfile.WS2008, names(2));
            for (char letter = 'D'; letter < 'D' + 21; letter++) c.disk("Disk " + letter, 10L << 30, letter + ":");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.disk("Disk Y", 10L << 30, "Y:"));
            assertTrue(e.getMessage().contains("all its 21 drive letters") && e.getMessage().contains("mount point"), e.getMessage());
            assertNull(ClusterLab.of(l).cluster("c").disk("Disk Y"), "nothing was added");
            c.disk("Disk Y", 10L << 30, "D:\\Mounts\\DiskY");
            assertEquals("D:\\Mounts\\DiskY", ClusterLab.of(l).cluster("c").disk("Disk Y").accessPath());
            assertThrows(IllegalArgumentException.class, () -> c.disk("Disk Z", 10L << 30, "D:"), "a letter is one disk's");
            c.driveLetters(22).disk("Disk Z", 10L << 30, "Y:");
            assertEquals("Y:", ClusterLab.of(l).cluster("c").disk("Disk Z").accessPath());
        }
    }

    /** 9, through the public API: the letters in use as MSCluster_DiskPartition reports them, and the warning once all are given. */
    @Test
    void scenario9_theDriveLetterCheckReadsTheClustersPartitions() {
        try (Lab l = hosts(2)) {
            ClusterLab.ClusterBuilder c = ClusterLab.of(l).create("c", "x.local", ClusterProfile.WS2008, names(2));
            for (char letter = 'D'; letter < 'D' + 20; letter++) c.disk("Disk " + letter, 10L << 30, letter + ":");
            FailoverCluster fc = Clusters.of(l.session("n1"));
            assertEquals(20, DriveLetters.inUse(fc).size());
            assertEquals(java.util.Optional.empty(), DriveLetters.check(fc, DriveLetters.SEED003_LIMIT), "one letter left");
            c.disk("Disk X", 10L << 30, "X:").disk("Mount 1", 10L << 30, "D:\\Mounts\\DiskM");
            ValidationWarning w = DriveLetters.check(fc, DriveLetters.SEED003_LIMIT).orElseThrow();
            assertEquals(DriveLetters.CODE, w.code());
            assertTrue(w.message().contains("use 21 of its 21 drive letters") && w.message().contains("mount point"), w.message());
            DiskPartition mount = fc.diskPartitions().stream().filter(p -> p.volumeLabel().equals("Mount 1")).findFirst().orElseThrow();
            assertEquals("D:\\Mounts\\DiskM", mount.path());
            assertFalse(mount.hasDriveLetter(), "a mount point takes no letter");
            assertEquals(10240, mount.totalMb());
            assertThrows(IllegalArgumentException.class, () -> DriveLetters.check(fc, 0));
        }
    }

    /** 10. On 2008 RTM live migration and CSV are refused as not supported; quick migration works. On 2008 R2 all three do. */
    @Test
    void scenario10_theRtmProfileRefusesLiveMigrationAndCsv() {
        open(PaperClusters.seed003(10, SimClock.virtual(Lab.DEFAULT_START)));
        assertEquals(ClusterRefusal.NOT_SUPPORTED, refusal(() -> cluster.group("vm1").liveMigrate("nodeB")));
        assertEquals(ClusterRefusal.NOT_SUPPORTED, refusal(() -> cluster.enableSharedVolumes()));
        assertEquals("nodeA", cluster.group("vm1").info().ownerNode(), "nothing moved");
        assertEquals("nodeB", cluster.group("vm1").quickMigrate("nodeB").await(WAIT).ownerNode());

        close();
        lab = PaperClusters.seed000(10, SimClock.virtual(Lab.DEFAULT_START));
        nodeA = lab.session("host1");
        cluster = Clusters.of(nodeA);
        assertEquals("host2", cluster.group("SQL Server").liveMigrate("host2").await(WAIT).ownerNode(), "2008 R2 live-migrates");
        assertFalse(cluster.sharedVolumes().isEmpty(), "and has CSV");
    }

    private MigrationRecord last() {
        List<MigrationRecord> h = ClusterLab.of(lab).history("hv-2008");
        return h.get(h.size() - 1);
    }
}
