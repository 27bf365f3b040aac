package io.hyperv4j.vm;

/**
 * How consistent a recovery checkpoint or reference point is (ConsistencyLevel of
 * Msvm_VirtualSystemSnapshotSettingData and Msvm_VirtualSystemReferencePoint).
 */
public enum ConsistencyLevel {
    /** 1: the guest's VSS writers quiesced their data first (needs a running guest that can quiesce, or a VM that is off). */
    APPLICATION_CONSISTENT(1),
    /** 2: the disks as a power cut would leave them. */
    CRASH_CONSISTENT(2);

    private final int value;

    ConsistencyLevel(int value) {
        this.value = value;
    }

    /**
     * The WMI value.
     *
     * @return 1 or 2
     */
    public int value() {
        return value;
    }

    /**
     * The level with that WMI value.
     *
     * @param value the ConsistencyLevel value
     * @return the level
     * @throws IllegalArgumentException when the value is neither 1 nor 2
     */
    public static ConsistencyLevel of(long value) {
        for (ConsistencyLevel c : values()) if (c.value == value) return c;
        throw new IllegalArgumentException("ConsistencyLevel " + value + " is neither 1 (Application Consistent) nor 2 (Crash Consistent)");
    }
}
