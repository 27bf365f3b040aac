package io.hyperv4j.scvmm.sim.guest;

import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.cluster.sim.PaperClusters;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.LabTemplate;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimVm;
import java.time.Duration;
import java.util.List;

/**
 * Seed 001's monitored host cluster as a lab: Hitachi's two BS320 hosts in cluster hv-cluster (on
 * 16 GB hosts: an 8 GB host cannot run the paper's 8 GB VM), the 8 GB VM "SQL Server" running on
 * host1 with SQL Server's service (MSSQLSERVER) in its guest.
 */
public final class Seed001 {
    /** The VM. */
    public static final String VM = "SQL Server";
    /** The monitored service. */
    public static final String SERVICE = "MSSQLSERVER";

    /** The guest cluster's active VM, on host1. */
    public static final String VM1 = "SQL Server 1";
    /** The guest cluster's passive VM, on host2. */
    public static final String VM2 = "SQL Server 2";
    /** The guests' OS (seed 001: SQL Server 2008 on Windows Server 2008 EE x64 SP2). */
    public static final String GUEST_OS = "Windows Server 2008 Enterprise x64 SP2";
    /** The guest cluster's clustered SQL Server address. */
    public static final String CLUSTER_ADDRESS = "10.0.0.50";

    private Seed001() {
    }

    /**
     * The lab and its guests.
     *
     * @param lab    the lab
     * @param guests its guests
     */
    public record MonitoredHostCluster(Lab lab, GuestWorld guests) implements AutoCloseable {
        @Override
        public void close() {
            lab.close();
        }
    }

    /**
     * The guest-cluster lab.
     *
     * @param lab     the lab
     * @param guests  its guests
     * @param cluster the guest cluster
     */
    public record GuestClusterLab(Lab lab, GuestWorld guests, GuestCluster cluster) implements AutoCloseable {
        @Override
        public void close() {
            lab.close();
        }
    }

    /**
     * Builds seed 001's guest cluster: hosts host1 and host2 (not clustered), "SQL Server 1" running
     * SQL Server on host1 and "SQL Server 2" on host2, clustered in their guests over an iSCSI disk.
     *
     * @param seed  the lab's seed
     * @param clock the lab's clock
     * @return the lab with the service running on SQL Server 1
     */
    public static GuestClusterLab guestCluster(long seed, SimClock clock) {
        Lab lab = guestClusterHosts(seed, clock);
        GuestWorld guests = GuestWorld.start(lab, ClusterLab.of(lab));
        for (String vm : List.of(VM1, VM2)) guests.guestOs(vm, GUEST_OS);
        GuestCluster c = GuestCluster.create(guests, "sqlcluster", CLUSTER_ADDRESS, VM1, VM2, SERVICE, GuestCluster.DiskBus.ISCSI);
        return new GuestClusterLab(lab, guests, c);
    }

    /**
     * Builds the monitored host cluster.
     *
     * @param seed  the lab's seed
     * @param clock the lab's clock
     * @return the lab with the service running
     */
    public static MonitoredHostCluster monitoredHostCluster(long seed, SimClock clock) {
        Lab lab = hostCluster(seed, clock);
        GuestWorld guests = GuestWorld.start(lab, ClusterLab.of(lab));
        guests.install(VM, SERVICE);
        return new MonitoredHostCluster(lab, guests);
    }

    /**
     * The guest cluster's hosts and VMs, without the guests' services ({@code lab new --template seed001-guest-cluster}).
     *
     * @param seed  the lab's seed
     * @param clock the lab's clock
     * @return the lab
     */
    public static Lab guestClusterHosts(long seed, SimClock clock) {
        Lab lab = Lab.builder().seed(seed).clock(clock).host("host1", 8, 16384).host("host2", 8, 16384).build();
        PaperClusters.vm(lab, "host1", VM1, 4096, 4, true);
        PaperClusters.vm(lab, "host2", VM2, 4096, 4, true);
        return lab;
    }

    /**
     * The monitored host cluster's hosts, cluster and VM, without the guest's service ({@code lab new --template seed001-monitored}).
     *
     * @param seed  the lab's seed
     * @param clock the lab's clock
     * @return the lab
     */
    public static Lab hostCluster(long seed, SimClock clock) {
        Lab lab = PaperClusters.seed000(seed, clock, 16384);
        SimVm vm = lab.host("host1").vms().stream().filter(v -> v.name().equals(VM)).findFirst().orElseThrow();
        lab.write(Duration.ofSeconds(5), txn -> {
            txn.touch(vm);
            vm.memoryMb(8192);
            return null;
        });
        return lab;
    }

    /** {@code lab new --template seed001-monitored}. */
    public static final class MonitoredTemplate implements LabTemplate {
        @Override public String name() { return "seed001-monitored"; }
        @Override public String description() {
            return "seed 001's monitored host cluster: host1 and host2 (16 GB) in hv-cluster, the 8 GB VM 'SQL Server' running on host1"
                    + " with SQL Server (MSSQLSERVER) in its guest; probes, alarms and faults: 'hyperv monitor', 'hyperv fault'";
        }
        @Override public Lab create(long seed, SimClock clock) { return monitoredHostCluster(seed, clock).lab(); }
    }

    /** {@code lab new --template seed001-guest-cluster}. */
    public static final class GuestClusterTemplate implements LabTemplate {
        @Override public String name() { return "seed001-guest-cluster"; }
        @Override public String description() {
            return "seed 001's guest cluster sqlcluster: 'SQL Server 1' on host1 (active, MSSQLSERVER running) and 'SQL Server 2' on host2"
                    + " (passive), clustered in their guests at 10.0.0.50 over an iSCSI disk; 'hyperv monitor', 'hyperv fault'";
        }
        @Override public Lab create(long seed, SimClock clock) { return guestCluster(seed, clock).lab(); }
    }
}
