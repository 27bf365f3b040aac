package io.hyperv4j.sim.v2.storage;

/** The disk controllers Hyper-V offers, with their RASD ResourceType and ResourceSubType. */
public enum ControllerKind {
    /** ResourceType 6 Parallel SCSI HBA; 64 disks per controller. */
    SCSI(6, "Microsoft:Hyper-V:Synthetic SCSI Controller", 64),
    /** ResourceType 5 IDE Controller (generation 1 only); 2 disks per controller. */
    IDE(5, "Microsoft:Hyper-V:Emulated IDE Controller", 2);

    public static final String DISK_DRIVE_SUBTYPE = "Microsoft:Hyper-V:Synthetic Disk Drive";
    public static final String VIRTUAL_HARD_DISK_SUBTYPE = "Microsoft:Hyper-V:Virtual Hard Disk";
    public static final int DISK_DRIVE_TYPE = 17;
    public static final int LOGICAL_DISK_TYPE = 31;

    private final int resourceType;
    private final String subType;
    private final int slots;

    ControllerKind(int resourceType, String subType, int slots) {
        this.resourceType = resourceType;
        this.subType = subType;
        this.slots = slots;
    }

    public int resourceType() { return resourceType; }
    public String subType() { return subType; }
    /** How many drives one controller takes (AddressOnParent 0..slots-1). */
    public int slots() { return slots; }

    public static ControllerKind ofSubType(String s) {
        for (ControllerKind k : values()) if (k.subType.equalsIgnoreCase(s)) return k;
        return null;
    }
}
