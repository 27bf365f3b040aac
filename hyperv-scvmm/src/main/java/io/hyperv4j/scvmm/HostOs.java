package io.hyperv4j.scvmm;

/**
 * The host operating system a management server sees, and what its Hyper-V can do: Windows Server
 * 2008 RTM has quick migration only (seed 003), 2008 R2 adds cluster live migration and Cluster
 * Shared Volumes (seed 000), 2012 adds live migration without a cluster.
 */
public enum HostOs {
    WS2008("Windows Server 2008", false, false),
    WS2008_R2("Windows Server 2008 R2", true, false),
    WS2012("Windows Server 2012", true, true);

    private final String caption;
    private final boolean liveMigration;
    private final boolean sharedNothing;

    HostOs(String caption, boolean liveMigration, boolean sharedNothing) {
        this.caption = caption;
        this.liveMigration = liveMigration;
        this.sharedNothing = sharedNothing;
    }

    public String caption() { return caption; }
    /** Cluster live migration and Cluster Shared Volumes. */
    public boolean liveMigration() { return liveMigration; }
    /** Live and storage migration without a cluster (Msvm_VirtualSystemMigrationService). */
    public boolean sharedNothing() { return sharedNothing; }

    public static HostOs parse(String text) {
        for (HostOs o : values()) if (o.caption.equalsIgnoreCase(text) || o.name().equalsIgnoreCase(text)) return o;
        throw new IllegalArgumentException("unknown host OS '" + text + "'; one of WS2008, WS2008_R2, WS2012");
    }
}
