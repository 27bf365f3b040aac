package io.hyperv4j.cluster.sim;

/**
 * Version-dependent cluster behaviour.
 *
 * @param maxLiveMigrationsPerNode simultaneous live migrations a node may take part in, as source
 *                                 or destination: 1 on Windows Server 2008 R2 (seed 002), 2 by
 *                                 default from Windows Server 2012 (Hyper-V's MaximumVirtualMachineMigrations)
 */
public record ClusterProfile(String name, int maxLiveMigrationsPerNode) {
    public static final ClusterProfile WS2008R2 = new ClusterProfile("Windows Server 2008 R2", 1);
    public static final ClusterProfile WS2012 = new ClusterProfile("Windows Server 2012", 2);

    public ClusterProfile {
        if (maxLiveMigrationsPerNode < 1) throw new IllegalArgumentException("at least one live migration per node");
    }

    public static ClusterProfile named(String name) {
        if (WS2008R2.name.equalsIgnoreCase(name)) return WS2008R2;
        if (WS2012.name.equalsIgnoreCase(name)) return WS2012;
        throw new IllegalArgumentException("unknown cluster profile '" + name + "'");
    }
}
