package io.hyperv4j.vm;

/**
 * A VM's checkpoint type: Msvm_VirtualSystemSettingData.UserSnapshotType (Set-VM -CheckpointType).
 * DISABLED refuses checkpoints; PRODUCTION uses the guest's VSS and falls back to a standard
 * checkpoint when the guest cannot quiesce; PRODUCTION_ONLY fails then instead; STANDARD saves
 * the running guest's memory with the disks.
 */
public enum CheckpointType {
    DISABLED(2, "Disabled"), PRODUCTION(3, "Production"), PRODUCTION_ONLY(4, "ProductionOnly"), STANDARD(5, "Standard");

    private final int value;
    private final String powerShellName;

    CheckpointType(int value, String powerShellName) {
        this.value = value;
        this.powerShellName = powerShellName;
    }

    /** The UserSnapshotType value. */
    public int value() { return value; }

    /** The name Set-VM -CheckpointType uses. */
    public String powerShellName() { return powerShellName; }

    public static CheckpointType of(long userSnapshotType) {
        for (CheckpointType t : values()) if (t.value == userSnapshotType) return t;
        throw new IllegalArgumentException("UserSnapshotType " + userSnapshotType + " is none of 2, 3, 4, 5");
    }

    /** By PowerShell name or enum name, ignoring case. */
    public static CheckpointType parse(String s) {
        for (CheckpointType t : values())
            if (t.name().equalsIgnoreCase(s) || t.powerShellName.equalsIgnoreCase(s)) return t;
        throw new IllegalArgumentException("checkpoint type '" + s + "' is none of Disabled, Production, ProductionOnly, Standard");
    }
}
