package io.hyperv4j.cluster.sim;

import io.hyperv4j.cluster.migration.Workload;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimNetworkAdapter;
import io.hyperv4j.sim.SimVm;
import java.time.Duration;

/**
 * The seed papers' clusters as ready labs (also {@code hyperv lab new FILE --template NAME}):
 * <ul>
 *   <li>{@link #seed002Bare}: cluster satellite.uranus.local, nodes ARIEL and umbriel (Windows Server
 *       2008 R2 Datacenter, same processor, switch "VM-Net"), networks heartbeat / iscsi / management
 *       / test with the document's metrics, "Cluster Disk 1" (20 GB) available, CSV not yet enabled,
 *       VM ws2003r2-lm (1 GB) off on ARIEL in C:\ClusterStorage\Volume1 once that exists;</li>
 *   <li>{@link #seed002}: the same after the document's setup: CSV Volume1, the VM highly available
 *       and running on ARIEL, live-migration networks [heartbeat, management];</li>
 *   <li>{@link #seed000}: Hitachi's two BS320 hosts (8 GB, 8 logical processors) in cluster
 *       hv-cluster with a 1 GbE live-migration network, Volume1, and the 6 GB SQL Server VM
 *       running on host1 under its long-transaction load.</li>
 * </ul>
 * Each node has one 1 GbE adapter per cluster network it uses (seed 000 also the clients' network
 * of the VM switch), named as its counters are: a migration's traffic shows on the adapter of the
 * live-migration network it crosses.
 */
public final class PaperClusters {
    public static final long GIB = 1L << 30;
    private static final Duration LOCK = Duration.ofMinutes(1);

    private PaperClusters() {
    }

    public static Lab seed002Bare(long seed, SimClock clock) {
        Lab lab = Lab.builder().seed(seed).clock(clock).host("ARIEL", 8, 16384).host("umbriel", 8, 16384).build();
        ClusterLab cl = ClusterLab.of(lab);
        cl.create("satellite", "uranus.local", ClusterProfile.WS2008R2, "ARIEL", "umbriel")
                .node("ARIEL", SimNode.Edition.DATACENTER, "GenuineIntel", "Xeon X5570", "VM-Net")
                .node("umbriel", SimNode.Edition.DATACENTER, "GenuineIntel", "Xeon X5570", "VM-Net")
                .network("heartbeat", SimNetwork.ROLE_CLUSTER, 1100, true, "192.168.10.0", 1e9)
                .network("iscsi", SimNetwork.ROLE_NONE, 10100, true, "192.168.20.0", 1e9)
                .network("management", SimNetwork.ROLE_BOTH, 1000, false, "10.0.0.0", 1e9)
                .network("test", SimNetwork.ROLE_NONE, 10200, true, "192.168.30.0", 1e9)
                .disk("Cluster Disk 1", 20 * GIB);
        for (String host : new String[] {"ARIEL", "umbriel"})
            adapters(lab, host, "Heartbeat Network", "heartbeat", "iSCSI Network", "iscsi", "Management Network", "management",
                    "Test Network", "test");
        SimVm vm = vm(lab, "ARIEL", "ws2003r2-lm", 1024, 1, false);
        cl.vm(vm.id(), t -> t.configPath(SimCluster.CSV_ROOT + "\\Volume1\\ws2003r2-lm").switchName("VM-Net").workload(Workload.IDLE));
        return lab;
    }

    public static Lab seed002(long seed, SimClock clock) {
        Lab lab = seed002Bare(seed, clock);
        ClusterEngine e = ClusterLab.of(lab).engine();
        lab.write(LOCK, txn -> {
            SimCluster c = e.cluster("satellite");
            e.storage().enableCsv(txn, c, true);
            e.storage().addToCsv(txn, c, "Cluster Disk 1");
            SimVm vm = lab.host("ARIEL").vms().iterator().next();
            txn.touch(vm);
            vm.state(PowerState.RUNNING, txn.now());
            e.roles().addVirtualMachine(txn, c, "ws2003r2-lm");
            e.networks().migrationNetworks(txn, c, java.util.List.of("heartbeat", "management"));
            return null;
        });
        return lab;
    }

    public static Lab seed000(long seed, SimClock clock) {
        return seed000(seed, clock, 8192);
    }

