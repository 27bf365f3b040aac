package io.hyperv4j.cluster.sim;

import java.util.Optional;

/**
 * Version-dependent cluster behaviour.
 *
 * @param name                     the operating system, e.g. "Windows Server 2008 R2"
 * @param maxLiveMigrationsPerNode simultaneous live migrations a node may take part in, as source
 *                                 or destination: 1 on Windows Server 2008 R2 (seed 002), 2 by
 *                                 default from Windows Server 2012 (Hyper-V's MaximumVirtualMachineMigrations)
 * @param liveMigration            whether the cluster live-migrates at all (Windows Server 2008 RTM
 *                                 has quick migration only, seed 003)
 * @param sharedVolumes            whether it has Cluster Shared Volumes (from 2008 R2)
 * @param minNodes                 the fewest nodes of a Hyper-V host cluster (2 on 2008 RTM, seed 003 §5.2)
 * @param maxNodes                 the most nodes (16 on 2008 and 2008 R2, 64 from 2012)
 */
public record ClusterProfile(String name, int maxLiveMigrationsPerNode, boolean liveMigration, boolean sharedVolumes,
                             int minNodes, int maxNodes) {
    /** Windows Server 2008 (RTM): quick migration only, no Cluster Shared Volumes, 2 to 16 nodes (seed 003). */
    public static final ClusterProfile WS2008 = new ClusterProfile("Windows Server 2008", 1, false, false, 2, 16);
    /** Windows Server 2008 R2: live migration one at a time per node, CSV, up to 16 nodes (seed 002). */
    public static final ClusterProfile WS2008R2 = new ClusterProfile("Windows Server 2008 R2", 1, true, true, 1, 16);
    /** Windows Server 2012: two live migrations per node, up to 64 nodes. */
    public static final ClusterProfile WS2012 = new ClusterProfile("Windows Server 2012", 2, true, true, 1, 64);
    /** Windows Server 2012 R2: as 2012 (two simultaneous live migrations by default, up to 64 nodes). */
    public static final ClusterProfile WS2012R2 = new ClusterProfile("Windows Server 2012 R2", 2, true, true, 1, 64);
    /** Windows Server 2016: as 2012 R2 (two simultaneous live migrations by default, up to 64 nodes). */
    public static final ClusterProfile WS2016 = new ClusterProfile("Windows Server 2016", 2, true, true, 1, 64);

    public ClusterProfile {
        if (maxLiveMigrationsPerNode < 1) throw new IllegalArgumentException("at least one live migration per node");
        if (minNodes < 1 || maxNodes < minNodes) throw new IllegalArgumentException("nodes must be 1 <= min <= max: " + minNodes + ".." + maxNodes);
    }

    /** A profile of a later version: live migration and CSV, 1 to 64 nodes. */
    public ClusterProfile(String name, int maxLiveMigrationsPerNode) {
        this(name, maxLiveMigrationsPerNode, true, true, 1, 64);
    }

    public static ClusterProfile named(String name) {
        return known(name).orElseThrow(() -> new IllegalArgumentException("unknown cluster profile '" + name + "'"));
    }

    /** The profile of this name, if it is one of the constants. */
    public static Optional<ClusterProfile> known(String name) {
        for (ClusterProfile p : new ClusterProfile[] {WS2008, WS2008R2, WS2012, WS2012R2, WS2016}) if (p.name.equalsIgnoreCase(name)) return Optional.of(p);
        return Optional.empty();
    }
}
