package io.hyperv4j.scvmm;

/**
 * The host operating system a management server sees, and what its Hyper-V can do: Windows Server
 * 2008 RTM has quick migration only (seed 003), 2008 R2 adds cluster live migration and Cluster
 * Shared Volumes (seed 000), 2012 adds live migration without a cluster.
 */
public enum HostOs {
    /** Quick migration only. */
    WS2008("Windows Server 2008", false, false),
    /** Adds cluster live migration and Cluster Shared Volumes. */
    WS2008_R2("Windows Server 2008 R2", true, false),
    /** Adds live migration without a cluster. */
    WS2012("Windows Server 2012", true, true);

    private final String caption;
    private final boolean liveMigration;
    private final boolean sharedNothing;

    HostOs(String caption, boolean liveMigration, boolean sharedNothing) {
        this.caption = caption;
        this.liveMigration = liveMigration;
        this.sharedNothing = sharedNothing;
    }

    /**
     * The caption a host reports, e.g. "Windows Server 2008 R2".
     *
     * @return the caption
     */
    public String caption() { return caption; }
    /**
     * Cluster live migration and Cluster Shared Volumes.
     *
     * @return whether the OS has it
     */
    public boolean liveMigration() { return liveMigration; }
    /**
     * Live and storage migration without a cluster (Msvm_VirtualSystemMigrationService).
     *
     * @return whether the OS has it
     */
    public boolean sharedNothing() { return sharedNothing; }

    /**
     * The OS by caption or constant name, any case.
     *
     * @param text the caption or name
     * @return the OS
     * @throws IllegalArgumentException when it is none of them
     */
    public static HostOs parse(String text) {
        for (HostOs o : values()) if (o.caption.equalsIgnoreCase(text) || o.name().equalsIgnoreCase(text)) return o;
        throw new IllegalArgumentException("unknown host OS '" + text + "'; one of WS2008, WS2008_R2, WS2012");
    }
}
