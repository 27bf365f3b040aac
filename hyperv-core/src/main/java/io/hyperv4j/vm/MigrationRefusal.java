package io.hyperv4j.vm;

import java.util.Optional;

/**
 * Why Hyper-V refused or failed a migration: the return codes of
 * Msvm_VirtualSystemMigrationService.MigrateVirtualSystemToHost, which a failed Msvm_MigrationJob
 * reports as its ErrorCode. The host's sentence (ErrorDescription) says which check it was.
 */
public enum MigrationRefusal {
    /** 32768: failed; on the simulator the destination is incompatible or a target file exists. */
    FAILED(32768),
    /** 32769: the caller may not migrate on one of the hosts. */
    ACCESS_DENIED(32769),
    /** 32770: not supported, e.g. migration is not enabled on the source or destination (Enable-VMMigration). */
    NOT_SUPPORTED(32770),
    /** 32772: the migration took too long. */
    TIMEOUT(32772),
    /** 32773: a parameter is wrong: no such VM, an empty or same-host destination, a disk the VM does not have. */
    INVALID_PARAMETER(32773),
    /** 32774: the VM is busy with another operation. */
    SYSTEM_IN_USE(32774),
    /** 32775: the VM is in a state it cannot migrate from (starting, saving, stopping...). */
    INVALID_STATE(32775),
    /** 32777: the destination host cannot be reached or is off. */
    SYSTEM_NOT_AVAILABLE(32777),
    /** 32778: the destination has not enough memory for the VM. */
    OUT_OF_MEMORY(32778);

    private final int code;

    MigrationRefusal(int code) {
        this.code = code;
    }

    /**
     * The Hyper-V return code / job ErrorCode.
     *
     * @return the code
     */
    public int code() {
        return code;
    }

    /**
     * The refusal a code means.
     *
     * @param code a return code or job ErrorCode
     * @return the refusal, or empty for a code that is none of these
     */
    public static Optional<MigrationRefusal> of(long code) {
        for (MigrationRefusal r : values()) if (r.code == code) return Optional.of(r);
        return Optional.empty();
    }
}
