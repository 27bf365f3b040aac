package io.hyperv4j.backup;

/**
 * Why a backup or restore was refused before it started, with the HRESULT Windows gives for the
 * same condition (VSS's {@code VSS_E_*}, Win32 errors as {@code 0x8007xxxx}, the cluster's
 * {@code ERROR_RESOURCE_NOT_FOUND}).
 */
public enum BackupRefusal {
    /** The VM, recovery point or group does not exist (ERROR_NOT_FOUND). */
    NOT_FOUND(0x80070490L),
    /** The VM is not a member of any protection group. */
    NOT_PROTECTED(0x80070490L),
    /** An express full or synchronisation before the replica exists, or after it became inconsistent (the VM moved since). */
    REPLICA_INCONSISTENT(0x80042301L),
    /** A backup of the VM is already running (VSS_E_SNAPSHOT_SET_IN_PROGRESS). */
    SNAPSHOT_SET_IN_PROGRESS(0x80042316L),
    /** No hardware provider is installed (VSS_E_PROVIDER_NOT_REGISTERED). */
    PROVIDER_NOT_REGISTERED(0x80042304L),
    /** The hardware provider cannot snapshot the volume: no secondary volume, or one of another size (VSS_E_VOLUME_NOT_SUPPORTED_BY_PROVIDER). */
    VOLUME_NOT_SUPPORTED_BY_PROVIDER(0x8004230EL),
    /** A transportable shadow copy in a mode that supports only non-transportable ones (VSS_E_UNSUPPORTED_CONTEXT). */
    UNSUPPORTED_CONTEXT(0x8004231BL),
    /** The target folder cannot be written (E_ACCESSDENIED). */
    ACCESS_DENIED(0x80070005L),
    /** The target has not enough free space (ERROR_DISK_FULL). */
    DISK_FULL(0x80070070L),
    /** A file of the recovery point is damaged (ERROR_FILE_CORRUPT). */
    FILE_CORRUPT(0x80070570L),
    /** The VM's cluster resource no longer exists: it cannot be restored as one (ERROR_RESOURCE_NOT_FOUND, 5007). */
    CLUSTER_RESOURCE_NOT_FOUND(5007L),
    /** The target is not usable (ERROR_INVALID_PARAMETER). */
    INVALID_PARAMETER(0x80070057L);

    private final long code;

    BackupRefusal(long code) {
        this.code = code;
    }

    /**
     * The code Windows gives for this condition.
     *
     * @return the HRESULT or Win32 error
     */
    public long code() {
        return code;
    }
}
