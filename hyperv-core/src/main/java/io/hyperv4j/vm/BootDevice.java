package io.hyperv4j.vm;

/**
 * A device a generation 1 VM's BIOS boots from (Set-VMBios -StartupOrder;
 * Msvm_VirtualSystemSettingData.BootOrder values).
 */
public enum BootDevice {
    /** 0 Floppy. */
    FLOPPY(0),
    /** 1 CD-ROM: the first CD or DVD with a boot sector. */
    CD(1),
    /** 2 IDE Hard Drive: the first hard disk with a boot sector. */
    IDE_HARD_DRIVE(2),
    /** 3 PXE Boot from the network. */
    PXE(3),
    /** 4 SCSI Hard Drive. */
    SCSI_HARD_DRIVE(4);

    private final int value;

    BootDevice(int value) {
        this.value = value;
    }

    /**
     * The BootOrder value.
     *
     * @return the value
     */
    public int value() {
        return value;
    }

    /**
     * The device a host reports.
     *
     * @param value a BootOrder element
     * @return the device
     * @throws IllegalArgumentException for a value outside the documented 0..4
     */
    public static BootDevice of(long value) {
        for (BootDevice d : values()) if (d.value == value) return d;
        throw new IllegalArgumentException("BootOrder value " + value + " is not one of 0 (Floppy) .. 4 (SCSI Hard Drive)");
    }
}
