package io.hyperv4j.scvmm;

/**
 * The ways a VM can change host, as VMM's transfer types name them (Move-SCVirtualMachine's job shows
 * the one it used), from the least disruptive.
 */
public enum MigrationMethod {
    /** Failover cluster live migration: memory copied while the VM runs; both hosts in one cluster, the VM on shared storage. */
    CLUSTER_LIVE("Live"),
    /** Live migration without a cluster, storage moved with the VM (Msvm_VirtualSystemMigrationService; Windows Server 2012 and later). */
    SHARED_NOTHING_LIVE("LiveVSM"),
    /** Cluster quick migration: saved, storage ownership moved, restored. */
    QUICK("Quick"),
    /** SAN transfer: saved, the VM's LU re-mapped to the destination, imported and restored. */
    SAN("San"),
    /** Network transfer: the VM's files copied over the network (BITS), saved, the rest copied, imported and restored. */
    NETWORK("Network");

    private final String transferType;

    MigrationMethod(String transferType) {
        this.transferType = transferType;
    }

    /** VMM's name for it (a job's TransferType). */
    public String transferType() {
        return transferType;
    }

    /** By VMM's name or the constant's, any case ({@code live}, {@code san}, {@code network}, {@code quick}, {@code LiveVSM}). */
    public static MigrationMethod parse(String text) {
        for (MigrationMethod m : values())
            if (m.transferType.equalsIgnoreCase(text) || m.name().equalsIgnoreCase(text)) return m;
        throw new IllegalArgumentException("unknown migration method '" + text + "'; one of live, livevsm, quick, san, network");
    }
}
