package io.hyperv4j.scvmm.storage;

/** How an LU takes its capacity (MSFT_VirtualDisk.ProvisioningType). */
public enum Provisioning {
    UNKNOWN, THIN, FIXED;

    public static Provisioning of(long code) {
        return code == 1 ? THIN : code == 2 ? FIXED : UNKNOWN;
    }
}
