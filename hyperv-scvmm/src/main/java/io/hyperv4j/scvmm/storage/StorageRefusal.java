package io.hyperv4j.scvmm.storage;

/**
 * Why Windows refused a storage call: the return codes the Storage Management API documents for
 * CreateMaskingSet, CreateVirtualDisk, AddVirtualDisk, RemoveVirtualDisk and AddInitiatorId, and
 * the Virtual Disk Service's HRESULTs mapped onto the same reasons.
 */
public enum StorageRefusal {
    NOT_SUPPORTED(1),
    UNSPECIFIED_ERROR(2),
    TIMEOUT(3),
    FAILED(4),
    INVALID_PARAMETER(5),
    SIZE_NOT_SUPPORTED(4097),
    NOT_ENOUGH_FREE_SPACE(40000),
    ACCESS_DENIED(40001),
    NOT_ENOUGH_RESOURCES(40002),
    CACHE_OUT_OF_DATE(40003),
    SIZE_OR_MAXIMUM_REQUIRED(40005),
    CANNOT_CONNECT_TO_PROVIDER(46000),
    PROVIDER_CANNOT_CONNECT_TO_SUBSYSTEM(46001),
    NO_SUITABLE_POOL(47000),
    PROVISIONING_TYPE_NOT_SUPPORTED(47001),
    VIRTUAL_DISK_NOT_FOUND(50000),
    INVALID_DEVICE_NUMBER(52000),
    HOST_TYPE_NOT_SUPPORTED(52001),
    DEVICE_ACCESS_REQUIRED(52002),
    INVALID_INITIATOR_ADDRESS(53000),
    ONE_INITIATOR_ONLY(53001),
    INVALID_TARGET_PORT_ADDRESS(54000),
    /** A code this library does not know; {@link StorageRefusedException#code()} has it. */
    UNKNOWN(-1);

    private final long code;

    StorageRefusal(long code) {
        this.code = code;
    }

    /** The documented return value. */
    public long code() {
        return code;
    }

    public static StorageRefusal of(long code) {
        for (StorageRefusal r : values()) if (r.code == code) return r;
        return UNKNOWN;
    }
}
