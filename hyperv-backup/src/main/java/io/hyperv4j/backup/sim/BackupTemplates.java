package io.hyperv4j.backup.sim;

import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.cluster.sim.ClusterProfile;
import io.hyperv4j.cluster.sim.CsvBackups;
import io.hyperv4j.cluster.sim.PaperClusters;
import io.hyperv4j.cluster.sim.SimCluster;
import io.hyperv4j.cluster.sim.SimNetwork;
import io.hyperv4j.cluster.sim.SimNode;
import io.hyperv4j.scvmm.sim.RaidLevel;
import io.hyperv4j.scvmm.sim.SanLab;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.LabTemplate;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimNetworkAdapter;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.v2.storage.ControllerKind;
import io.hyperv4j.sim.v2.storage.StorageModel;
import io.hyperv4j.sim.v2.storage.VmStorage;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vhd.VirtualDisks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Seed 004's lab: cluster HYPR-CL of HYPR1 and HYPR2 (Windows Server 2008 R2), Cluster Disk 1 as
 * CSV Volume1 on the AMS2300 array's SYS&amp;DB LU (HDP pools, a ShadowImage pair of equal size) with the Hitachi VSS hardware provider, and four
 * Exchange VMs GUEST1..GUEST4 (2 vCPU, 4 GB) on the CSV, each with a small dynamic VHDX (the real
 * disk; the paper's volumes go into the timing model through {@link BackupLab#profile}).
 */
public final class BackupTemplates {
    /** Each VM's real disk: small enough for /tmp, large enough for seeded writes. */
    public static final long DISK_BYTES = 16L << 20;
    private static final Duration LOCK = Duration.ofMinutes(1);

    private BackupTemplates() {
    }

    /** No-redirect placement (scenarios 1 to 3): all four VMs on HYPR1. */
    public static final class Seed004 implements LabTemplate {
        @Override public String name() { return "seed004-backup"; }
        @Override public String description() {
            return "cluster HYPR-CL (HYPR1, HYPR2; 2008 R2), CSV Volume1 with a ShadowImage pair, GUEST1-4 on HYPR1 (seed 004)";
        }
        @Override public Lab create(long seed, SimClock clock) { return seed004(seed, clock, false); }
    }

    /** Redirect placement (scenario 4): GUEST1-2 on HYPR1, GUEST3-4 on HYPR2. */
    public static final class Seed004Redirect implements LabTemplate {
        @Override public String name() { return "seed004-redirect"; }
        @Override public String description() {
            return "seed004-backup with GUEST1-2 on HYPR1 and GUEST3-4 on HYPR2: a host-level backup redirects the other node's CSV I/O";
        }
        @Override public Lab create(long seed, SimClock clock) { return seed004(seed, clock, true); }
    }

    /**
     * Builds seed 004's lab.
     *
     * @param seed     the lab's seed
     * @param clock    its clock
     * @param redirect GUEST3-4 on HYPR2 (scenario 4) instead of all on HYPR1
     * @return the lab
     */
    public static Lab seed004(long seed, SimClock clock, boolean redirect) {
        return seed004(seed, clock, redirect, ClusterProfile.WS2008R2);
    }

    /**
     * Builds seed 004's lab with its cluster on another Windows Server version (what a backup does to the CSV depends on it).
     *
     * @param seed     the lab's seed
     * @param clock    its clock
     * @param redirect GUEST3-4 on HYPR2 (scenario 4) instead of all on HYPR1
     * @param profile  the cluster's version (seed 004's is {@link ClusterProfile#WS2008R2})
     * @return the lab
     */
    public static Lab seed004(long seed, SimClock clock, boolean redirect, ClusterProfile profile) {
        Lab lab = Lab.builder().seed(seed).clock(clock).host("HYPR1", 16, 32768).host("HYPR2", 16, 32768).build();
        Path dir;
        try {
            dir = Files.createTempDirectory("hyperv4j-seed004");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the lab's disk folder", e);
        }
        BackupLab.of(lab).templateDisks(dir); // beside the lab once it is saved, deleted with it otherwise
        for (String host : List.of("HYPR1", "HYPR2")) // section 6.1: a business network and a management network dedicated to backup, 1 GbE each
            for (String network : List.of("Business", "Management"))
                lab.addNetworkAdapter(host, new SimNetworkAdapter(network + " Network", 1_000_000_000L, network));
        ClusterLab cl = ClusterLab.of(lab);
        cl.create("HYPR-CL", "hitachi.local", profile, "HYPR1", "HYPR2")
                .node("HYPR1", SimNode.Edition.ENTERPRISE, "GenuineIntel", "Xeon E5570", "Business")
                .node("HYPR2", SimNode.Edition.ENTERPRISE, "GenuineIntel", "Xeon E5570", "Business")
                .network("Business", SimNetwork.ROLE_BOTH, 1000, true, "10.1.0.0", 1e9)
                .network("Management", SimNetwork.ROLE_BOTH, 1100, true, "10.2.0.0", 1e9)
                .disk("Cluster Disk 1", 800 * PaperClusters.GIB);
        List<String> names = List.of("GUEST1", "GUEST2", "GUEST3", "GUEST4");
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String host = redirect && i >= 2 ? "HYPR2" : "HYPR1";
            SimVm vm = PaperClusters.vm(lab, host, names.get(i), 4096, 2, true);
            ids.add(vm.id());
            cl.vm(vm.id(), t -> t.configPath(SimCluster.CSV_ROOT + "\\Volume1\\" + vm.name()).switchName("Business"));
            Path disk = dir.resolve(vm.name() + ".vhdx");
            VirtualDisks.createFile(disk, DiskSpec.dynamic(VhdFormat.VHDX, DISK_BYTES));
            lab.write(LOCK, txn -> {
                attach(lab, vm, List.of(disk));
                return null;
            });
        }
        lab.write(LOCK, txn -> {
            CsvBackups.csvWithRoles(txn, lab, "HYPR-CL", "Cluster Disk 1", names);
            return null;
        });
        array(lab);
        SanLab san = SanLab.of(lab);
        int sysDb = san.luNumber(ARRAY, "SYS&DB");
        for (String id : ids) san.vmFilesOn(ARRAY, sysDb, id); // Volume1 is the LU: the guests' writes reach it
        BackupLab.of(lab).hardwareProvider(true).pair("Cluster Disk 1", ARRAY, SI_PAIR);
        for (String n : names) BackupLab.of(lab).applicationWriter(n, "Microsoft Exchange Server\\Microsoft Information Store\\" + n + "\\MDB");
        return lab;
    }

    /** The array behind the CSV. */
    public static final String ARRAY = "AMS2300";
    /** The ShadowImage pair whose primary is the SYS&amp;DB LU (Cluster Disk 1). */
    public static final String SI_PAIR = "SYSDB-SI";
    /** The Dynamic Provisioning pools: SYS&amp;DB's, LOG's (with the quorum LU), and the secondaries'. */
    public static final int SYSDB_POOL = 0, LOG_POOL = 1, SVOL_POOL = 2;

    /**
     * Seed 004's AMS2300 (section 6.3): every LU thin on an HDP pool; SYS&amp;DB on RAID1+0 (2D+2D) x 3
     * (800 GB), LOG on RAID5 (4D+1P) (560 GB), a quorum LU, and the SYS&amp;DB LU's ShadowImage
     * secondary of equal size in a pool of its own, paired.
     */
    static void array(Lab lab) {
        long gb = 1_000_000_000L;
        SanLab san = SanLab.of(lab);
        san.array(ARRAY, "AMS2300", 85011234L, SanLab.DP_PAGE, 200L << 20)
                .pool(SYSDB_POOL, "HDP SYS&DB", 10, RaidLevel.RAID10, 12, 800 * gb / 6)
                .pool(LOG_POOL, "HDP LOG", 11, RaidLevel.RAID5, 5, 560 * gb / 4)
                .pool(SVOL_POOL, "HDP S-VOL", 12, RaidLevel.RAID10, 12, 800 * gb / 6);
        int primary = san.createLu(ARRAY, "SYS&DB", 800 * PaperClusters.GIB, true, SYSDB_POOL);
        san.createLu(ARRAY, "LOG", 500 * PaperClusters.GIB, true, LOG_POOL);
        san.createLu(ARRAY, "QUORUM", PaperClusters.GIB, true, LOG_POOL);
        int secondary = san.createLu(ARRAY, "SYS&DB-S", 800 * PaperClusters.GIB, true, SVOL_POOL);
        san.createPair(ARRAY, SI_PAIR, primary, secondary);
    }

    /** Gives the VM a SCSI controller with {@code disks} on it (under the lab lock). */
    static void attach(Lab lab, SimVm vm, List<Path> disks) {
        VmStorage st = StorageModel.of(lab).vm(vm.id());
        String controller = lab.random().nextGuid();
        st.addController(controller, ControllerKind.SCSI);
        for (int i = 0; i < disks.size(); i++) {
            Path f = disks.get(i).toAbsolutePath().normalize();
            String drive = controller + "\\" + i; // Hyper-V's form: the controller's id, then the slot
            st.attach(drive, drive, controller, i, f);
            StorageModel.of(lab).given(vm.id(), f);
        }
        StorageModel.of(lab).changed(lab);
    }
}
