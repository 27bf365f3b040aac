package io.hyperv4j.vm;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a migration through Msvm_VirtualSystemMigrationService moves: the VM to another host with
 * its storage left where it is ({@link #live}), the VM and its storage to another host without a
 * cluster ({@link #sharedNothing}: Move-VM -IncludeStorage), or only the storage on its host
 * ({@link #storage}: Move-VMStorage). Disks to relocate are named by their current file.
 *
 * @param kind            what moves
 * @param destinationHost the destination host's name (for {@link Kind#STORAGE}, empty: the VM's own host)
 * @param diskMoves       current file of a disk to its new file
 */
public record MigrationSpec(Kind kind, String destinationHost, Map<Path, Path> diskMoves) {
    /** What moves, as MigrationType of Msvm_VirtualSystemMigrationSettingData names it. */
    public enum Kind {
        /** 32768 VirtualSystem: the running state and configuration; the disks stay. */
        LIVE(32768),
        /** 32771 VirtualSystemAndStorage: the VM and its disks (shared-nothing live migration). */
        SHARED_NOTHING(32771),
        /** 32769 Storage: the disks only, on the VM's host. */
        STORAGE(32769);

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
     * @throws IllegalArgumentException when a host-to-host move has no destination, a storage move no disk,
     *                                  a live move any disk, or a path is not absolute
     */
    public MigrationSpec {
        Objects.requireNonNull(kind, "kind");
        destinationHost = destinationHost == null ? "" : destinationHost.trim();
        diskMoves = Map.copyOf(Objects.requireNonNull(diskMoves, "diskMoves"));
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
        return new MigrationSpec(kind, destinationHost, m);
    }
}
