package io.hyperv4j.vm;

/**
 * A VM's security settings (Msvm_SecuritySettingData, what Get-VMSecurity shows).
 *
 * @param tpmEnabled            TpmEnabled: a virtual TPM (Enable-VMTPM)
 * @param ksdEnabled            KsdEnabled: a key storage drive
 * @param shieldingRequested    ShieldingRequested
 * @param dataProtection        DataProtectionRequested
 * @param encryptStateAndMigrationTraffic EncryptStateAndVmMigrationTraffic
 * @param vbsOptOut             VirtualizationBasedSecurityOptOut
 */
public record VmSecuritySettings(boolean tpmEnabled, boolean ksdEnabled, boolean shieldingRequested, boolean dataProtection,
                                 boolean encryptStateAndMigrationTraffic, boolean vbsOptOut) {
    /**
     * These settings with the TPM on or off.
     *
     * @param on whether the VM has a TPM
     * @return the changed settings
     */
    public VmSecuritySettings withTpm(boolean on) {
        return new VmSecuritySettings(on, ksdEnabled, shieldingRequested, dataProtection, encryptStateAndMigrationTraffic, vbsOptOut);
    }

    /**
     * These settings with state and migration traffic encrypted or not.
     *
     * @param on whether to encrypt
     * @return the changed settings
     */
    public VmSecuritySettings withEncryptedStateAndMigrationTraffic(boolean on) {
        return new VmSecuritySettings(tpmEnabled, ksdEnabled, shieldingRequested, dataProtection, on, vbsOptOut);
    }
}
