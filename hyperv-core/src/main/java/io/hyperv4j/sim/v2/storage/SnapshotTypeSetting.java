package io.hyperv4j.sim.v2.storage;

/** Msvm_VirtualSystemSettingData.UserSnapshotType (wmi-facts A.5): the VM's checkpoint type. */
public enum SnapshotTypeSetting {
    DISABLED(2), PRODUCTION(3), PRODUCTION_ONLY(4), STANDARD(5);

    private final int value;

    SnapshotTypeSetting(int value) {
        this.value = value;
    }

    public int value() { return value; }

    /** The setting with that UserSnapshotType value, or null. */
    public static SnapshotTypeSetting of(long v) {
        for (SnapshotTypeSetting s : values()) if (s.value == v) return s;
        return null;
    }
}
