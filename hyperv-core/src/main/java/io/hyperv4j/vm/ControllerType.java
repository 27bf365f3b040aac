package io.hyperv4j.vm;

/** The controller a hard disk drive sits on (Add-VMHardDiskDrive -ControllerType). */
public enum ControllerType {
    SCSI("Microsoft:Hyper-V:Synthetic SCSI Controller"), IDE("Microsoft:Hyper-V:Emulated IDE Controller");

    private final String resourceSubType;

    ControllerType(String resourceSubType) {
        this.resourceSubType = resourceSubType;
    }

    public String resourceSubType() { return resourceSubType; }

    static ControllerType ofSubType(String s) {
        for (ControllerType t : values()) if (t.resourceSubType.equalsIgnoreCase(s)) return t;
        return null;
    }
}
