package io.hyperv4j.backup.vss;

/** VSS_PROVIDER_TYPE (vss.h): what kind of shadow copy provider it is. */
public enum VssProviderType {
    /** 0: unknown. */
    UNKNOWN(0),
    /** 1: the system provider (the Microsoft software shadow copy provider). */
    SYSTEM(1),
    /** 2: a software provider. */
    SOFTWARE(2),
    /** 3: a hardware provider (a storage array's snapshot or volume pair). */
    HARDWARE(3),
    /** 4: a file share provider. */
    FILESHARE(4);

    private final int value;

    VssProviderType(int value) {
        this.value = value;
    }

    /**
     * The VSS_PROVIDER_TYPE value.
     *
     * @return 0..4
     */
    public int value() {
        return value;
    }
}
