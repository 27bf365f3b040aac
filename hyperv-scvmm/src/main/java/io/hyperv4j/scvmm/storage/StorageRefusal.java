package io.hyperv4j.scvmm.storage;

/**
 * Why Windows refused a storage call: the return codes the Storage Management API documents for
 * CreateMaskingSet, CreateVirtualDisk, AddVirtualDisk, RemoveVirtualDisk and AddInitiatorId, and
 * the Virtual Disk Service's HRESULTs mapped onto the same reasons.
 */
public enum StorageRefusal {
    /** 1: Not supported. */
    NOT_SUPPORTED(1),
    /** 2: Unspecified error. */
    UNSPECIFIED_ERROR(2),
    /** 3: Timeout. */
    TIMEOUT(3),
    /** 4: Failed. */
    FAILED(4),
    /** 5: Invalid parameter. */
    INVALID_PARAMETER(5),
    /** 4097: Size not supported. */
    SIZE_NOT_SUPPORTED(4097),
    /** 40000: Not enough free space. */
    NOT_ENOUGH_FREE_SPACE(40000),
    /** 40001: Access denied. */
    ACCESS_DENIED(40001),
    /** 40002: Not enough resources. */
    NOT_ENOUGH_RESOURCES(40002),
    /** 40003: Cache out of date. */
    CACHE_OUT_OF_DATE(40003),
    /** 40005: Size or maximum required. */
    SIZE_OR_MAXIMUM_REQUIRED(40005),
    /** 46000: Cannot connect to provider. */
    CANNOT_CONNECT_TO_PROVIDER(46000),
    /** 46001: Provider cannot connect to subsystem. */
    PROVIDER_CANNOT_CONNECT_TO_SUBSYSTEM(46001),
    /** 47000: No suitable pool. */
    NO_SUITABLE_POOL(47000),
    /** 47001: Provisioning type not supported. */
    PROVISIONING_TYPE_NOT_SUPPORTED(47001),
    /** 50000: Virtual disk not found. */
    VIRTUAL_DISK_NOT_FOUND(50000),
    /** 52000: Invalid device number. */
    INVALID_DEVICE_NUMBER(52000),
    /** 52001: Host type not supported. */
    HOST_TYPE_NOT_SUPPORTED(52001),
    /** 52002: Device access required. */
    DEVICE_ACCESS_REQUIRED(52002),
    /** 53000: Invalid initiator address. */
    INVALID_INITIATOR_ADDRESS(53000),
    /** 53001: One initiator only. */
    ONE_INITIATOR_ONLY(53001),
    /** 54000: Invalid target port address. */
    INVALID_TARGET_PORT_ADDRESS(54000),
    /** A code this library does not know; {@link StorageRefusedException#code()} has it. */
    UNKNOWN(-1);

    private final long code;

    StorageRefusal(long code) {
        this.code = code;
    }

    /**
     * The documented return value.
     *
     * @return the value, -1 for {@link #UNKNOWN}
     */
    public long code() {
        return code;
    }

    /**
     * The reason for a return value.
     *
     * @param code the return value
     * @return the reason, or {@link #UNKNOWN} when the code is none of these
     */
    public static StorageRefusal of(long code) {
        for (StorageRefusal r : values()) if (r.code == code) return r;
        return UNKNOWN;
    }
}
