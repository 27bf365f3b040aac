package io.hyperv4j.vm;

/**
 * A VM's checkpoint type: Msvm_VirtualSystemSettingData.UserSnapshotType (Set-VM -CheckpointType).
 * DISABLED refuses checkpoints; PRODUCTION uses the guest's VSS and falls back to a standard
 * checkpoint when the guest cannot quiesce; PRODUCTION_ONLY fails then instead; STANDARD saves
 * the running guest's memory with the disks.
 */
public enum CheckpointType {
    /** 2: checkpoints are refused. */
    DISABLED(2, "Disabled"),
    /** 3: VSS in the guest, falling back to a standard checkpoint. */
    PRODUCTION(3, "Production"),
    /** 4: VSS in the guest, failing when the guest cannot quiesce. */
    PRODUCTION_ONLY(4, "ProductionOnly"),
    /** 5: disks plus the running guest's memory. */
    STANDARD(5, "Standard");

    private final int value;
    private final String powerShellName;

    CheckpointType(int value, String powerShellName) {
        this.value = value;
        this.powerShellName = powerShellName;
    }

    /**
     * The UserSnapshotType value.
     *
     * @return the value, 2..5
     */
    public int value() { return value; }

    /**
     * The name Set-VM -CheckpointType uses.
     *
     * @return the name, e.g. "ProductionOnly"
     */
    public String powerShellName() { return powerShellName; }

    /**
     * The type for a UserSnapshotType value.
     *
     * @param userSnapshotType the value read from Msvm_VirtualSystemSettingData
     * @return the type
     * @throws IllegalArgumentException when the value is none of 2, 3, 4, 5
     */
    public static CheckpointType of(long userSnapshotType) {
        for (CheckpointType t : values()) if (t.value == userSnapshotType) return t;
        throw new IllegalArgumentException("UserSnapshotType " + userSnapshotType + " is none of 2, 3, 4, 5");
    }

    /**
     * By PowerShell name or enum name, ignoring case.
     *
     * @param s the name, e.g. "ProductionOnly" or "production_only"
     * @return the type
     * @throws IllegalArgumentException when the name is none of the four
     */
    public static CheckpointType parse(String s) {
        for (CheckpointType t : values())
            if (t.name().equalsIgnoreCase(s) || t.powerShellName.equalsIgnoreCase(s)) return t;
        throw new IllegalArgumentException("checkpoint type '" + s + "' is none of Disabled, Production, ProductionOnly, Standard");
    }
}
