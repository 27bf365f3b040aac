package io.hyperv4j.scvmm.sim.guest;

import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.cluster.sim.PaperClusters;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimVm;
import java.time.Duration;

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
     * Builds the monitored host cluster.
     *
     * @param seed  the lab's seed
     * @param clock the lab's clock
     * @return the lab with the service running
     */
    public static MonitoredHostCluster monitoredHostCluster(long seed, SimClock clock) {
        Lab lab = PaperClusters.seed000(seed, clock, 16384);
        SimVm vm = lab.host("host1").vms().stream().filter(v -> v.name().equals(VM)).findFirst().orElseThrow();
        lab.write(Duration.ofSeconds(5), txn -> {
            txn.touch(vm);
            vm.memoryMb(8192);
            return null;
        });
        GuestWorld guests = GuestWorld.start(lab, ClusterLab.of(lab));
        guests.install(VM, SERVICE);
        return new MonitoredHostCluster(lab, guests);
    }
}
