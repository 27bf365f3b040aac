package io.hyperv4j.scvmm.sim;

import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.LabTemplate;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimVm;
import java.time.Duration;
import java.util.List;

/** The seed papers' managed set-ups as lab templates. */
public final class VmmTemplates {
    public static final String VM = "SQL Server";
    /** Seed 000, Table 3-6: the VHD and the snapshot as the paper gives them (GB of 10^9 bytes), and the 19 KB configuration. */
    public static final long VHD_BYTES = 8_400_000_000L, SNAPSHOT_BYTES = 9_500_000_000L, CONFIG_BYTES = 19_000;

    private VmmTemplates() {
    }

    /**
     * Seed 000's standalone pair under a management server: san-storage's seed000-san (host1 and
     * host2 on one AMS2300, LU1 with the 6 GB VM mapped to host1, host2 cabled not mapped), both
     * hosts Windows Server 2008 R2 in host group "Seed 000", the Hitachi VDS hardware provider
     * installed, and the VM's files in host1's folder: its VHD (8.4 GB) and snapshot (9.5 GB), each
     * a small real VHDX standing for that size.
     */
    public static Lab seed000(long seed, SimClock clock) {
        Lab lab = SanTemplates.seed000San(seed, clock);
        VmmLab vmm = VmmLab.of(lab).hostGroup("Seed 000", "host1", "host2").os("host1", "WS2008_R2").os("host2", "WS2008_R2").hardwareProvider(true);
        SimVm vm = lab.read(Duration.ofMinutes(1), () -> lab.hosts().stream().flatMap(h -> h.vms().stream())
                .filter(v -> v.name().equals(VM)).findFirst().orElseThrow());
        vmm.vmDisk(vm.id(), "SQL Server.vhdx", 64L << 20, 3 << 20, VHD_BYTES, CONFIG_BYTES);
        vmm.vmDisk(vm.id(), "SQL Server_snapshot.avhdx", 64L << 20, 2 << 20, SNAPSHOT_BYTES, CONFIG_BYTES);
        return lab;
    }

    /** Seed 003's array: an AMS2300 on the iSCSI network, and the nodes' Microsoft iSCSI Software Initiators. */
    public static final String SEED003_ARRAY = "AMS2300-iSCSI";
    public static final String NODE_A_IQN = "iqn.1991-05.com.microsoft:nodea.dell.local", NODE_B_IQN = "iqn.1991-05.com.microsoft:nodeb.dell.local";

    /**
     * Seed 003's Windows Server 2008 (RTM) cluster (hyperv-cluster's {@code PaperClusters.seed003}: nodeA and
     * nodeB, vm1 on Cluster Disk 1 (X:), vm2 on Cluster Disk 2 (Y:)) on shared storage as the article asks
     * for it: an iSCSI SAN reached by the Microsoft iSCSI Software Initiator with MPIO, the two cluster disks
     * two 50 GiB LUs each node's host group maps (so every node sees both and the cluster validation finds
     * shared storage), under a management server (host group "Seed 003").
     */
    public static Lab seed003(long seed, SimClock clock) {
        Lab lab = io.hyperv4j.cluster.sim.PaperClusters.seed003(seed, clock);
        SanLab san = SanLab.of(lab);
        long gib = 1L << 30;
        san.array(SEED003_ARRAY, "AMS2300", 83040456L, SanLab.DP_PAGE, 200L << 20)
                .port("0A", 0, "iqn.1994-04.jp.co.hitachi:rsd.d8a.t.83040.0a000", 1_000_000_000L)
                .port("1A", 1, "iqn.1994-04.jp.co.hitachi:rsd.d8a.t.83040.1a000", 1_000_000_000L)
                .raidGroup(0, RaidLevel.RAID5, 5, 300_000_000_000L)
                .lu("Cluster Disk 1", 50 * gib, 0)
                .lu("Cluster Disk 2", 50 * gib, 0);
        for (String[] n : new String[][] {{"nodeA", NODE_A_IQN}, {"nodeB", NODE_B_IQN}}) {
            san.attachHost(n[0], MpioDriver.OS_BUNDLED, n[1]);
            san.link(n[0], n[1], SEED003_ARRAY, "0A", true);
            san.link(n[0], n[1], SEED003_ARRAY, "1A", true);
            san.configure(SEED003_ARRAY).hostGroup(n[0], List.of("0A", "1A"), List.of(n[1]), "Cluster Disk 1", "Cluster Disk 2");
            san.rescan(n[0]);
        }
        VmmLab.of(lab).hostGroup("Seed 003", "nodeA", "nodeB");
        return lab;
    }

    /** {@code lab new --template seed003-rtm}. */
    public static final class Seed003 implements LabTemplate {
        @Override public String name() { return "seed003-rtm"; }
        @Override public String description() {
            return "cluster hv-2008 (nodeA, nodeB; Windows Server 2008 RTM: quick migration only, no CSV), HA VMs vm1 (2 GB) and vm2 (4 GB) "
                    + "on nodeA, one cluster disk each, both LUs of an iSCSI AMS2300 mapped to both nodes, under a management server (seed 003)";
        }
        @Override public Lab create(long seed, SimClock clock) { return seed003(seed, clock); }
    }

    /** {@code lab new --template seed000-vmm}. */
    public static final class Seed000Vmm implements LabTemplate {
        @Override public String name() { return "seed000-vmm"; }
        @Override public String description() {
            return "seed000-san under a management server: host1 and host2 (2008 R2) in one host group, a VDS hardware provider, "
                    + "the 6 GB VM's 8.4 GB VHD and 9.5 GB snapshot in host1's folder (seed 000's SAN and network transfers)";
        }
        @Override public Lab create(long seed, SimClock clock) { return seed000(seed, clock); }
    }
}
