package io.hyperv4j.scvmm.sim;

/** A RAID group: drives of one size at one level; either holds fixed LUs or belongs to a thin pool. */
public final class SimRaidGroup {
    final int id;
    final RaidLevel level;
    int drives;
    final long driveBytes;
    /** The Dynamic Provisioning pool it belongs to, or null for a group that holds fixed LUs. */
    final Integer pool;

    SimRaidGroup(int id, RaidLevel level, int drives, long driveBytes, Integer pool) {
        this.id = id;
        this.level = level;
        this.drives = drives;
        this.driveBytes = driveBytes;
        this.pool = pool;
    }

    public int id() { return id; }
    public RaidLevel level() { return level; }
    public int drives() { return drives; }
    public long driveBytes() { return driveBytes; }
    public Integer pool() { return pool; }
    public long capacity() { return level.usable(drives, driveBytes); }
}
