package io.hyperv4j.cluster;

import java.util.Optional;

/**
 * The steps of a quick migration, under the names seed 003 gives them: the VM's state is saved on
 * the source, the ownership of its storage moves to the destination, and the state is restored there.
 */
public enum QuickMigrationPhase {
    /** The VM's memory is saved to disk on the source; the VM is down from here. */
    SAVE_STATE("SaveState", "SAVING"),
    /** The cluster disk holding the VM moves to the destination (its owner changes). */
    TRANSFER_STORAGE_OWNERSHIP("TransferStorageOwnership", "MOVING"),
    /** The saved state is restored on the destination; the VM runs again at the end. */
    RESTORE_STATE("RestoreState", "RESTORING");

    private final String title;
    private final String migrationState;

    QuickMigrationPhase(String title, String migrationState) {
        this.title = title;
        this.migrationState = migrationState;
    }

    /**
     * The step's name, e.g. "TransferStorageOwnership".
     *
     * @return the name
     */
    public String title() {
        return title;
    }

    /**
     * The step a VM role's MigrationState names, if it is one of these.
     *
     * @param migrationState the Virtual Machine resource's MigrationState
     * @return the step, or empty (None, or a live migration's phase)
     */
    public static Optional<QuickMigrationPhase> of(String migrationState) {
        for (QuickMigrationPhase p : values()) if (p.migrationState.equalsIgnoreCase(migrationState)) return Optional.of(p);
        return Optional.empty();
    }
}
