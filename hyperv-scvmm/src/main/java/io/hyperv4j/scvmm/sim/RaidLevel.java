package io.hyperv4j.scvmm.sim;

/** A RAID group's level: how much of its drives' raw capacity holds data. */
public enum RaidLevel {
    RAID1(2), RAID10(4), RAID5(3), RAID6(4);

    /** The fewest drives the level takes. */
    public final int minDrives;

    RaidLevel(int minDrives) {
        this.minDrives = minDrives;
    }

    /** Usable bytes of {@code drives} drives of {@code driveBytes} each. */
    public long usable(int drives, long driveBytes) {
        return switch (this) {
            case RAID1, RAID10 -> drives / 2 * driveBytes;
            case RAID5 -> (drives - 1) * driveBytes;
            case RAID6 -> (drives - 2) * driveBytes;
        };
    }
}
