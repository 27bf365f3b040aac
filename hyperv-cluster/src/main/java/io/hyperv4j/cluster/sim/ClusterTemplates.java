package io.hyperv4j.cluster.sim;

import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.LabTemplate;
import io.hyperv4j.sim.SimClock;

/** The seed papers' two-node clusters as {@code lab new --template} choices. */
public final class ClusterTemplates {
    private ClusterTemplates() {
    }

    /** Seed 002: satellite.uranus.local, ARIEL and umbriel, Volume1, the VM ws2003r2-lm running on ARIEL. */
    public static final class Seed002 implements LabTemplate {
        @Override public String name() { return "seed002-cluster"; }
        @Override public String description() {
            return "cluster satellite (ARIEL, umbriel; 2008 R2), CSV Volume1, HA VM ws2003r2-lm running on ARIEL (seed 002)";
        }
        @Override public Lab create(long seed, SimClock clock) { return PaperClusters.seed002(seed, clock); }
    }

    /** Seed 002 before its set-up steps: CSV not enabled, the VM not yet highly available. */
    public static final class Seed002Bare implements LabTemplate {
        @Override public String name() { return "seed002-bare"; }
        @Override public String description() {
            return "cluster satellite before set-up: Cluster Disk 1 available, CSV off, VM ws2003r2-lm off and not clustered (seed 002)";
        }
        @Override public Lab create(long seed, SimClock clock) { return PaperClusters.seed002Bare(seed, clock); }
    }

    /** Seed 000: host1 and host2, 1 GbE live-migration network, the 6 GB SQL Server VM running on host1. */
    public static final class Seed000 implements LabTemplate {
        @Override public String name() { return "seed000-cluster"; }
        @Override public String description() {
            return "cluster hv-cluster (host1, host2; 2008 R2, 1 GbE live migration), HA 6 GB VM 'SQL Server' on host1 (seed 000)";
        }
        @Override public Lab create(long seed, SimClock clock) { return PaperClusters.seed000(seed, clock); }
    }
    // seed003-rtm (this cluster on an iSCSI array under a management server) is hyperv-scvmm's VmmTemplates.Seed003
}
