package io.hyperv4j.vm;

/** The controller a hard disk drive sits on (Add-VMHardDiskDrive -ControllerType). */
public enum ControllerType {
    /** Synthetic SCSI controller (generation 1 and 2; disks attach while the VM runs). */
    SCSI("Microsoft:Hyper-V:Synthetic SCSI Controller"),
    /** Emulated IDE controller (generation 1 only). */
    IDE("Microsoft:Hyper-V:Emulated IDE Controller");

    private final String resourceSubType;

    ControllerType(String resourceSubType) {
        this.resourceSubType = resourceSubType;
    }

    /**
     * The controller's ResourceSubType in Msvm_ResourceAllocationSettingData.
     *
     * @return the subtype, e.g. "Microsoft:Hyper-V:Synthetic SCSI Controller"
     */
    public String resourceSubType() { return resourceSubType; }

    static ControllerType ofSubType(String s) {
        for (ControllerType t : values()) if (t.resourceSubType.equalsIgnoreCase(s)) return t;
        return null;
    }
}
