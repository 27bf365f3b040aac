package io.hyperv4j.scvmm.sim;

/**
 * Why the simulated SAN refused a change. Where the Storage Management API documents a return
 * code for the condition, {@link #code} is that code and the provider returns it; the others are
 * the array's own refusals (its management tool's), which only the simulator's handle raises.
 */
public enum SanRefusal {
    INVALID_PARAMETER(5, "invalid parameter"),
    NOT_ENOUGH_FREE_SPACE(40000, "not enough free space"),
    SIZE_REQUIRED(40005, "give a size or UseMaximumSize, not both and not neither"),
    NO_SUITABLE_POOL(47000, "no storage pool can hold this virtual disk"),
    PROVISIONING_TYPE_NOT_SUPPORTED(47001, "the pool does not support this provisioning type"),
    VIRTUAL_DISK_NOT_FOUND(50000, "the virtual disk could not be found"),
    INVALID_DEVICE_NUMBER(52000, "the device number is not valid"),
    DEVICE_ACCESS_REQUIRED(52002, "DeviceAccess must be given for each virtual disk"),
    INVALID_INITIATOR_ADDRESS(53000, "the initiator address is not valid"),
    INVALID_TARGET_PORT_ADDRESS(54000, "the target port address is not valid"),
    /** The array's: the thin pool has no physical capacity left for the pages a write needs. */
    POOL_CAPACITY_EXCEEDED(0, "the pool has no physical capacity left"),
    /** The array's: a volume pair needs a primary and a secondary of equal size. */
    PAIR_SIZE_MISMATCH(0, "the primary and secondary volumes differ in size"),
    /** The array's: the volume is already in a pair (or is both halves). */
    PAIR_VOLUME_BUSY(0, "the volume is already part of a pair"),
    /** The array's: split needs Paired, resync needs Split. */
    INVALID_PAIR_STATE(0, "the pair is not in a state that allows this"),
    /** The array's: the secondary of a pair is read-only until the pair is split. */
    SECONDARY_READ_ONLY(0, "the secondary volume is read-only while paired"),
    /** Hosts: the host does not see the LU (not mapped to its initiators, or not rescanned). */
    LU_NOT_VISIBLE(0, "the host does not see the LU"),
    /** Hosts: another host runs a VM from the LU. */
    LU_IN_USE_ON_ANOTHER_HOST(0, "another host runs a VM from the LU");

    /** The Storage Management API return code, or 0 when the condition is the array's own. */
    public final int code;
    public final String text;

    SanRefusal(int code, String text) {
        this.code = code;
        this.text = text;
    }
}
