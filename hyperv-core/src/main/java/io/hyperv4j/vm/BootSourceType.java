package io.hyperv4j.vm;

/** What a generation 2 boot source boots from (Msvm_BootSourceSettingData.BootSourceType; VMBootSourceType). */
public enum BootSourceType {
    /** 0 Unknown. */
    UNKNOWN,
    /** 1 Drive: a hard disk or DVD drive. */
    DRIVE,
    /** 2 Network: a network adapter (PXE). */
    NETWORK,
    /** 3 File: a boot loader file the firmware found on a disk. */
    FILE;

    /**
     * The type a host reports.
     *
     * @param value a BootSourceType value
     * @return the type; UNKNOWN for a value outside the documented 0..3
     */
    public static BootSourceType of(long value) {
        return value >= 0 && value < values().length ? values()[(int) value] : UNKNOWN;
    }
}
