package io.hyperv4j.cluster.sim;

/**
 * A cluster disk (Physical Disk resource). Once added to Cluster Shared Volumes it is mounted on
 * every node as {@code C:\ClusterStorage\VolumeN}; one node owns (coordinates) it.
 */
public final class SimDisk {
    /** MSCluster_ClusterSharedVolume.FaultState bits. */
    public static final int FAULT_REDIRECTED = 1, FAULT_NO_ACCESS = 2, FAULT_MAINTENANCE = 4;

    final String name;
    final String id;
    final long sizeBytes;
    long usedBytes;
    SimNode owner;
    boolean online = true;
    int volumeNumber; // 0 while not a CSV
    boolean redirected; // a client's TurnOnRedirectedAccess
    /** Redirections of I/O in the simulator (backups, {@link CsvRedirection}); saved with the lab. */
    int ioRedirections;
    /** The storage under the volume: throughput from the lab's storage model (reading), no IOPS limit unless set. */
    double bytesPerSecond = io.hyperv4j.substrate.StorageModel.CALIBRATED.restoreMiBPerSecond() * (1 << 20);
    double iops = Double.POSITIVE_INFINITY;
    boolean maintenance;
    boolean backupInProgress;
    /** Where the volume is mounted on its owner before CSV: a drive letter ("X:") or a mount point folder; "" for none. */
    String accessPath = "";

    SimDisk(String name, String id, long sizeBytes, SimNode owner) {
        this.name = name;
        this.id = id;
        this.sizeBytes = sizeBytes;
        this.owner = owner;
    }

    public String name() { return name; }
    public long sizeBytes() { return sizeBytes; }
    public SimNode owner() { return owner; }
    public boolean isCsv() { return volumeNumber > 0; }
    public boolean online() { return online; }
    public double bytesPerSecond() { return bytesPerSecond; }
    public double iops() { return iops; }
    public String accessPath() { return accessPath; }

    /** {@code C:\ClusterStorage\VolumeN}, or null while not a CSV. */
    public String path() {
        return isCsv() ? SimCluster.CSV_ROOT + "\\Volume" + volumeNumber : null;
    }

    /** No access when the owner is gone; otherwise the redirected and maintenance bits. */
    public int faultState() {
        if (owner == null || !owner.isUpOrPaused()) return FAULT_NO_ACCESS;
        return (redirected || ioRedirections > 0 ? FAULT_REDIRECTED : 0) | (maintenance ? FAULT_MAINTENANCE : 0);
    }
}
