package io.hyperv4j.vm;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a migration through Msvm_VirtualSystemMigrationService moves: the VM to another host with
 * its storage left where it is ({@link #live}), the VM and its storage to another host without a
 * cluster ({@link #sharedNothing}: Move-VM -IncludeStorage), or only the storage on its host
 * ({@link #storage}: Move-VMStorage), or only its configuration, as a planned VM on another host
 * ({@link #staged}), which a later move of the VM {@link #intoPlanned goes into}. Disks to relocate
 * are named by their current file.
 *
 * @param kind            what moves
 * @param destinationHost the destination host's name (for {@link Kind#STORAGE}, empty: the VM's own host)
 * @param diskMoves       current file of a disk to its new file
 * @param plannedVm       the GUID of the planned VM on the destination the VM moves into
 *                        (DestinationPlannedVirtualSystemId); empty for none
 */
public record MigrationSpec(Kind kind, String destinationHost, Map<Path, Path> diskMoves, String plannedVm) {
    /** What moves, as MigrationType of Msvm_VirtualSystemMigrationSettingData names it. */
    public enum Kind {
        /** 32768 VirtualSystem: the running state and configuration; the disks stay. */
        LIVE(32768),
        /** 32771 VirtualSystemAndStorage: the VM and its disks (shared-nothing live migration). */
        SHARED_NOTHING(32771),
        /** 32769 Storage: the disks only, on the VM's host. */
        STORAGE(32769),
        /** 32770 Staged: a planned VM with the VM's configuration on the destination; the VM stays. */
        STAGED(32770);

        private final int migrationType;

        Kind(int migrationType) {
            this.migrationType = migrationType;
        }

        /**
         * The MigrationType value.
         *
         * @return the value
         */
        public int migrationType() {
            return migrationType;
        }
    }

    /**
     * Checks and copies.
     *
     * @param kind            what moves
     * @param destinationHost the destination host's name
     * @param diskMoves       current file to new file
     * @param plannedVm       the planned VM to move into, or empty
     * @throws IllegalArgumentException when a host-to-host move has no destination, a storage move no disk,
     *                                  a live or staged move any disk, a storage or staged move a planned VM
     *                                  to go into, or a path is not absolute
     */
    public MigrationSpec {
        Objects.requireNonNull(kind, "kind");
        destinationHost = destinationHost == null ? "" : destinationHost.trim();
        plannedVm = plannedVm == null ? "" : plannedVm.trim();
        if (!plannedVm.isEmpty() && (kind == Kind.STORAGE || kind == Kind.STAGED))
            throw new IllegalArgumentException("a " + kind + " migration moves no VM into a planned VM");
        diskMoves = Map.copyOf(Objects.requireNonNull(diskMoves, "diskMoves"));
        if (kind == Kind.STAGED && !diskMoves.isEmpty()) throw new IllegalArgumentException("a STAGED migration moves no disk");
        if (kind != Kind.STORAGE && destinationHost.isEmpty())
            throw new IllegalArgumentException("a " + kind + " migration needs a destination host");
        if (kind == Kind.STORAGE && diskMoves.isEmpty()) throw new IllegalArgumentException("a storage migration needs at least one disk to move");
        if (kind == Kind.LIVE && !diskMoves.isEmpty()) throw new IllegalArgumentException("a LIVE migration leaves the disks; use SHARED_NOTHING to move them");
        diskMoves.forEach((from, to) -> {
            if (!from.isAbsolute() || !to.isAbsolute())
                throw new IllegalArgumentException("disk paths must be absolute: " + from + " -> " + to);
        });
    }

    /**
     * A spec moving into no planned VM.
     *
     * @param kind            what moves
     * @param destinationHost the destination host's name
     * @param diskMoves       current file to new file
     */
    public MigrationSpec(Kind kind, String destinationHost, Map<Path, Path> diskMoves) {
        this(kind, destinationHost, diskMoves, "");
    }

    /**
     * The VM's configuration to {@code host} as a planned VM with the VM's GUID (Compare-VM's staging):
     * the VM keeps running where it is until a move {@link #intoPlanned into} it.
     *
     * @param host the destination host
     * @return the spec
     */
    public static MigrationSpec staged(String host) {
        return new MigrationSpec(Kind.STAGED, host, Map.of(), "");
    }

    /**
     * This move of the VM into the planned VM {@code plannedVmId} on the destination, whose resource
     * set-up (processors, memory) the VM takes; the planned VM is used up.
     *
     * @param plannedVmId the planned VM's GUID
     * @return a new spec
     */
    public MigrationSpec intoPlanned(String plannedVmId) {
        return new MigrationSpec(kind, destinationHost, diskMoves, Objects.requireNonNull(plannedVmId, "plannedVmId"));
    }

    /**
     * The VM to {@code host}, its disks where they are (on storage both hosts reach).
     *
     * @param host the destination host
     * @return the spec
     */
    public static MigrationSpec live(String host) {
        return new MigrationSpec(Kind.LIVE, host, Map.of());
    }

    /**
     * The VM and its disks to {@code host}; disks not named by {@link #moveDisk} keep their paths.
     *
     * @param host the destination host
     * @return the spec
     */
    public static MigrationSpec sharedNothing(String host) {
        return new MigrationSpec(Kind.SHARED_NOTHING, host, Map.of());
    }

    /**
     * One disk to a new file on the VM's own host.
     *
     * @param from the disk's current file
     * @param to   its new file
     * @return the spec
     */
    public static MigrationSpec storage(Path from, Path to) {
        return new MigrationSpec(Kind.STORAGE, "", Map.of(from, to));
    }

    /**
     * This spec with one more disk moved.
     *
     * @param from the disk's current file
     * @param to   its new file
     * @return a new spec
     */
    public MigrationSpec moveDisk(Path from, Path to) {
        Map<Path, Path> m = new LinkedHashMap<>(diskMoves);
        m.put(from, to);
        return new MigrationSpec(kind, destinationHost, m, plannedVm);
    }
}
