package io.hyperv4j.scvmm.storage;

/** How an LU takes its capacity (MSFT_VirtualDisk.ProvisioningType). */
public enum Provisioning {
    /** 0, or a value outside the documented ones. */
    UNKNOWN,
    /** 1: capacity is allocated as it is written. */
    THIN,
    /** 2: all capacity is allocated up front. */
    FIXED;

    /**
     * The provisioning for a ProvisioningType value.
     *
     * @param code the value
     * @return the provisioning; {@link #UNKNOWN} for anything but 1 and 2
     */
    public static Provisioning of(long code) {
        return code == 1 ? THIN : code == 2 ? FIXED : UNKNOWN;
    }
}