    /**
     * Seed 000's cluster with hosts of {@code hostMemoryMb}: seed 001 quick-migrates an 8 GB VM between
     * the same 8 GB blades, which no Hyper-V host can run (it keeps memory for its parent partition),
     * so its calibration runs on bigger hosts.
     */
    public static Lab seed000(long seed, SimClock clock, long hostMemoryMb) {
        Lab lab = Lab.builder().seed(seed).clock(clock).host("host1", 8, hostMemoryMb).host("host2", 8, hostMemoryMb).build();
        ClusterLab cl = ClusterLab.of(lab);
        cl.create("hv-cluster", "validation.local", ClusterProfile.WS2008R2, "host1", "host2")
                .node("host1", SimNode.Edition.ENTERPRISE, "GenuineIntel", "Xeon E5405", "Virtual Network")
                .node("host2", SimNode.Edition.ENTERPRISE, "GenuineIntel", "Xeon E5405", "Virtual Network")
                .network("Management", SimNetwork.ROLE_BOTH, 1000, true, "10.0.0.0", 1e9)
                .network("CSV", SimNetwork.ROLE_CLUSTER, 900, true, "192.168.1.0", 1e9)
                .network("LiveMigration", SimNetwork.ROLE_CLUSTER, 1100, true, "192.168.2.0", 1e9)
                .disk("Cluster Disk 1", 500 * GIB)
                .migrationNetworks("LiveMigration");
        // 4 x 1000BASE-T per host (the paper's hardware): the clients' network carries the VM switch
        for (String host : new String[] {"host1", "host2"})
            adapters(lab, host, "Client Network", "", "Live Migration Network", "LiveMigration", "Cluster Network", "CSV",
                    "Management Network", "Management");
        SimVm vm = vm(lab, "host1", "SQL Server", 6144, 4, true);
        cl.vm(vm.id(), t -> t.configPath(SimCluster.CSV_ROOT + "\\Volume1\\SQL Server").switchName("Virtual Network")
                .workload(Workload.SQL_LONG_TRANSACTION));
        ClusterEngine e = cl.engine();
        lab.write(LOCK, txn -> {
            SimCluster c = e.cluster("hv-cluster");
            e.storage().enableCsv(txn, c, true);
            e.storage().addToCsv(txn, c, "Cluster Disk 1");
            e.roles().addVirtualMachine(txn, c, "SQL Server");
            return null;
        });
        return lab;
    }

    /**
     * Seed 003's Windows Server 2008 (RTM) host cluster: nodeA and nodeB (Datacenter x64, 32 GB), a
     * heartbeat and an iSCSI network, one cluster disk per VM (X: and Y:) (the article's best practice: VMs fail
     * over independently), and two highly available VMs running on nodeA: vm1 (2 GB) on "Cluster Disk
     * 1" and vm2 (4 GB) on "Cluster Disk 2". Quick migration only: no live migration, no CSV.
     *
     * @param seed  the lab's seed
     * @param clock its clock
     * @return the lab
     */
    public static Lab seed003(long seed, SimClock clock) {
        Lab lab = Lab.builder().seed(seed).clock(clock).host("nodeA", 8, 32768).host("nodeB", 8, 32768).build();
        ClusterLab cl = ClusterLab.of(lab);
        cl.create("hv-2008", "dell.local", ClusterProfile.WS2008, "nodeA", "nodeB")
                .node("nodeA", SimNode.Edition.DATACENTER, "GenuineIntel", "Xeon 5400", "Guest Network")
                .node("nodeB", SimNode.Edition.DATACENTER, "GenuineIntel", "Xeon 5400", "Guest Network")
                .network("Public", SimNetwork.ROLE_BOTH, 1000, true, "10.0.0.0", 1e9)
                .network("Heartbeat", SimNetwork.ROLE_CLUSTER, 900, true, "192.168.1.0", 1e9)
                .disk("Cluster Disk 1", 50 * GIB, "X:").disk("Cluster Disk 2", 50 * GIB, "Y:");
        long[] memory = {2048, 4096};
        String[] drive = {"X:", "Y:"};
        for (int i = 0; i < 2; i++) {
            String name = "vm" + (i + 1);
            SimVm vm = vm(lab, "nodeA", name, memory[i], 1, true);
            String folder = drive[i] + "\\" + name;
            cl.vm(vm.id(), t -> t.configPath(folder));
        }
        ClusterEngine e = cl.engine();
        lab.write(LOCK, txn -> {
            SimCluster c = e.cluster("hv-2008");
            for (String v : new String[] {"vm1", "vm2"}) e.roles().addVirtualMachine(txn, c, v);
            return null;
        });
        return lab;
    }

    /** Gives {@code host} 1 GbE adapters: pairs of description and the cluster network each is on ("" for none). */
    private static void adapters(Lab lab, String host, String... descriptionAndNetwork) {
        for (int i = 0; i < descriptionAndNetwork.length; i += 2)
            lab.addNetworkAdapter(host, new SimNetworkAdapter(descriptionAndNetwork[i], 1_000_000_000L, descriptionAndNetwork[i + 1]));
    }

    /** Creates a VM on {@code host}: memory, processors, running or off. */
    public static SimVm vm(Lab lab, String host, String name, long memoryMb, int processors, boolean running) {
        return lab.write(LOCK, txn -> {
            SimVm vm = lab.createVm(txn, lab.host(host), name);
            vm.memoryMb(memoryMb);
            vm.processors(processors);
            if (running) vm.state(PowerState.RUNNING, txn.now());
            return vm;
        });
    }
}
